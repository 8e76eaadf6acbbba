using System.Globalization;
using System.Text;
using Ascribe.Core.Reports;
using Ascribe.Core.Serialization;
using ScottPlot;

namespace Ascribe.Cli.Reports;

/// <summary>
/// The corpus report as one self-contained HTML page: charts drawn with ScottPlot as SVG and
/// embedded as data: images (so nothing in them can run), and the same tables as the CSV files.
/// </summary>
public static class ReportHtml
{
    private static readonly Dictionary<string, string> TypeColors = new(StringComparer.Ordinal)
    {
        ["person"] = "#2e7d32",
        ["organization"] = "#6a1b9a",
        ["government"] = "#c62828",
        ["media"] = "#1565c0",
        ["anonymous"] = "#212121",
        ["document"] = "#795548",
        ["country"] = "#ef6c00",
        ["unknown"] = "#9e9e9e",
    };

    public static string Render(CorpusReport report)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(DocumentHtml.ContentSecurityPolicy).Append("\">\n");
        html.Append("<meta name=\"referrer\" content=\"no-referrer\">\n<title>Ascribe corpus report</title>\n");
        html.Append("""
<style>
body { margin: 0; font: 15px/1.5 system-ui, "DejaVu Sans", sans-serif; color: #1d1d1f; background: #fafaf7; }
header { padding: 12px 28px; background: #20232a; color: #f4f4f4; }
header h1 { margin: 4px 0; font-size: 22px; }
main { padding: 16px 28px; max-width: 1100px; }
section { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 10px 16px; margin-bottom: 18px; }
h2 { font-size: 17px; margin: 4px 0 10px; }
img.chart { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; margin-top: 8px; }
td, th { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #666; }
</style>

""");
        html.Append("</head>\n<body>\n<header><h1>Ascribe corpus report</h1><p>")
            .Append(Int(report.Documents)).Append(" documents · ").Append(Int(report.Attributions)).Append(" attributions · ")
            .Append(Int(report.OutletTypes.Select(o => o.Outlet).Distinct().Count())).Append(" outlets</p></header>\n<main>\n");

