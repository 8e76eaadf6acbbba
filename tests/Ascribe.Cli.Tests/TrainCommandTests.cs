namespace Ascribe.Cli.Tests;

public sealed class TrainCommandTests
{
    private static string Gold => CliRunner.Data("polnear-mini");

    [Fact]
    public void TrainAttribution_WritesAModelThatEvalCanUse()
    {
        string model = Path.Combine(Path.GetTempPath(), "ascribe-model-" + Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            var train = CliRunner.Run("train", "attribution", "--data", Gold, "--dev", Gold, "--out", model, "--iterations", "3", "--bits", "14", "--seed", "5");
            Assert.Equal(0, train.ExitCode);
            Assert.True(File.Exists(model));
            Assert.Contains("seed: 5", train.Out, StringComparison.Ordinal);
            Assert.Contains("epochs run: 3", train.Out, StringComparison.Ordinal);
            var eval = CliRunner.Run("eval", "--gold", Gold, "--attribution-model", model);
            Assert.Equal(0, eval.ExitCode);
            Assert.Contains("exact F1 source/cue/content:", eval.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Fact]
    public void TrainAttribution_MissingFolder_FailsWithOneLine()
    {
        var result = CliRunner.Run("train", "attribution", "--data", "/nonexistent/gold", "--out", Path.Combine(Path.GetTempPath(), "never.bin"));
        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("ascribe: error: /nonexistent/gold: not a gold folder", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--folds", "1", "--folds must be between 2 and 10.")]
    [InlineData("--margin", "-1", "--margin must be 0 or more.")]
    [InlineData("--ensemble", "0", "--ensemble must be between 1 and 16.")]
    public void TrainAttribution_BadTrainingOption_IsAUsageError(string option, string value, string message)
    {
        var result = CliRunner.Run("train", "attribution", "--data", Gold, "--out", Path.Combine(Path.GetTempPath(), "never.bin"), option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("ascribe: error: " + message, result.Error.Trim());
    }

    [Fact]
    public void Eval_CorruptModel_FailsWithOneLine()
    {
        string model = Path.Combine(Path.GetTempPath(), "ascribe-junk-" + Guid.NewGuid().ToString("N") + ".bin");
        File.WriteAllText(model, "not a model");
        try
        {
            var result = CliRunner.Run("eval", "--gold", Gold, "--attribution-model", model);
            Assert.NotEqual(0, result.ExitCode);
            Assert.StartsWith("ascribe: error:", result.Error, StringComparison.Ordinal);
            Assert.Single(result.Error.Trim().Split('\n'));
        }
        finally
        {
            File.Delete(model);
        }
    }
}
