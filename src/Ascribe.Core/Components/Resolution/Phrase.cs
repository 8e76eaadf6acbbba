namespace Ascribe.Core.Components.Resolution;

/// <summary>
/// A noun phrase analysed for resolution: token range <c>[Start, End)</c>, its kind, and for names
/// the name run, for nominals the head token. Token indices are into the document.
/// </summary>
internal sealed class Phrase
{
    public PhraseKind Kind { get; init; }

    public int Start { get; init; }

    public int End { get; init; }

    /// <summary>Token range of the name (Kind = Name).</summary>
    public (int Start, int End) NameRun { get; init; }

    /// <summary>Head token of a nominal, or -1.</summary>
    public int Head { get; init; } = -1;

    /// <summary>Tokens of a role phrase written before an appositive name ("its president, Christine Lagarde"), or (0, 0).</summary>
    public (int Start, int End) Lead { get; init; }

    public bool Definite { get; init; }

    public bool Possessive { get; init; }

    public bool Plural { get; init; }

    /// <summary>Parts of a coordinated phrase (Kind = Group).</summary>
    public List<Phrase> Parts { get; } = new();
}
