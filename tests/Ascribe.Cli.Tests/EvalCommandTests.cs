using System.Diagnostics;
using System.Text.Json;

namespace Ascribe.Cli.Tests;

public sealed class EvalCommandTests
{
    private static string Gold => CliRunner.Data("polnear-mini");

    [Fact]
    public void Eval_GoldAgainstItself_IsPerfect()
    {
        string pred = Path.Combine(Path.GetTempPath(), "ascribe-self-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(pred);
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Gold, "attributions")).Order(StringComparer.Ordinal))
            {
                string article = Path.GetFileNameWithoutExtension(file)[..^5];
                string target = Path.Combine(pred, article + ".ann");
                if (!File.Exists(target))
                {
                    File.Copy(file, target);
                }
            }

            var result = CliRunner.Run("eval", "--gold", Gold, "--pred", pred);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("exact F1 source/cue/content: 100.0 / 100.0 / 100.0", result.Out, StringComparison.Ordinal);
            Assert.Contains("whole relation exact: P 100.0 R 100.0 F1 100.0", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(pred, true);
        }
    }

    [Theory]
    [InlineData("clean")]
    [InlineData("cofenet")]
    public void Eval_AgreesWithReferenceScorer(string mode)
    {
        string? python = FindPython();
        if (python is null)
        {
            // The reference scorer needs python3; CI installs it, so this only skips on bare machines.
            return;
        }

        string pred = Path.Combine(Path.GetTempPath(), "ascribe-pred-" + Guid.NewGuid().ToString("N"));
        try
        {
            string ours = Path.Combine(pred, "ours.json");
            var result = CliRunner.Run("eval", "--gold", Gold, "--mode", mode, "--save-pred", pred, "--json", ours);
            Assert.Equal(0, result.ExitCode);
            string theirs = Path.Combine(pred, "theirs.json");
            var psi = new ProcessStartInfo(python, new[] { CliRunner.Data("tools", "score_attributions.py"), Gold, pred, "--mode", mode, "--json", theirs })
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using (var p = Process.Start(psi)!)
            {
                string stdout = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                Assert.Equal(0, p.ExitCode);
                Assert.Equal(stdout, result.Out);
            }

            using var a = JsonDocument.Parse(File.ReadAllText(ours));
            using var b = JsonDocument.Parse(File.ReadAllText(theirs));
            AssertClose(b.RootElement, a.RootElement, "$");
        }
        finally
        {
            if (Directory.Exists(pred))
            {
                Directory.Delete(pred, true);
            }
        }
    }

    [Fact]
    public void Eval_NotAGoldFolder_IsClearError()
    {
        var result = CliRunner.Run("eval", "--gold", Path.GetTempPath());
        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("ascribe: error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("not a gold folder", result.Error, StringComparison.Ordinal);
    }

    private static void AssertClose(JsonElement expected, JsonElement actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var prop in expected.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(prop.Name, out var value), $"missing {path}.{prop.Name}");
                    AssertClose(prop.Value, value, path + "." + prop.Name);
                }

                break;
            case JsonValueKind.Number:
                Assert.True(Math.Abs(expected.GetDouble() - actual.GetDouble()) <= 0.1, $"{path}: {expected} vs {actual}");
                break;
            default:
                Assert.Equal(expected.ToString(), actual.ToString());
                break;
        }
    }

    internal static string? FindPython()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':'))
        {
            string candidate = Path.Combine(dir, "python3");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
