using System.Text.Json;

namespace Ascribe.Cli.Tests;

/// <summary>The audit in the analyze formats: JSON object, HTML pages, terminal table.</summary>
public sealed class AuditOutputTests
{
    [Fact]
    public void AnalyzeHtml_WithoutOut_IsUsageError()
    {
        var result = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"), "--format", "html");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--format html writes one file per document: give --out DIR.", result.Error + result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalyzeHtml_WritesOneSelfContainedPagePerDocument()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ascribe-html-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(dir);
            string input = Path.Combine(dir, "in.jsonl");
            File.WriteAllText(input,
                "{\"id\":\"a/1\",\"title\":\"First <b>story</b>\",\"text\":\"\\\"We will win,\\\" the general said. <script>alert(1)</script>\"}\n" +
                "{\"id\":\"a2\",\"text\":\"Officials said the talks may fail.\"}\n");
            string outDir = Path.Combine(dir, "out");
            var result = CliRunner.Run("analyze", input, "--format", "html", "--out", outDir);
            Assert.Equal(0, result.ExitCode);
            var files = Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "a2.html", "a_1.html" }, files);
            string html = File.ReadAllText(Path.Combine(outDir, "a_1.html"));
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains("First &lt;b&gt;story&lt;/b&gt;", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<span class=\"src sp0\"", html, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Fact]
    public void AnalyzeJson_CarriesTheAuditObject()
    {
        var result = CliRunner.RunWithInput("A senior official said the talks may fail. John Smith said the talks were over.", "analyze", "-");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var audit = json.RootElement.GetProperty("audit");
        Assert.Equal(2, audit.GetProperty("attributions").GetInt32());
        Assert.Equal(1, audit.GetProperty("anonymous_attributions").GetInt32());
        Assert.Equal(0.5, audit.GetProperty("anonymous_share").GetDouble());
        Assert.Equal(1, audit.GetProperty("speakers_by_type").GetProperty("anonymous").GetInt32());
        var sources = audit.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToArray();
        Assert.Equal(new[] { "A senior official", "John Smith" }, sources);
        var flags = json.RootElement.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToArray();
        Assert.Contains("anonymous-source", flags);
        Assert.Contains("hedged-claim", flags);
    }

    [Fact]
    public void AnalyzeSample_AuditSurfacesTheSourcingProblems()
    {
        var result = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"));
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        var flags = root.GetProperty("flags").EnumerateArray()
            .Select(f => (Code: f.GetProperty("code").GetString()!, Text: f.GetProperty("text").GetString()!))
            .ToList();
        string[] Texts(string code) => flags.Where(f => f.Code == code).Select(f => f.Text).ToArray();

        // Both anonymous sources, each relayed by an outlet.
        Assert.Contains(Texts("anonymous-source"), t => t.Contains("Russian billionaire", StringComparison.Ordinal));
        Assert.Contains("Western government and intelligence circles", Texts("anonymous-source"));
        Assert.Equal(2, Texts("relayed-claim").Length);

        // Both damaged attributions.
        Assert.Equal(new[] { "she explained in an interview with", "she told" }, Texts("truncated-attribution"));

        // The headline claim rests on one interested speaker.
        var audit = root.GetProperty("audit");
        var lead = audit.GetProperty("lead_claim");
        Assert.Equal("the plan is already underway", lead.GetProperty("content").GetProperty("text").GetString());
        Assert.Equal(1, lead.GetProperty("independent_speakers").GetInt32());
        Assert.Equal("Ukraine", Assert.Single(lead.GetProperty("speakers").EnumerateArray()).GetProperty("name").GetString());
        Assert.True(lead.GetProperty("interested").GetBoolean());
        Assert.Equal(new[] { "the plan is already underway" }, Texts("single-source-claim"));

        // The Reuters report contradicts the earlier report of "huge frustration" (The Washington Post's).
        var attributions = root.GetProperty("attributions");
        var conflict = Assert.Single(audit.GetProperty("conflicts").EnumerateArray());
        var first = attributions[conflict.GetProperty("first").GetInt32()];
        var second = attributions[conflict.GetProperty("second").GetInt32()];
        Assert.Contains("huge frustration", string.Concat(first.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("text").GetString())), StringComparison.Ordinal);
        Assert.Equal("The Washington Post", first.GetProperty("source").GetProperty("text").GetString());
        Assert.Contains("Reuters", second.GetProperty("source").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(Texts("conflicting-reports"), t => t.Contains("Reuters", StringComparison.Ordinal));
        var messages = root.GetProperty("flags").EnumerateArray()
            .Where(f => f.GetProperty("code").GetString() == "conflicting-reports")
            .Select(f => f.GetProperty("message").GetString()!);
        Assert.Contains(messages, m => m.Contains("Reuters", StringComparison.Ordinal) && m.Contains("Washington Post", StringComparison.Ordinal));
    }

    [Fact]
    public void AnalyzeTable_ShowsTheAuditPanel()
    {
        var result = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"), "--format", "table");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sourcing audit", result.Console, StringComparison.Ordinal);
        Assert.Contains("lead claim", result.Console, StringComparison.Ordinal);
        Assert.Contains("truncated-attribution", result.Console, StringComparison.Ordinal);
    }
}
