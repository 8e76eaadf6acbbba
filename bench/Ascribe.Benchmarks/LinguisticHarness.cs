using System.Diagnostics;
using System.Globalization;
using Ascribe.Core.Components.Ner;
using Ascribe.Core.Components.Parse;
using Ascribe.Core.Components.Tag;
using Ascribe.Core.Documents;
using Ascribe.Core.Models;
using Ascribe.Core.Pipeline;

namespace Ascribe.Benchmarks;

/// <summary>
/// Tokens per second of the part-of-speech tagger, the entity recognizer and the parser, each
/// alone on one thread over documents the earlier stages already annotated, divided by CPU time;
/// and the time to load all three models from disk in a fresh process (JIT included).
/// </summary>
public static class LinguisticHarness
{
    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    public static int Run(string[] args)
    {
        string path = Corpus.DefaultPath;
        string models = Path.Combine(AppContext.BaseDirectory, "models");
        double minSeconds = 5;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--linguistic":
                    break;
                case "--texts" when i + 1 < args.Length:
                    path = args[++i];
                    break;
                case "--models" when i + 1 < args.Length:
                    models = args[++i];
                    break;
                case "--min-seconds" when i + 1 < args.Length:
                    minSeconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"ascribe-bench: unknown argument '{args[i]}'. Usage: --linguistic [--texts DIR] [--models DIR] [--min-seconds S]");
                    return 2;
            }
        }

        // Load first, before anything else has touched the model code, as an application starts.
        var wall = Stopwatch.StartNew();
        var store = new ModelStore(models);
        var pos = store.Pos;
        var ner = store.Ner;
        var parser = store.Parser;
        wall.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT\tload pos+ner+parser models\t{wall.Elapsed.TotalSeconds:F3}\twall-s"));

        var corpus = Corpus.Load(path);
        var textLayer = DefaultPipeline.TextLayer().Build();
        var docs = corpus.Texts.Select((t, i) => textLayer.Run("d" + i.ToString(CultureInfo.InvariantCulture), t)).ToArray();
        long tokens = docs.Sum(d => (long)d.TokenCount);
        Console.WriteLine($"# corpus {corpus.Path}: {docs.Length} texts, {tokens:N0} tokens; {Environment.ProcessorCount} usable core(s)");
        var tagger = new PosTagger(pos);
        var recognizer = new EntityRecognizer(ner);
        var dependencyParser = new DependencyParser(parser);
        Report("pos tagger + lemmatizer", Measure(tagger, docs, tokens, minSeconds), tokens);
        Report("named-entity recognizer", Measure(recognizer, docs, tokens, minSeconds), tokens);
        Report("dependency parser", Measure(dependencyParser, docs, tokens, minSeconds), tokens);
        return 0;
    }

    private static void Report(string name, (long Tokens, double Cpu, double Wall) m, long corpusTokens) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT\t{name}\t{m.Tokens / m.Cpu:F0}\ttokens/s\t{m.Tokens}\ttokens\t{m.Cpu:F3}\tcpu-s\t{m.Wall:F3}\twall-s"));

    private static (long Tokens, double Cpu, double Wall) Measure(IPipelineComponent component, Document[] docs, long corpusTokens, double minSeconds)
    {
        // Warm-up: a few passes so tiered compilation reaches the optimized code.
        for (int round = 0; round < 3; round++)
        {
            foreach (var doc in docs)
            {
                component.Process(doc);
            }
        }

        long tokens = 0;
        var cpu = CpuTime();
        var sw = Stopwatch.StartNew();
        while ((CpuTime() - cpu).TotalSeconds < minSeconds)
        {
            foreach (var doc in docs)
            {
                component.Process(doc);
            }

            tokens += corpusTokens;
        }

        sw.Stop();
        return (tokens, (CpuTime() - cpu).TotalSeconds, sw.Elapsed.TotalSeconds);
    }
}
