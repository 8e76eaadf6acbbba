using System.Text.Json;

namespace Ascribe.Cli.Tests;

public sealed class AnalyzeCommandTests
{
    [Fact]
    public void Analyze_Sample_FindsDirectQuotesWithSourcesAndCues()
    {
        var result = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"));
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("putin-inner-circle", root.GetProperty("id").GetString());
        var direct = root.GetProperty("attributions").EnumerateArray()
            .Where(a => a.GetProperty("kind").GetString() == "direct")
            .Select(a => (Source: TextOf(a.GetProperty("source")), Cue: TextOf(a.GetProperty("cue")), Content: a.GetProperty("content")[0].GetProperty("text").GetString()!))
            .ToList();
        Assert.Contains(direct, a => a.Source == "Tschernak" && a.Cue == "told" && a.Content.Contains("In the war we use all the means", StringComparison.Ordinal));
        Assert.Contains(direct, a => a.Source == "the ministry official" && a.Cue == "explained");
        Assert.Contains(direct, a => a.Source == "Chernak" && a.Cue == "said" && a.Content.Contains("If he conquers Ukraine", StringComparison.Ordinal));
        Assert.Contains(direct, a => a.Source == "Schulmann" && a.Cue == "said");
    }

    private static string? TextOf(JsonElement span) => span.ValueKind == JsonValueKind.Null ? null : span.GetProperty("text").GetString();

    [Fact]
    public void Analyze_EveryOffsetSlicesTheOriginalText()
    {
        string path = CliRunner.Data("putin-inner-circle.txt");
        string text = File.ReadAllText(path);
        var result = CliRunner.Run("analyze", path);
        using var json = JsonDocument.Parse(result.Out);
        int spans = 0;
        foreach (var a in json.RootElement.GetProperty("attributions").EnumerateArray())
        {
            foreach (var span in new[] { a.GetProperty("source"), a.GetProperty("cue") }.Concat(a.GetProperty("content").EnumerateArray()))
            {
                if (span.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                int start = span.GetProperty("start").GetInt32();
                int end = span.GetProperty("end").GetInt32();
                Assert.Equal(text[start..end], span.GetProperty("text").GetString());
                spans++;
            }
        }

        Assert.True(spans > 20);
    }

    [Fact]
    public void Analyze_ReadsStandardInput_AndBomIsNotPartOfTheText()
    {
        var result = CliRunner.RunWithInput("\uFEFF\"We will win,\" the general said.", "analyze", "-");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var a = json.RootElement.GetProperty("attributions")[0];
        Assert.Equal("the general", a.GetProperty("source").GetProperty("text").GetString());
        Assert.Equal(15, a.GetProperty("source").GetProperty("start").GetInt32());
    }

    [Fact]
    public void Analyze_MissingFile_IsOneLineErrorWithNonZeroExit()
    {
        var result = CliRunner.Run("analyze", "/no/such/file.txt");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("ascribe: error: /no/such/file.txt: no such file or folder\n", result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void Analyze_UnknownFormat_IsUsageError()
    {
        var result = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"), "--format", "xml");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown format 'xml'", result.Error + result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_Brat_WritesAnnAndTextPerDocument()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ascribe-brat-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"), "--format", "brat", "--out", dir);
            Assert.Equal(0, result.ExitCode);
            string ann = File.ReadAllText(Path.Combine(dir, "putin-inner-circle.ann"));
            string text = File.ReadAllText(Path.Combine(dir, "putin-inner-circle.txt"));
            var lines = ann.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(lines, l => l.StartsWith('E') && l.Contains("Source:T", StringComparison.Ordinal) && l.Contains("Cue:T", StringComparison.Ordinal) && l.Contains("Content:T", StringComparison.Ordinal));
            foreach (var line in lines.Where(l => l.StartsWith('T')))
            {
                var parts = line.Split('\t');
                var ranges = parts[1].Split(' ', 2)[1].Split(';').Select(r => r.Split(' ').Select(int.Parse).ToArray());
                Assert.Equal(parts[2], string.Join(' ', ranges.Select(r => text[r[0]..r[1]].Replace('\n', ' '))));
            }
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
    public void Analyze_Table_ShowsSourcesForAPerson()
    {
        var result = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"), "--format", "table");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Tschernak", result.Console, StringComparison.Ordinal);
        Assert.Contains("the ministry official", result.Console, StringComparison.Ordinal);
    }
}
