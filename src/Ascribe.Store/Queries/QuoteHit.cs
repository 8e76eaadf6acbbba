namespace Ascribe.Store.Queries;

/// <summary>One stored attribution with the article it appeared in.</summary>
public sealed record QuoteHit(
    long AttributionId,
    long DocumentId,
    string ExternalId,
    string? Title,
    string? Outlet,
    string? Published,
    string? Url,
    string? Speaker,
    string? Source,
    string? Cue,
    string Content,
    string Kind,
    string? Stance,
    long? DuplicateOf);
