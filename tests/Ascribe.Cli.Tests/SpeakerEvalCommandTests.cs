namespace Ascribe.Cli.Tests;

public sealed class SpeakerEvalCommandTests
{
    [Fact]
    public void EvalSpeakers_Fixtures_ReportsAccuracyAboveNinety()
    {
        var result = CliRunner.Run("eval-speakers", "--fixtures", CliRunner.Data("speakers"), "--min", "90");
        Assert.Equal(0, result.ExitCode);
        var all = result.Out.Split('\n').Single(l => l.TrimStart().StartsWith("all ", StringComparison.Ordinal));
        int total = int.Parse(all.Split('/')[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 60, all);
    }

    [Fact]
    public void EvalSpeakers_BrokenMarker_NamesTheFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ascribe-fx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "bad.txt"), "[[He said it.\n");
            var result = CliRunner.Run("eval-speakers", "--fixtures", dir);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("bad.txt", result.Error, StringComparison.Ordinal);
            Assert.Single(result.Error.Trim().Split('\n'));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void EvalCoref_MiniGold_ComparesPronounSources()
    {
        var result = CliRunner.Run("eval-coref", "--gold", CliRunner.Data("polnear-mini"), "--list", "5");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("agree (representative)", result.Out, StringComparison.Ordinal);
        var compared = result.Out.Split('\n').Single(l => l.TrimStart().StartsWith("compared", StringComparison.Ordinal));
        Assert.True(int.Parse(compared.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) > 0, compared);
    }

    [Fact]
    public void EvalCoref_FolderWithoutCoreNlp_FailsInOneLine()
    {
        var result = CliRunner.Run("eval-coref", "--gold", CliRunner.Data("speakers"));
        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("ascribe: error: ", result.Error, StringComparison.Ordinal);
    }
}
