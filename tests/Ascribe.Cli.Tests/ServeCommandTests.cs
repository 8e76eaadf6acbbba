namespace Ascribe.Cli.Tests;

public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://127.0.0.1:5080;http://example.org:80")]
    public void Serve_NonLoopbackAddress_IsRefusedWithoutAllowRemote(string urls)
    {
        var result = CliRunner.Run("serve", "--urls", urls);
        Assert.Equal(2, result.ExitCode);
        string error = result.Error + result.Console;
        Assert.Contains("--allow-remote", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--max-request-bytes", "10")]
    [InlineData("--rate-limit", "-1")]
    public void Serve_BadLimits_AreRefused(string option, string value)
    {
        var result = CliRunner.Run("serve", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error + result.Console, StringComparison.Ordinal);
    }
}
