namespace Ascribe.Store.Queries;

/// <summary>One stored article in a listing.</summary>
public sealed record DocumentSummary(long Id, string ExternalId, string? Title, string? Outlet, string? Published, string? Url, long Attributions, long? DuplicateOf);
