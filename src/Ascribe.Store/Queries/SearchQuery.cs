namespace Ascribe.Store.Queries;

/// <summary>Filters of <c>ascribe search</c>; every filter is optional and they combine with AND.</summary>
public sealed record SearchQuery
{
    /// <summary>Words that must all occur in the quote content (stemmed full-text match).</summary>
    public string? Text { get; init; }

    public string? Speaker { get; init; }

    public string? Outlet { get; init; }

    /// <summary>Inclusive lower bound on the publication date (ISO 8601).</summary>
    public string? Since { get; init; }

    /// <summary>Inclusive upper bound on the publication date (ISO 8601 date).</summary>
    public string? Until { get; init; }

    /// <summary>Attribution kind (direct, indirect, mixed, according) or speaker type (person, government, anonymous, ...).</summary>
    public string? Type { get; init; }

    public int Limit { get; init; } = 50;
}
