namespace Ascribe.Core.Documents;

/// <summary>A view of one token of a <see cref="Document"/>; cheap to copy, holds no text of its own.</summary>
public readonly struct Token
{
    private readonly Document _doc;

    internal Token(Document doc, int index)
    {
        _doc = doc;
        Index = index;
    }

    public int Index { get; }

    private ref TokenData Data => ref _doc.TokenArray[Index];

    public int Start => Data.Start;

    public int End => Data.End;

    public TokenKind Kind => Data.Kind;

    public TextSpan Span => new(Data.Start, Data.End);

    /// <summary>The token as written in the original text.</summary>
    public string Text => _doc.Text.Substring(Data.Start, Data.End - Data.Start);

    /// <summary>The token in the normalized text (NFC, plain apostrophes and spaces).</summary>
    public string Norm => _doc.Normalized.Text.Substring(Data.NormStart, Data.NormEnd - Data.NormStart);

    public ReadOnlySpan<char> NormSpan => _doc.Normalized.Text.AsSpan(Data.NormStart, Data.NormEnd - Data.NormStart);

    public string? Tag => Data.Tag;

    public string? Lemma => Data.Lemma;

    public string? Ner => Data.Ner;

    public int Head => Data.Head;

    public string? Dep => Data.Dep;

    public int Sentence => Data.Sentence;

    public bool SpaceAfter => Data.SpaceAfter;

    public override string ToString() => Text;
}