        Section(
            html,
            "top-speakers",
            "Top speakers",
            report.TopSpeakers.Count == 0 ? "No speakers found." : null,
            () => TopSpeakersChart(report),
            "Top speakers by number of attributions",
            new[] { "speaker", "type", "attributions", "documents" },
            report.TopSpeakers.Select(s => new[] { Encode(s.Name), Encode(s.Type), Int(s.Attributions), Int(s.Documents) }),
            numericFrom: 2,
            "top-speakers.csv");
        Section(
            html,
            "outlet-types",
            "Source types per outlet",
            report.OutletTypes.Count == 0 ? "No attributions found." : null,
            () => OutletTypesChart(report),
            "Share of attributions by source type, per outlet",
            new[] { "outlet", "type", "attributions", "share" },
            report.OutletTypes.Select(o => new[] { Encode(o.Outlet), Encode(o.Type), Int(o.Attributions), Pct(o.Share) }),
            numericFrom: 2,
            "outlet-types.csv");
        Section(
            html,
            "anonymous-over-time",
            "Anonymous share over time",
            report.AnonymousByMonth.Count == 0 ? "No document has a readable publication date (meta.published)." : null,
            () => AnonymousChart(report),
            "Share of attributions with an anonymous source, by month",
            new[] { "month", "documents", "attributions", "anonymous", "share" },
            report.AnonymousByMonth.Select(p => new[] { Encode(p.Period), Int(p.Documents), Int(p.Attributions), Int(p.Anonymous), Pct(p.Share) }),
            numericFrom: 1,
            "anonymous-by-month.csv",
            report.Undated > 0 ? Int(report.Undated) + " documents without a publication date are left out of this chart." : null);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>One report section: a chart and its table (cells already HTML-encoded), or a note when there is nothing to show, and the CSV link.</summary>
    private static void Section(
        StringBuilder html,
        string id,
        string title,
        string? emptyNote,
        Func<string> chart,
        string alt,
        string[] headers,
        IEnumerable<string[]> rows,
        int numericFrom,
        string csv,
        string? note = null)
    {
        html.Append("<section id=\"").Append(id).Append("\"><h2>").Append(Encode(title)).Append("</h2>\n");
        if (emptyNote is not null)
        {
            html.Append("<p class=\"note\">").Append(Encode(emptyNote)).Append("</p>\n");
        }
        else
        {
            Chart(html, chart(), alt);
            html.Append("<table><tr>");
            foreach (var h in headers)
            {
                html.Append("<th>").Append(Encode(h)).Append("</th>");
            }

            html.Append("</tr>\n");
            foreach (var row in rows)
            {
                html.Append("<tr>");
                for (int i = 0; i < row.Length; i++)
                {
                    html.Append(i >= numericFrom ? "<td class=\"n\">" : "<td>").Append(row[i]).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</table>\n");
        }

        if (note is not null)
        {
            html.Append("<p class=\"note\">").Append(Encode(note)).Append("</p>\n");
        }

        html.Append("<p><a href=\"").Append(csv).Append("\">").Append(csv).Append("</a></p></section>\n");
    }

    private static void Chart(StringBuilder html, string svg, string alt) =>
        html.Append("<img class=\"chart\" alt=\"").Append(Encode(alt)).Append("\" src=\"data:image/svg+xml;base64,")
            .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))).Append("\">\n");

    private static string TopSpeakersChart(CorpusReport report)
    {
        var plot = new Plot();
        var speakers = report.TopSpeakers.Reverse().ToList();
        var bars = new List<Bar>();
        for (int i = 0; i < speakers.Count; i++)
        {
            bars.Add(new Bar { Position = i, Value = speakers[i].Attributions, FillColor = TypeColor(speakers[i].Type), Orientation = Orientation.Horizontal });
        }

        plot.Add.Bars(bars);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, speakers.Count).Select(i => (double)i).ToArray(), speakers.Select(s => Label(s.Name)).ToArray());
        plot.Axes.Margins(left: 0);
        plot.XLabel("attributions");
        Legend(plot, speakers.Select(s => s.Type).Distinct());
        return plot.GetSvgXml(900, Math.Max(240, 40 + speakers.Count * 26));
    }

    private static string OutletTypesChart(CorpusReport report)
    {
        var plot = new Plot();
        var outlets = report.OutletTypes.Select(o => o.Outlet).Distinct().ToList();
        var types = report.OutletTypes.Select(o => o.Type).Distinct().Order(StringComparer.Ordinal).ToList();
        var bars = new List<Bar>();
        for (int i = 0; i < outlets.Count; i++)
        {
            double start = 0;
            foreach (var type in types)
            {
                var share = report.OutletTypes.FirstOrDefault(o => o.Outlet == outlets[i] && o.Type == type);
                if (share is null || share.Share <= 0)
                {
                    continue;
                }

                bars.Add(new Bar { Position = i, ValueBase = start, Value = start + share.Share * 100, FillColor = TypeColor(type) });
                start += share.Share * 100;
            }
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, outlets.Count).Select(i => (double)i).ToArray(), outlets.Select(Label).ToArray());
        plot.Axes.SetLimitsY(0, 100);
        plot.YLabel("% of attributions");
        Legend(plot, types);
        return plot.GetSvgXml(900, 420);
    }

    private static string AnonymousChart(CorpusReport report)
    {
        var plot = new Plot();
        var months = report.AnonymousByMonth;
        double[] xs = Enumerable.Range(0, months.Count).Select(i => (double)i).ToArray();
        double[] ys = months.Select(m => m.Share * 100).ToArray();
        var line = plot.Add.Scatter(xs, ys);
        line.Color = Color.FromHex("#212121");
        line.LineWidth = 2;
        line.MarkerSize = 7;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, months.Select(m => m.Period).ToArray());
        plot.Axes.SetLimitsY(0, Math.Max(10, Math.Ceiling(ys.Max() / 10) * 10 + 5));
        if (xs.Length == 1)
        {
            plot.Axes.SetLimitsX(-1, 1);
        }

        plot.YLabel("% anonymous");
        return plot.GetSvgXml(900, 360);
    }

    private static void Legend(Plot plot, IEnumerable<string> types)
    {
        foreach (var type in types)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = type, FillColor = TypeColor(type) });
        }

        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.LowerRight;
    }

    private static Color TypeColor(string type) => Color.FromHex(TypeColors.GetValueOrDefault(type, "#9e9e9e"));

    /// <summary>Chart labels: one line, at most 32 characters, markup characters dropped.</summary>
    private static string Label(string text)
    {
        var clean = new string(text.ReplaceLineEndings(" ").Where(c => c is not ('<' or '>' or '&')).ToArray()).Trim();
        return clean.Length <= 32 ? clean : clean[..31] + "…";
    }

    private static string Encode(string text) => DocumentHtml.Encode(text);

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
