using System.Text;
using Ascribe.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace Ascribe.Cli.Tests;

/// <summary>Runs the ascribe command line in process and captures what it writes.</summary>
internal sealed class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error, string Console);

    public static string Data(params string[] parts) => Path.Combine(new[] { AppContext.BaseDirectory, "data" }.Concat(parts).ToArray());

    public static Result RunWithInput(string stdin, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new TestConsole();
        console.Profile.Width = 200;
        var services = new CliServices(output, error, console, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin)));
        int code = CliApp.Run(args, services);
        return new Result(code, output.ToString(), error.ToString(), console.Output);
    }

    public static Result Run(params string[] args) => RunWithInput(string.Empty, args);
}
