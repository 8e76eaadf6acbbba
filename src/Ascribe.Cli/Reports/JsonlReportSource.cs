using System.Text.Json;
using Ascribe.Core.Reports;

namespace Ascribe.Cli.Reports;

/// <summary>
/// Reads the output of <c>ascribe analyze --format jsonl</c> (or <c>--format json</c>): files, or
/// folders searched recursively for <c>*.jsonl</c> and <c>*.json</c>. Each document must carry the
/// <c>audit</c> object.
/// </summary>
public sealed class JsonlReportSource : IReportSource
{
    private readonly IReadOnlyList<string> _paths;

    public JsonlReportSource(IReadOnlyList<string> paths)
    {
        _paths = paths;
    }

    /// <summary>Paths that do not exist; the command reports them before reading.</summary>
    public IEnumerable<string> Missing => _paths.Where(p => !File.Exists(p) && !Directory.Exists(p));

    public IEnumerable<ReportDocument> Read(Action<string> fail)
    {
        foreach (var file in Files())
        {
            if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                List<JsonElement> roots;
                try
                {
                    using var json = JsonDocument.Parse(File.ReadAllText(file));
                    roots = json.RootElement.ValueKind == JsonValueKind.Array
                        ? json.RootElement.EnumerateArray().Select(e => e.Clone()).ToList()
                        : new List<JsonElement> { json.RootElement.Clone() };
                }
                catch (JsonException ex)
                {
                    fail($"{file}: not valid JSON: {ex.Message}");
                    continue;
                }

                foreach (var root in roots)
                {
                    if (Parse(root, file, fail) is { } doc)
                    {
                        yield return doc;
                    }
                }

                continue;
            }

            int number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                ReportDocument? doc;
                try
                {
                    using var json = JsonDocument.Parse(line);
                    doc = Parse(json.RootElement, $"{file}, line {number}", fail);
                }
                catch (JsonException ex)
                {
                    fail($"{file}, line {number}: not valid JSON: {ex.Message}");
                    continue;
                }

                if (doc is not null)
                {
                    yield return doc;
                }
            }
        }
    }

    private IEnumerable<string> Files()
    {
        foreach (var path in _paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                             .Where(f => f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                             .Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
        }
    }

    private static ReportDocument? Parse(JsonElement root, string where, Action<string> fail)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            fail($"{where}: not an analyzed document (no \"id\")");
            return null;
        }

        if (!root.TryGetProperty("audit", out var audit) || audit.ValueKind != JsonValueKind.Object)
        {
            fail($"{where}: document '{id.GetString()}' has no \"audit\" object; analyze it again with this version");
            return null;
        }

        string? outlet = null, published = null;
        if (root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            outlet = Text(meta, "outlet");
            published = Text(meta, "published");
        }

        var byType = new Dictionary<string, int>(StringComparer.Ordinal);
        if (audit.TryGetProperty("attributions_by_type", out var types) && types.ValueKind == JsonValueKind.Object)
        {
            foreach (var t in types.EnumerateObject())
            {
                byType[t.Name] = t.Value.TryGetInt32(out int n) ? n : 0;
            }
        }

        var sources = new List<ReportSource>();
        if (audit.TryGetProperty("sources", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in list.EnumerateArray())
            {
                if (Text(s, "name") is { } name)
                {
                    sources.Add(new ReportSource(name, Text(s, "type") ?? "unknown", Int(s, "attributions")));
                }
            }
        }

        return new ReportDocument(id.GetString()!, outlet, ReportDocument.ParseDate(published), Int(audit, "attributions"), Int(audit, "anonymous_attributions"), byType, sources);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) ? n : 0;
}
