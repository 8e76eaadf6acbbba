namespace Ascribe.Core.Reports;

/// <summary>A speaker across the corpus: name as written (case folded for grouping), most frequent type.</summary>
public sealed record SpeakerTotal(string Name, string Type, int Attributions, int Documents);

/// <summary>Attributions of one source type in one outlet, and their share of the outlet's attributions.</summary>
public sealed record OutletTypeShare(string Outlet, string Type, int Attributions, double Share);

/// <summary>Anonymous attributions in one period (a calendar month, "yyyy-MM").</summary>
public sealed record PeriodShare(string Period, int Documents, int Attributions, int Anonymous, double Share);

/// <summary>
/// Corpus aggregates over analyzed documents: top speakers, source-type mix per outlet and the
/// anonymous share by month. Pure computation; readers and renderers live with the caller.
/// </summary>
public sealed class CorpusReport
{
    /// <summary>Outlet name used for documents without one.</summary>
    public const string NoOutlet = "(no outlet)";

    private CorpusReport(int documents, int attributions, int undated, List<SpeakerTotal> speakers, List<OutletTypeShare> outlets, List<PeriodShare> periods)
    {
        Documents = documents;
        Attributions = attributions;
        Undated = undated;
        TopSpeakers = speakers;
        OutletTypes = outlets;
        AnonymousByMonth = periods;
    }

    public int Documents { get; }

    public int Attributions { get; }

    /// <summary>Documents without a readable publication date (left out of <see cref="AnonymousByMonth"/>).</summary>
    public int Undated { get; }

    /// <summary>Speakers by attributions, most first (ties by name).</summary>
    public IReadOnlyList<SpeakerTotal> TopSpeakers { get; }

    /// <summary>Per outlet (by name) and type (by name).</summary>
    public IReadOnlyList<OutletTypeShare> OutletTypes { get; }

    /// <summary>Months in time order.</summary>
    public IReadOnlyList<PeriodShare> AnonymousByMonth { get; }

    public static CorpusReport Build(IEnumerable<ReportDocument> documents, int topSpeakers = 20)
    {
        int count = 0, attributions = 0, undated = 0;
        var speakers = new Dictionary<string, (string Name, Dictionary<string, int> Types, int Attributions, int Documents)>(StringComparer.OrdinalIgnoreCase);
        var outlets = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        var months = new SortedDictionary<string, (int Documents, int Attributions, int Anonymous)>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            count++;
            attributions += doc.Attributions;
            foreach (var source in doc.Sources.Where(s => s.Attributions > 0).GroupBy(s => s.Name.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                if (!speakers.TryGetValue(source.Key, out var total))
                {
                    total = (source.Key, new Dictionary<string, int>(StringComparer.Ordinal), 0, 0);
                }

                int n = source.Sum(s => s.Attributions);
                foreach (var s in source)
                {
                    total.Types[s.Type] = total.Types.GetValueOrDefault(s.Type) + s.Attributions;
                }

                speakers[source.Key] = (total.Name, total.Types, total.Attributions + n, total.Documents + 1);
            }

            string outlet = string.IsNullOrWhiteSpace(doc.Outlet) ? NoOutlet : doc.Outlet.Trim();
            if (!outlets.TryGetValue(outlet, out var types))
            {
                outlets[outlet] = types = new SortedDictionary<string, int>(StringComparer.Ordinal);
            }

            foreach (var (type, n) in doc.AttributionsByType)
            {
                types[type] = types.GetValueOrDefault(type) + n;
            }

            if (doc.Published is { } published)
            {
                string month = published.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                var m = months.GetValueOrDefault(month);
                months[month] = (m.Documents + 1, m.Attributions + doc.Attributions, m.Anonymous + doc.AnonymousAttributions);
            }
            else
            {
                undated++;
            }
        }

        var top = speakers.Values
            .Select(s => new SpeakerTotal(s.Name, s.Types.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).First().Key, s.Attributions, s.Documents))
            .OrderByDescending(s => s.Attributions).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(topSpeakers)
            .ToList();
        var mix = new List<OutletTypeShare>();
        foreach (var (outlet, types) in outlets)
        {
            int total = types.Values.Sum();
            foreach (var (type, n) in types)
            {
                mix.Add(new OutletTypeShare(outlet, type, n, total == 0 ? 0 : (double)n / total));
            }
        }

        var periods = months.Select(m => new PeriodShare(m.Key, m.Value.Documents, m.Value.Attributions, m.Value.Anonymous,
            m.Value.Attributions == 0 ? 0 : (double)m.Value.Anonymous / m.Value.Attributions)).ToList();
        return new CorpusReport(count, attributions, undated, top, mix, periods);
    }
}
