using System.Diagnostics;
using System.Text;
using Ascribe.Cli;
using Ascribe.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace Ascribe.Reliability.Tests;

/// <summary>Runs the ascribe command line in process, or as a child process where a real exit, hang or memory peak matters.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Out, string Error, TimeSpan Elapsed, long PeakBytes);

    public static Result InProcess(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new TestConsole();
        var services = new CliServices(output, error, console, () => new MemoryStream());
        var sw = Stopwatch.StartNew();
        int code = CliApp.Run(args, services);
        return new Result(code, output.ToString(), error.ToString() + console.Output, sw.Elapsed, 0);
    }

    /// <summary>Runs <c>dotnet ascribe.dll ARGS</c>; kills it and fails the test when it outlives <paramref name="timeout"/>. Peak memory is sampled from /proc while it runs.</summary>
    public static Result Child(TimeSpan timeout, params string[] args) => Child(timeout, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Child(TimeSpan, string[])"/>, with these environment variables set for the child (runtime settings such as <c>DOTNET_GCHeapHardLimit</c>).</summary>
    public static Result Child(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ascribe.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(50))
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                // Exited between the wait and the read.
            }

            if (sw.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"ascribe {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:F0} s");
            }
        }

        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result, sw.Elapsed, peak);
    }

    /// <summary>Every line on standard error is one diagnostic; none is a stack trace or exception dump.</summary>
    public static void AssertCleanDiagnostics(string error)
    {
        foreach (var line in error.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(line.StartsWith("ascribe: error: ", StringComparison.Ordinal) || line.StartsWith("ascribe: warning: ", StringComparison.Ordinal), $"not a one-line diagnostic: {line}");
        }

        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    public static string Utf8(string text) => text;

    public static byte[] Bytes(string text, Encoding encoding, bool bom)
    {
        var body = encoding.GetBytes(text);
        return bom ? encoding.GetPreamble().Concat(body).ToArray() : body;
    }
}
