using Ascribe.Core.Documents;
using Ascribe.Core.Serialization;

namespace Ascribe.Core.Reports;

/// <summary>One source of one document as a corpus report counts it.</summary>
/// <param name="Type">Source type name in kebab case, as in the JSON schema.</param>
public sealed record ReportSource(string Name, string Type, int Attributions);

/// <summary>
/// What a corpus report needs from one analyzed document. Built from a <see cref="Document"/>
/// after the audit ran, or by a reader of stored output (JSONL lines, a store).
/// </summary>
/// <param name="Outlet">Publishing outlet from the metadata, or null.</param>
/// <param name="Published">Publication time from the metadata, or null when absent or unreadable.</param>
/// <param name="AttributionsByType">Attribution counts by source type name.</param>
public sealed record ReportDocument(
    string Id,
    string? Outlet,
    DateTimeOffset? Published,
    int Attributions,
    int AnonymousAttributions,
    IReadOnlyDictionary<string, int> AttributionsByType,
    IReadOnlyList<ReportSource> Sources)
{
    /// <summary>Summarizes an analyzed document; the audit component must have run.</summary>
    public static ReportDocument FromDocument(Document doc)
    {
        var audit = doc.Audit ?? throw new InvalidOperationException($"Document '{doc.Id}' has no audit; run the audit component first.");
        return new ReportDocument(
            doc.Id,
            doc.Meta.GetValueOrDefault("outlet"),
            ParseDate(doc.Meta.GetValueOrDefault("published")),
            audit.Attributions,
            audit.AnonymousAttributions,
            new Dictionary<string, int>(audit.AttributionsByType, StringComparer.Ordinal),
            audit.Sources.Select(s => new ReportSource(s.Name, DocumentJson.TypeName(s.Type), s.Attributions)).ToList());
    }

    /// <summary>Reads ISO 8601 dates and date-times ("2023-02-20", "2023-02-20T10:00:00Z"); null when it cannot.</summary>
    public static DateTimeOffset? ParseDate(string? text) =>
        !string.IsNullOrWhiteSpace(text) && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AllowWhiteSpaces, out var date)
            ? date
            : null;
}
