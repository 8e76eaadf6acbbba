namespace Ascribe.Web.Analysis;

/// <summary>
/// Body of <c>POST /api/analyze</c> as JSON. Exactly one of <see cref="Text"/> (plain text) and
/// <see cref="Html"/> (an HTML page whose readable text is analyzed) is required; the rest is
/// metadata carried into the output's <c>meta</c>.
/// </summary>
public sealed record AnalyzeRequest
{
    public string? Id { get; init; }

    public string? Text { get; init; }

    public string? Html { get; init; }

    public string? Title { get; init; }

    public string? Url { get; init; }

    public string? Outlet { get; init; }

    public string? Published { get; init; }

    public string? Author { get; init; }
}
