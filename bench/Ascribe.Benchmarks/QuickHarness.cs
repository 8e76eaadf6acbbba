using System.Diagnostics;
using System.Globalization;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Benchmarks;

/// <summary>
/// A plain timed harness: runs a pipeline over the corpus repeatedly on one thread until at least
/// <c>minWords</c> words and <c>minSeconds</c> have passed, after one warm-up pass, and prints
/// words per second. Single-threaded, so words per second is words per second per core; run it
/// under <c>taskset -c 0</c> to keep the scheduler from moving it.
/// </summary>
public static class QuickHarness
{
    public sealed record Measurement(string Name, long Words, double Seconds, long Documents, long Tokens)
    {
        public double WordsPerSecond => Words / Seconds;
    }

    public static int Run(string[] args)
    {
        string path = Corpus.DefaultPath;
        long minWords = 2_000_000;
        double minSeconds = 3;
        var stages = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--texts" when i + 1 < args.Length:
                    path = args[++i];
                    break;
                case "--min-words" when i + 1 < args.Length:
                    minWords = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--min-seconds" when i + 1 < args.Length:
                    minSeconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--stage" when i + 1 < args.Length:
                    stages.Add(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"ascribe-bench: unknown argument '{args[i]}'. Usage: --quick [--texts DIR] [--min-words N] [--min-seconds S] [--stage text|pipeline|read]...");
                    return 2;
            }
        }

        if (stages.Count == 0)
        {
            stages.AddRange(new[] { "text", "pipeline" });
        }

        var corpus = Corpus.Load(path);
        Console.WriteLine($"# corpus {corpus.Path}: {corpus.Texts.Count} texts, {corpus.Words:N0} words, {corpus.Chars:N0} chars; {Environment.ProcessorCount} usable core(s)");
        foreach (var stage in stages)
        {
            var m = stage switch
            {
                "text" => Measure("ascribe text layer (tokenize+sentences+quotes)", corpus, DefaultPipeline.TextLayer().Build(), minWords, minSeconds),
                "pipeline" => Measure("ascribe full pipeline (DefaultPipeline.Create)", corpus, DefaultPipeline.Create(), minWords, minSeconds),
                "read" => MeasureScan(corpus, minWords, minSeconds),
                _ => null,
            };
            if (m is null)
            {
                Console.Error.WriteLine($"ascribe-bench: unknown stage '{stage}'");
                return 2;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT\t{m.Name}\t{m.WordsPerSecond:F0}\twords/s\t{m.Words}\twords\t{m.Seconds:F3}\ts\t{m.Documents}\tdocs\t{m.Tokens}\ttokens"));
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PEAK\t{self.PeakWorkingSet64 / (1024.0 * 1024.0):F1}\tMiB"));
        return 0;
    }

    public static Measurement Measure(string name, Corpus corpus, Pipeline pipeline, long minWords, double minSeconds)
    {
        // Warm-up: one pass lets the JIT reach tier 1 on the hot loops.
        foreach (var text in corpus.Texts)
        {
            pipeline.Run("warmup", text);
        }

        long words = 0, docs = 0, tokens = 0;
        var sw = Stopwatch.StartNew();
        while (words < minWords || sw.Elapsed.TotalSeconds < minSeconds)
        {
            for (int i = 0; i < corpus.Texts.Count; i++)
            {
                Document doc = pipeline.Run("d" + i.ToString(CultureInfo.InvariantCulture), corpus.Texts[i]);
                tokens += doc.TokenCount;
                docs++;
            }

            words += corpus.Words;
        }

        sw.Stop();
        return new Measurement(name, words, sw.Elapsed.TotalSeconds, docs, tokens);
    }

    /// <summary>The floor: reading every character once and counting words, with nothing else done.</summary>
    private static Measurement MeasureScan(Corpus corpus, long minWords, double minSeconds)
    {
        long words = 0, docs = 0, counted = 0;
        var sw = Stopwatch.StartNew();
        while (words < minWords * 10 || sw.Elapsed.TotalSeconds < minSeconds)
        {
            foreach (var text in corpus.Texts)
            {
                counted += Corpus.CountWords(text);
                docs++;
            }

            words += corpus.Words;
        }

        sw.Stop();
        return new Measurement("in-memory scan (count words)", words, sw.Elapsed.TotalSeconds, docs, counted);
    }
}
