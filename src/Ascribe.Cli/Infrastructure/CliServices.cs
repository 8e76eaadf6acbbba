using Spectre.Console;

namespace Ascribe.Cli.Infrastructure;

/// <summary>
/// Where a command writes: <see cref="Out"/> carries machine-readable results (JSON, CoNLL) and is
/// never wrapped; <see cref="Console"/> renders tables and progress for a person; <see cref="Error"/>
/// gets one-line diagnostics. <see cref="In"/> is read for the path "-".
/// </summary>
public sealed class CliServices
{
    public CliServices(TextWriter output, TextWriter error, IAnsiConsole console, Func<Stream> openStdin)
    {
        Out = output;
        Error = error;
        Console = console;
        OpenStdin = openStdin;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    public Func<Stream> OpenStdin { get; }

    /// <summary>Writes "ascribe: error: MESSAGE" as one line.</summary>
    public void Fail(string message) => Error.WriteLine("ascribe: error: " + OneLine(message));

    public void Warn(string message) => Error.WriteLine("ascribe: warning: " + OneLine(message));

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
