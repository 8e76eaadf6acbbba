namespace Ascribe.Store.Queries;

/// <summary>One speaker in <c>ascribe entities list</c>.</summary>
public sealed record SpeakerSummary(long Id, string Name, string Type, IReadOnlyList<string> Aliases, long Quotes, long Documents, IReadOnlyList<long> MergedIds);
