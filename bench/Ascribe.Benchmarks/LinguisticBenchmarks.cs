using Ascribe.Core.Components.Ner;
using Ascribe.Core.Components.Parse;
using Ascribe.Core.Components.Tag;
using Ascribe.Core.Documents;
using Ascribe.Core.Models;
using Ascribe.Core.Pipeline;
using BenchmarkDotNet.Attributes;

namespace Ascribe.Benchmarks;

/// <summary>Each linguistic stage alone over the whole corpus (one operation = every text once), and loading the models.</summary>
[MemoryDiagnoser]
public class LinguisticBenchmarks
{
    private Document[] _docs = Array.Empty<Document>();
    private PosTagger _tagger = null!;
    private EntityRecognizer _recognizer = null!;
    private DependencyParser _parser = null!;

    private static string ModelsPath => Path.Combine(AppContext.BaseDirectory, "models");

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Corpus.Load(TextLayerBenchmarks.TextsPath);
        var store = new ModelStore(ModelsPath);
        _tagger = new PosTagger(store.Pos);
        _recognizer = new EntityRecognizer(store.Ner);
        _parser = new DependencyParser(store.Parser);
        var pipeline = DefaultPipeline.TextLayer().Add(_tagger).Build();
        _docs = corpus.Texts.Select(t => pipeline.Run("d", t)).ToArray();
    }

    [Benchmark]
    public int Tag() => Run(_tagger);

    [Benchmark]
    public int RecognizeEntities() => Run(_recognizer);

    [Benchmark]
    public int Parse() => Run(_parser);

    [Benchmark]
    public int LoadModels()
    {
        var store = new ModelStore(ModelsPath);
        return store.Pos.Tags.Count + store.Ner.GazetteerCount + store.Parser.Labels.Count;
    }

    private int Run(IPipelineComponent component)
    {
        int n = 0;
        foreach (var doc in _docs)
        {
            component.Process(doc);
            n += doc.TokenCount;
        }

        return n;
    }
}
