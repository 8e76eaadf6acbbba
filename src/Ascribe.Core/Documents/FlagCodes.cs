namespace Ascribe.Core.Documents;

/// <summary>The flag codes Ascribe emits; each is defined in docs/flags.md.</summary>
public static class FlagCodes
{
    public const string AnonymousSource = "anonymous-source";
    public const string SingleSourceClaim = "single-source-claim";
    public const string RelayedClaim = "relayed-claim";
    public const string DistancingCue = "distancing-cue";
    public const string HedgedClaim = "hedged-claim";
    public const string UnattributedQuote = "unattributed-quote";
    public const string TruncatedAttribution = "truncated-attribution";
    public const string ConflictingReports = "conflicting-reports";
    public const string InterestedParty = "interested-party";

    /// <summary>Every code, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } = new[]
    {
        AnonymousSource, SingleSourceClaim, RelayedClaim, DistancingCue, HedgedClaim,
        UnattributedQuote, TruncatedAttribution, ConflictingReports, InterestedParty,
    };
}
