using Ascribe.Core.Documents;

namespace Ascribe.Core.Components.Audit;

/// <summary>
/// What the audit knows about one source: a resolved entity or, when the document has no
/// entities, a fallback key built from the source text.
/// </summary>
/// <param name="Key">Entity id, or <c>src:</c> plus the lower-case source text.</param>
/// <param name="Name">Display name.</param>
/// <param name="Interest">Why the party has a stake in what it reports ("government", "ministry"), or null when it has none.</param>
/// <param name="Mention">Where the source is named near the attribution, when known.</param>
internal sealed record SourceParty(string Key, string Name, SourceType Type, string? Interest, TextSpan? Mention);

/// <summary>The audit's view of one attribution, computed before any flag is written.</summary>
internal sealed class AttributionFacts
{
    public required int Index { get; init; }

    public required Documents.Attribution Attribution { get; init; }

    /// <summary>The speaker, or null when the source is missing or a bare pronoun with no entity.</summary>
    public SourceParty? Speaker { get; init; }

    /// <summary>Parties the speaker relies on ("citing X", "learned from X"), resolved or fallback.</summary>
    public List<SourceParty> Cited { get; } = new();

    /// <summary>The words that mark the attribution as second hand ("citing", "learned from", the outer cue of a nested attribution).</summary>
    public TextSpan? RelayMarker { get; set; }

    /// <summary>Index of an attribution whose content holds this one ("according to Reuters, officials said ...").</summary>
    public int? NestedIn { get; set; }

    public bool Relayed => Cited.Count > 0 || RelayMarker is not null || NestedIn is not null;

    /// <summary>Stance class of the cue: the attribution's own, else the cue lexicon's.</summary>
    public string? Stance { get; init; }

    /// <summary>Sentence index of the cue (or of the content when there is no cue).</summary>
    public int Sentence { get; init; }

    /// <summary>Topic words of the content: lower case, crude stems, no function words.</summary>
    public required HashSet<string> Topic { get; init; }

    /// <summary>True when the content contains a negation word.</summary>
    public bool Negated { get; init; }

    /// <summary>The hedge word or phrase found in the content, or null.</summary>
    public string? Hedge { get; init; }

    public TextSpan Extent => Attribution.ContentExtent;

    /// <summary>Where the source is for a flag: the source span, else the cue, else the content.</summary>
    public TextSpan Anchor => Attribution.Source ?? Attribution.Cue ?? Extent;

    /// <summary>The independent origin of the report: the first party cited, else the speaker.</summary>
    public SourceParty? Root => Cited.Count > 0 ? Cited[0] : Speaker;

    public bool Anonymous => Speaker?.Type == SourceType.Anonymous || Cited.Any(c => c.Type == SourceType.Anonymous);
}
