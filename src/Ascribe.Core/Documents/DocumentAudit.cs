namespace Ascribe.Core.Documents;

/// <summary>
/// The sourcing verdict for one document, filled by the audit component: who is cited how often,
/// how many sources are independent, named or anonymous, and what the lead claim rests on.
/// Flag definitions are in docs/flags.md.
/// </summary>
public sealed class DocumentAudit
{
    /// <summary>Number of attributions in the document.</summary>
    public int Attributions { get; set; }

    /// <summary>Distinct speakers (resolved entities, or distinct source texts when no entities exist).</summary>
    public int Speakers { get; set; }

    /// <summary>Distinct speakers that have a name: not anonymous and not unknown.</summary>
    public int NamedSpeakers { get; set; }

    /// <summary>Distinct speakers whose reports are not relayed through another speaker in this document.</summary>
    public int IndependentSpeakers { get; set; }

    /// <summary>Attributions whose source could not be tied to a speaker (a bare pronoun with no entity).</summary>
    public int UnresolvedAttributions { get; set; }

    /// <summary>Attribution counts by source type name (kebab case, as in the JSON schema).</summary>
    public SortedDictionary<string, int> AttributionsByType { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct speaker counts by source type name.</summary>
    public SortedDictionary<string, int> SpeakersByType { get; } = new(StringComparer.Ordinal);

    /// <summary>Attributions whose speaker, or a speaker they cite, is anonymous.</summary>
    public int AnonymousAttributions { get; set; }

    /// <summary>Attributions that reach the reader second hand (the speaker cites, learned from or quotes someone).</summary>
    public int RelayedAttributions { get; set; }

    /// <summary><see cref="AnonymousAttributions"/> / <see cref="Attributions"/>, 0 when there are none.</summary>
    public double AnonymousShare => Attributions == 0 ? 0 : (double)AnonymousAttributions / Attributions;

    /// <summary><see cref="RelayedAttributions"/> / <see cref="Attributions"/>, 0 when there are none.</summary>
    public double RelayedShare => Attributions == 0 ? 0 : (double)RelayedAttributions / Attributions;

    /// <summary>Quotations of four or more words that no attribution covers.</summary>
    public int UnattributedQuotes { get; set; }

    /// <summary>Ids (or fallback keys) of speakers who have a stake in what they report: governments, countries, officials, parties.</summary>
    public List<string> InterestedParties { get; } = new();

    /// <summary>The headline or lead claim and its support, or null when the lead has no attribution.</summary>
    public LeadClaim? Lead { get; set; }

    /// <summary>Every source the audit counted, in order of first appearance.</summary>
    public List<AuditSource> Sources { get; } = new();

    /// <summary>For each attribution (same index as <see cref="Document.Attributions"/>), the id of its source in <see cref="Sources"/>, or null when unresolved.</summary>
    public List<string?> AttributionSources { get; } = new();

    /// <summary>Pairs of attributions whose reports conflict (see the conflicting-reports flag).</summary>
    public List<ConflictingPair> Conflicts { get; } = new();

    /// <summary>Number of flags by code.</summary>
    public SortedDictionary<string, int> FlagCounts { get; } = new(StringComparer.Ordinal);
}
