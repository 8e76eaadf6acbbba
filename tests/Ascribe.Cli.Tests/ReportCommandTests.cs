using System.Text;
using System.Text.RegularExpressions;

namespace Ascribe.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ascribe-report-" + Guid.NewGuid().ToString("N"));

    public ReportCommandTests()
    {
        Directory.CreateDirectory(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Report_OverAnalyzedJsonl_WritesHtmlWithChartsAndCsv()
    {
        string outDir = Path.Combine(_dir, "out");
        var result = CliRunner.Run("report", CliRunner.Data("report", "analyzed.jsonl"), "--out", outDir);
        Assert.Equal(0, result.ExitCode);

        Assert.Equal(
            "speaker,type,attributions,documents\n" +
            "John Smith,person,4,3\n" +
            "\"'=HYPERLINK(\"\"x\"\")\",media,2,1\n" +
            "officials,anonymous,2,1\n" +
            "The Kremlin,government,1,1\n" +
            "a source,anonymous,1,1\n",
            File.ReadAllText(Path.Combine(outDir, "top-speakers.csv")));
        Assert.Equal(
            "outlet,type,attributions,share\n" +
            "Daily Planet,anonymous,2,0.3333\n" +
            "Daily Planet,government,1,0.1667\n" +
            "Daily Planet,person,3,0.5\n" +
            "\"The <b>Gazette</b>, \"\"weekly\"\"\",anonymous,1,0.25\n" +
            "\"The <b>Gazette</b>, \"\"weekly\"\"\",media,2,0.5\n" +
            "\"The <b>Gazette</b>, \"\"weekly\"\"\",person,1,0.25\n",
            File.ReadAllText(Path.Combine(outDir, "outlet-types.csv")));
        Assert.Equal(
            "month,documents,attributions,anonymous,share\n" +
            "2023-01,1,4,2,0.5\n" +
            "2023-02,2,5,1,0.2\n",
            File.ReadAllText(Path.Combine(outDir, "anonymous-by-month.csv")));

        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        var charts = Regex.Matches(html, "<img class=\"chart\" alt=\"[^\"]*\" src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\">");
        Assert.Equal(3, charts.Count);
        foreach (Match chart in charts)
        {
            string svg = Encoding.UTF8.GetString(Convert.FromBase64String(chart.Groups[1].Value));
            Assert.Contains("<svg", svg, StringComparison.Ordinal);
        }

        Assert.Contains("The &lt;b&gt;Gazette&lt;/b&gt;, &quot;weekly&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("1 documents without a publication date", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_AfterAnalyze_CountsSpeakersOfRealOutput()
    {
        string articles = Path.Combine(_dir, "articles.jsonl");
        File.WriteAllText(articles,
            "{\"id\":\"a1\",\"outlet\":\"Planet\",\"published\":\"2023-03-01\",\"text\":\"Officials said the bridge may close. John Smith said the bridge was safe.\"}\n" +
            "{\"id\":\"a2\",\"outlet\":\"Gazette\",\"published\":\"2023-04-01\",\"text\":\"John Smith said the war would end.\"}\n");
        string analyzed = Path.Combine(_dir, "analyzed");
        Assert.Equal(0, CliRunner.Run("analyze", articles, "--out", analyzed).ExitCode);

        string outDir = Path.Combine(_dir, "report");
        var result = CliRunner.Run("report", analyzed, "--out", outDir);

        Assert.Equal(0, result.ExitCode);
        string[] speakers = File.ReadAllLines(Path.Combine(outDir, "top-speakers.csv"));
        // The type is whatever the speaker stage decides; the counts are the report's.
        Assert.Matches("^John Smith,[a-z]+,2,2$", speakers[1]);
        Assert.Contains("Officials,anonymous,1,1", speakers);
        Assert.Equal(new[] { "month,documents,attributions,anonymous,share", "2023-03,1,2,1,0.5", "2023-04,1,1,0,0" },
            File.ReadAllLines(Path.Combine(outDir, "anonymous-by-month.csv")));
    }

    [Fact]
    public void Report_OverAStore_RecomputesTheAuditFromStoredAttributions()
    {
        string articles = Path.Combine(_dir, "articles.jsonl");
        File.WriteAllText(articles,
            "{\"id\":\"a1\",\"outlet\":\"Planet\",\"published\":\"2023-03-01\",\"text\":\"Officials said the bridge may close. John Smith said the bridge was safe.\"}\n" +
            "{\"id\":\"a2\",\"outlet\":\"Gazette\",\"published\":\"2023-04-01\",\"text\":\"John Smith said the war would end soon, and the harvest was good this year.\"}\n");
        string db = Path.Combine(_dir, "corpus.db");
        Assert.Equal(0, CliRunner.Run("ingest", articles, "--db", db).ExitCode);

        string outDir = Path.Combine(_dir, "report");
        var result = CliRunner.Run("report", "--db", db, "--out", outDir);

        Assert.Equal(0, result.ExitCode);
        string[] speakers = File.ReadAllLines(Path.Combine(outDir, "top-speakers.csv"));
        Assert.Matches("^John Smith,[a-z]+,2,2$", speakers[1]);
        Assert.Equal(new[] { "month,documents,attributions,anonymous,share", "2023-03,1,2,1,0.5", "2023-04,1,1,0,0" },
            File.ReadAllLines(Path.Combine(outDir, "anonymous-by-month.csv")));
        Assert.Contains("Planet", File.ReadAllText(Path.Combine(outDir, "outlet-types.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_PathsAndDbTogether_IsUsageError()
    {
        var result = CliRunner.Run("report", CliRunner.Data("report", "analyzed.jsonl"), "--db", Path.Combine(_dir, "x.db"), "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Report_BadLinesAreOneLineErrors_TheRestIsReported()
    {
        string input = Path.Combine(_dir, "mixed.jsonl");
        File.WriteAllLines(input, new[]
        {
            File.ReadLines(CliRunner.Data("report", "analyzed.jsonl")).First(),
            "{not json",
            "{\"id\":\"old\",\"attributions\":[]}",
        });
        var result = CliRunner.Run("report", input, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(1, result.ExitCode);
        var errors = result.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(2, errors.Length);
        Assert.StartsWith($"ascribe: error: {input}, line 2: not valid JSON", errors[0], StringComparison.Ordinal);
        Assert.Equal($"ascribe: error: {input}, line 3: document 'old' has no \"audit\" object; analyze it again with this version", errors[1]);
        Assert.True(File.Exists(Path.Combine(_dir, "out", "report.html")));
    }

    [Fact]
    public void Report_MissingInput_IsFatal()
    {
        var result = CliRunner.Run("report", "/no/such/file.jsonl", "--out", Path.Combine(_dir, "out"));
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("ascribe: error: /no/such/file.jsonl: no such file or folder\n", result.Error);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }
}
