using System.Globalization;
using System.Text;
using Ascribe.Core.Reports;

namespace Ascribe.Cli.Reports;

/// <summary>The corpus report as CSV tables (RFC 4180, UTF-8, LF line ends).</summary>
public static class ReportCsv
{
    public static string TopSpeakers(CorpusReport report) => Table(
        new[] { "speaker", "type", "attributions", "documents" },
        report.TopSpeakers.Select(s => new[] { s.Name, s.Type, Int(s.Attributions), Int(s.Documents) }));

    public static string OutletTypes(CorpusReport report) => Table(
        new[] { "outlet", "type", "attributions", "share" },
        report.OutletTypes.Select(o => new[] { o.Outlet, o.Type, Int(o.Attributions), Share(o.Share) }));

    public static string AnonymousByMonth(CorpusReport report) => Table(
        new[] { "month", "documents", "attributions", "anonymous", "share" },
        report.AnonymousByMonth.Select(p => new[] { p.Period, Int(p.Documents), Int(p.Attributions), Int(p.Anonymous), Share(p.Share) }));

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Share(double share) => share.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', header)).Append('\n');
        foreach (var row in rows)
        {
            csv.Append(string.Join(',', row.Select(Field))).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Quotes a field when needed; a leading = + - @ gets a ' so spreadsheets do not run it as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny(new[] { ',', '"', '\n', '\r' }) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
