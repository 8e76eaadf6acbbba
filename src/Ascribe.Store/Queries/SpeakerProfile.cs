namespace Ascribe.Store.Queries;

/// <summary>Everything the store knows about one cross-document speaker.</summary>
public sealed record SpeakerProfile(
    long Id,
    string Name,
    string Type,
    IReadOnlyList<string> Aliases,
    long Quotes,
    long Documents,
    string? FirstSeen,
    string? LastSeen,
    IReadOnlyList<(string Key, long Count)> Outlets,
    IReadOnlyList<(string Key, long Count)> Timeline,
    IReadOnlyList<(string Key, long Count)> Stances,
    IReadOnlyList<QuoteHit> Recent);
