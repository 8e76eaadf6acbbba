namespace Ascribe.Store.Queries;

/// <summary>Row counts of a store, for summaries and tests.</summary>
public sealed record StoreCounts(long Documents, long NearDuplicates, long Attributions, long Speakers, long Quotes, long TrackedQuotes, long Pending, long Done, long Failed);
