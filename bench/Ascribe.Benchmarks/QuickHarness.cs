using System.Diagnostics;
using System.Globalization;
using Ascribe.Core.Components.Sentences;
using Ascribe.Core.Components.Tokenize;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Benchmarks;

/// <summary>
/// A plain timed harness: runs a pipeline over the corpus repeatedly on one thread until at least
/// <c>minWords</c> words and <c>minSeconds</c> have passed, after one warm-up pass, and prints
/// words per second. Single-threaded, so words per second is words per second per core; run it
/// under <c>taskset -c 0</c> to keep the scheduler from moving it. Throughput divides by CPU
/// time, not wall time, so other work on a shared machine does not count against it.
/// </summary>
public static class QuickHarness
{
    /// <param name="Seconds">CPU seconds the process used (all threads: JIT and GC included); on a shared machine this is steadier than wall time and is what "per core" means.</param>
    /// <param name="WallSeconds">Elapsed wall-clock seconds.</param>
    public sealed record Measurement(string Name, long Words, double Seconds, double WallSeconds, long Documents, long Tokens)
    {
        public double WordsPerSecond => Words / Seconds;
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
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
                    Console.Error.WriteLine($"ascribe-bench: unknown argument '{args[i]}'. Usage: --quick [--texts DIR] [--min-words N] [--min-seconds S] [--stage text|pipeline|accurate|read|tokenize|sentences|components]...");
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
                "accurate" => Measure("ascribe accurate mode (AccuratePipeline.Create)", corpus, Ascribe.Accurate.AccuratePipeline.Create(), minWords, minSeconds),
                "read" => MeasureScan(corpus, minWords, minSeconds),
                "components" => MeasureComponents(corpus, DefaultPipeline.Create(), minWords, minSeconds),
                "tokenize" => Measure("ascribe normalize+tokenize", corpus, new PipelineBuilder().Add(new Tokenizer()).Build(), minWords, minSeconds),
                "sentences" => Measure("ascribe tokenize+sentences", corpus, new PipelineBuilder().Add(new Tokenizer()).Add(new SentenceSplitter()).Build(), minWords, minSeconds),
                _ => null,
            };
            if (m is null)
            {
                Console.Error.WriteLine($"ascribe-bench: unknown stage '{stage}'");
                return 2;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT\t{m.Name}\t{m.WordsPerSecond:F0}\twords/s\t{m.Words}\twords\t{m.Seconds:F3}\tcpu-s\t{m.WallSeconds:F3}\twall-s\t{m.Documents}\tdocs\t{m.Tokens}\ttokens"));
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PEAK\t{self.PeakWorkingSet64 / (1024.0 * 1024.0):F1}\tMiB"));
        return 0;
    }

    public static Measurement Measure(string name, Corpus corpus, Pipeline pipeline, long minWords, double minSeconds)
    {
        // Warm-up until the rate stops rising: tiered compilation takes seconds to reach the
        // optimized code of the hot loops when it shares one core with the benchmark, and the
        // first stage measured would otherwise pay for it.
        double previous = 0;
        var warm = Stopwatch.StartNew();
        for (int round = 0; warm.Elapsed.TotalSeconds < 15; round++)
        {
            var cpuAtStart = CpuTime();
            long roundWords = 0;
            var roundClock = Stopwatch.StartNew();
            while (roundClock.Elapsed.TotalSeconds < 0.5)
            {
                foreach (var text in corpus.Texts)
                {
                    pipeline.Run("warmup", text);
                }

                roundWords += corpus.Words;
            }

            double rate = roundWords / Math.Max((CpuTime() - cpuAtStart).TotalSeconds, 1e-6);
            if (round >= 3 && rate < previous * 1.05)
            {
                break;
            }

            previous = Math.Max(previous, rate);
        }

        long words = 0, docs = 0, tokens = 0;
        var cpu = CpuTime();
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
        return new Measurement(name, words, (CpuTime() - cpu).TotalSeconds, sw.Elapsed.TotalSeconds, docs, tokens);
    }

    /// <summary>Runs the full pipeline and prints each component's share of the time (wall clock, after warm-up).</summary>
    private static Measurement MeasureComponents(Corpus corpus, Pipeline pipeline, long minWords, double minSeconds)
    {
        var whole = Measure("ascribe full pipeline (DefaultPipeline.Create)", corpus, pipeline, minWords, minSeconds);
        var seconds = new double[pipeline.Components.Count];
        long words = 0;
        var sw = Stopwatch.StartNew();
        while (words < minWords || sw.Elapsed.TotalSeconds < minSeconds)
        {
            foreach (var text in corpus.Texts)
            {
                var doc = new Document("d", text);
                for (int c = 0; c < seconds.Length; c++)
                {
                    long start = Stopwatch.GetTimestamp();
                    pipeline.Components[c].Process(doc);
                    seconds[c] += Stopwatch.GetElapsedTime(start).TotalSeconds;
                }
            }

            words += corpus.Words;
        }

        double total = seconds.Sum();
        for (int c = 0; c < seconds.Length; c++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"COMPONENT\t{pipeline.Components[c].Name}\t{words / seconds[c]:F0}\twords/s\t{100 * seconds[c] / total:F1}\t%"));
        }

        return whole;
    }

    /// <summary>The floor: reading every file from disk (page cache), decoding it and counting its words, nothing else.</summary>
    private static Measurement MeasureScan(Corpus corpus, long minWords, double minSeconds)
    {
        var files = corpus.Files;
        long words = 0, docs = 0, counted = 0;
        var cpu = CpuTime();
        var sw = Stopwatch.StartNew();
        while (words < minWords * 10 || sw.Elapsed.TotalSeconds < minSeconds)
        {
            foreach (var file in files)
            {
                counted += Corpus.CountWords(File.ReadAllText(file));
                docs++;
            }

            words += corpus.Words;
        }

        sw.Stop();
        return new Measurement("C# read+scan (File.ReadAllText + word count)", words, (CpuTime() - cpu).TotalSeconds, sw.Elapsed.TotalSeconds, docs, counted);
    }
}
