using System.Diagnostics;
using System.Globalization;
using Ascribe.Core.Components.Attribution;
using Ascribe.Core.Components.Attribution.Model;
using Ascribe.Core.Components.Sentences;
using Ascribe.Core.Components.Tokenize;
using Ascribe.Core.Documents;
using Ascribe.Core.Lexicons;
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
        var scaleMegabytes = new List<double> { 1, 5, 10 };
        bool live = false;
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
                case "--scale-mb" when i + 1 < args.Length:
                    scaleMegabytes = args[++i].Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToList();
                    break;
                case "--live":
                    live = true;
                    break;
                case "--stage" when i + 1 < args.Length:
                    stages.Add(args[++i]);
                    break;
                default:
                    Console.Error.WriteLine($"ascribe-bench: unknown argument '{args[i]}'. Usage: --quick [--texts DIR] [--min-words N] [--min-seconds S] [--stage text|pipeline|accurate|read|tokenize|sentences|components|scale]... [--scale-mb 1,5,10] [--live]");
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
            if (stage == "scale")
            {
                MeasureScale(corpus, DefaultPipeline.Create(), scaleMegabytes, live);
                continue;
            }

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
        var allocated = new long[pipeline.Components.Count];
        long words = 0;
        var sw = Stopwatch.StartNew();
        while (words < minWords || sw.Elapsed.TotalSeconds < minSeconds)
        {
            foreach (var text in corpus.Texts)
            {
                var doc = new Document("d", text);
                for (int c = 0; c < seconds.Length; c++)
                {
                    long bytes = GC.GetAllocatedBytesForCurrentThread();
                    long start = Stopwatch.GetTimestamp();
                    pipeline.Components[c].Process(doc);
                    seconds[c] += Stopwatch.GetElapsedTime(start).TotalSeconds;
                    allocated[c] += GC.GetAllocatedBytesForCurrentThread() - bytes;
                }
            }

            words += corpus.Words;
        }

        double total = seconds.Sum();
        for (int c = 0; c < seconds.Length; c++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"COMPONENT\t{pipeline.Components[c].Name}\t{words / seconds[c]:F0}\twords/s\t{100 * seconds[c] / total:F1}\t%\t{(double)allocated[c] / words:F0}\tbytes/word"));
        }

        if (pipeline.Components.OfType<ModelAttributionExtractor>().FirstOrDefault() is { } extractor)
        {
            MeasureAttributionSteps(corpus, pipeline, extractor, minWords, minSeconds, total);
        }

        return whole;
    }

    /// <summary>The steps of the model attribution extractor, timed apart (percent of the whole pipeline's time).</summary>
    private static void MeasureAttributionSteps(Corpus corpus, Pipeline pipeline, ModelAttributionExtractor extractor, long minWords, double minSeconds, double pipelineSeconds)
    {
        var before = new List<Document>();
        int index = pipeline.Components.ToList().IndexOf(extractor);
        foreach (var text in corpus.Texts)
        {
            var doc = new Document("d", text);
            for (int c = 0; c < index; c++)
            {
                pipeline.Components[c].Process(doc);
            }

            before.Add(doc);
        }

        var model = extractor.Model;
        var lexicon = CueLexicon.Default;
        var rules = new RuleAttributionExtractor(lexicon);
        string[] names = { "rules+projection", "features 1", "decode 1", "features 2", "decode 2", "link" };
        var seconds = new double[names.Length];
        long words = 0;
        var sw = Stopwatch.StartNew();
        while (words < minWords || sw.Elapsed.TotalSeconds < minSeconds)
        {
            foreach (var doc in before)
            {
                long t0 = Stopwatch.GetTimestamp();
                rules.Process(doc);
                var ruleTags = TagProjector.Project(doc, doc.Attributions);
                doc.Attributions.Clear();
                long t1 = Stopwatch.GetTimestamp();
                var features = new AttributionFeatures(doc, lexicon, model.Bits, ruleTags);
                long t2 = Stopwatch.GetTimestamp();
                var sequences = ModelAttributionExtractor.Sequences(doc);
                var tags = ModelAttributionExtractor.Decode(model, features, sequences, doc.TokenCount, out var margins);
                long t3 = Stopwatch.GetTimestamp();
                var stacked = model.Second is null ? features : AttributionFeatures.Stacked(features, tags);
                long t4 = Stopwatch.GetTimestamp();
                if (model.Second is { } second)
                {
                    tags = ModelAttributionExtractor.Decode(second, stacked, sequences, doc.TokenCount, out margins);
                }

                long t5 = Stopwatch.GetTimestamp();
                new AttributionLinker(doc, lexicon).Link(tags, margins);
                long t6 = Stopwatch.GetTimestamp();
                long[] marks = { t0, t1, t2, t3, t4, t5, t6 };
                for (int k = 0; k < names.Length; k++)
                {
                    seconds[k] += Stopwatch.GetElapsedTime(marks[k], marks[k + 1]).TotalSeconds;
                }
            }

            words += corpus.Words;
        }

        for (int k = 0; k < names.Length; k++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"STEP\tattribution {names[k]}\t{words / seconds[k]:F0}\twords/s"));
        }
    }

    /// <summary>
    /// One long article per size (the corpus texts joined by blank lines until it holds the given
    /// megabytes of UTF-16 chars) through the full pipeline, each component timed: seconds per
    /// megabyte that rise with the size mean a component grows faster than linearly. Prints the
    /// bytes allocated too; the process's peak memory is the PEAK line at the end. With
    /// <paramref name="live"/>, a full collection after each component gives the MiB per MB still
    /// reachable then (the document and what the component keeps); its CPU time is left out. A
    /// thread samples the process's resident memory every 5 ms for the peak during each component
    /// (the RESIDENT line).
    /// </summary>
    private static void MeasureScale(Corpus corpus, Pipeline pipeline, IReadOnlyList<double> megabytes, bool live = false)
    {
        foreach (var text in corpus.Texts)
        {
            pipeline.Run("warm-up", text);
        }

        foreach (double mb in megabytes)
        {
            var sb = new System.Text.StringBuilder();
            long words = 0;
            for (int i = 0; sb.Length < mb * 1024 * 1024; i = (i + 1) % corpus.Texts.Count)
            {
                sb.Append(corpus.Texts[i]).Append("\n\n");
                words += Corpus.CountWords(corpus.Texts[i]);
            }

            string text = sb.ToString();
            var doc = new Document("big", text);
            var seconds = new double[pipeline.Components.Count];
            var bytes = new long[pipeline.Components.Count];
            var kept = new long[pipeline.Components.Count];
            var measuring = TimeSpan.Zero;
            long textBytes = live ? GC.GetTotalMemory(forceFullCollection: true) : 0;
            var peak = new long[pipeline.Components.Count];
            int running = -1;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(() =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    int c = Volatile.Read(ref running);
                    if (c >= 0)
                    {
                        peak[c] = Math.Max(peak[c], Environment.WorkingSet);
                    }

                    Thread.Sleep(5);
                }
            });
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = CpuTime();
            for (int c = 0; c < seconds.Length; c++)
            {
                Volatile.Write(ref running, c);
                long start = Stopwatch.GetTimestamp();
                long before = GC.GetAllocatedBytesForCurrentThread();
                pipeline.Components[c].Process(doc);
                seconds[c] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                bytes[c] = GC.GetAllocatedBytesForCurrentThread() - before;
                Volatile.Write(ref running, -1);
                if (live)
                {
                    var from = CpuTime();
                    kept[c] = GC.GetTotalMemory(forceFullCollection: true);
                    measuring += CpuTime() - from;
                }
            }

            double cpuSeconds = (CpuTime() - cpu - measuring).TotalSeconds;
            sampling.Cancel();
            sampler.Wait();
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            double size = text.Length / (1024.0 * 1024.0);
            var parts = string.Join(" ", Enumerable.Range(0, seconds.Length).Select(c => string.Create(CultureInfo.InvariantCulture, $"{pipeline.Components[c].Name}={seconds[c] / size:F3}s,{bytes[c] / (1024.0 * 1024.0 * size):F0}MiB")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SCALE\t{size:F1}\tMB\t{words}\twords\t{cpuSeconds:F2}\tcpu-s\t{cpuSeconds / size:F3}\tcpu-s/MB\t{allocated / (1024.0 * 1024.0 * size):F0}\talloc-MiB/MB\t{doc.Attributions.Count}\tattributions\tper MB: {parts}"));
            if (live)
            {
                var after = string.Join(" ", Enumerable.Range(0, seconds.Length).Select(c => string.Create(CultureInfo.InvariantCulture, $"{pipeline.Components[c].Name}={kept[c] / (1024.0 * 1024.0 * size):F0}")));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LIVE\t{size:F1}\tMB\tMiB/MB reachable: text={textBytes / (1024.0 * 1024.0 * size):F0} after {after}"));
            }

            var resident = string.Join(" ", Enumerable.Range(0, seconds.Length).Select(c => string.Create(CultureInfo.InvariantCulture, $"{pipeline.Components[c].Name}={peak[c] / (1024.0 * 1024.0):F0}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESIDENT\t{size:F1}\tMB\tpeak MiB of the process during: {resident}"));
        }
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
