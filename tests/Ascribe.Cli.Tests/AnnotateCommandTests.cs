namespace Ascribe.Cli.Tests;

public sealed class AnnotateCommandTests
{
    [Fact]
    public void Annotate_Conll_PrintsTenColumnsWithOffsetsIntoTheText()
    {
        const string text = "Vladimir Putin said the plan was delayed.\n\nNobody believed him.";
        var result = CliRunner.RunWithInput(text, "annotate", "-", "--format", "conll");
        Assert.Equal(0, result.ExitCode);
        var blocks = result.Out.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, blocks.Length);
        var rows = blocks[0].Split('\n').Select(l => l.Split('\t')).ToArray();
        Assert.All(rows, r => Assert.Equal(10, r.Length));
        foreach (var r in rows)
        {
            Assert.Equal(r[2], text[int.Parse(r[3])..int.Parse(r[4])]);
        }

        var said = rows.Single(r => r[2] == "said");
        Assert.Equal(new[] { "1", "3", "said", "15", "19", "say", "VBD", "O", "0", "root" }, said);
        var putin = rows.Single(r => r[2] == "Putin");
        Assert.Equal("PERSON", putin[7]);
        Assert.Equal("3", putin[8]);
        Assert.Equal("nsubj", putin[9]);
    }

    [Fact]
    public void Annotate_Out_WritesOneTsvPerDocument()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ascribe-annotate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = CliRunner.Run("annotate", CliRunner.Data("putin-inner-circle.txt"), "--out", dir);
            Assert.Equal(0, result.ExitCode);
            string tsv = File.ReadAllText(Path.Combine(dir, "putin-inner-circle.tsv"));
            Assert.Contains("\tPERSON\t", tsv, StringComparison.Ordinal);
            Assert.DoesNotContain("\t_\t", tsv, StringComparison.Ordinal);
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
    public void Train_UnknownKind_IsAUsageError()
    {
        var result = CliRunner.Run("train", "srl", "--data", CliRunner.Data("polnear-mini"), "--out", "x.bin");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown model kind", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_Pos_OnFixture_WritesAModelThatEvalCanUse()
    {
        string file = Path.Combine(Path.GetTempPath(), "ascribe-pos-" + Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            var result = CliRunner.Run("train", "pos", "--data", CliRunner.Data("polnear-mini"), "--out", file, "--iterations", "2");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("pos iteration 2", result.Error, StringComparison.Ordinal);
            Assert.True(new FileInfo(file).Length > 1000);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void EvalAnnotate_ScoresTheFixture()
    {
        var result = CliRunner.Run("eval-annotate", "--gold", CliRunner.Data("polnear-mini"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("POS accuracy", result.Out, StringComparison.Ordinal);
        var line = result.Out.Split('\n').Single(l => l.StartsWith("POS accuracy", StringComparison.Ordinal));
        double pos = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pos, 90, 100);
    }
}
