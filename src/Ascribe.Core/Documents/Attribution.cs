namespace Ascribe.Core.Documents;

/// <summary>One attribution relation: who (<see cref="Source"/>) said (<see cref="Cue"/>) what (<see cref="Content"/>).</summary>
public sealed class Attribution
{
    public AttributionKind Kind { get; set; }

    public TextSpan? Source { get; set; }

    public TextSpan? Cue { get; set; }

    /// <summary>Content fragments in text order; more than one when the content is interrupted by the cue or source.</summary>
    public List<TextSpan> Content { get; } = new();

    /// <summary>Id of the entity the source resolves to, or null.</summary>
    public string? Speaker { get; set; }

    /// <summary>Ids of entities the speaker relied on ("citing Y", "learned from Y").</summary>
    public List<string> Cites { get; } = new();

    /// <summary>Id of the outlet or event where it was said ("told the newspaper Y", "in an interview with Y").</summary>
    public string? Venue { get; set; }

    /// <summary>Stance class of the cue: neutral, distancing, endorsing, belief, emphatic, ...</summary>
    public string? Stance { get; set; }

    /// <summary>True when the content is hedged ("may", "reportedly", conditional).</summary>
    public bool Hedged { get; set; }

    /// <summary>Model or rule confidence in [0, 1].</summary>
    public double Confidence { get; set; } = 1.0;

    /// <summary>Name of the component or rule that produced this attribution.</summary>
    public string? Origin { get; set; }

    public TextSpan ContentExtent => Content.Count == 0
        ? default
        : new TextSpan(Content[0].Start, Content[^1].End);
}
