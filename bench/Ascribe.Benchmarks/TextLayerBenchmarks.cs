using Ascribe.Core.Components.Normalize;
using Ascribe.Core.Components.Quotes;
using Ascribe.Core.Components.Sentences;
using Ascribe.Core.Components.Tokenize;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;
using BenchmarkDotNet.Attributes;

namespace Ascribe.Benchmarks;

/// <summary>Each text-layer stage alone over the whole corpus (one operation = every text once).</summary>
[MemoryDiagnoser]
public class TextLayerBenchmarks
{
    private Corpus _corpus = null!;
    private Document[] _tokenized = Array.Empty<Document>();
    private Document[] _split = Array.Empty<Document>();
    private readonly Tokenizer _tokenizer = new();
    private readonly SentenceSplitter _splitter = new();
    private readonly QuoteFinder _quotes = new();
    private Pipeline _textLayer = null!;
    private Pipeline _full = null!;

    /// <summary>Folder of .txt files; set ASCRIBE_BENCH_TEXTS to use another corpus.</summary>
    public static string TextsPath => Environment.GetEnvironmentVariable("ASCRIBE_BENCH_TEXTS") ?? Corpus.DefaultPath;

    [GlobalSetup]
    public void Setup()
    {
        _corpus = Corpus.Load(TextsPath);
        _textLayer = DefaultPipeline.TextLayer().Build();
        _full = DefaultPipeline.Create();
        _tokenized = _corpus.Texts.Select(t =>
        {
            var doc = new Document("d", t);
            _tokenizer.Process(doc);
            return doc;
        }).ToArray();
        _split = _corpus.Texts.Select(t =>
        {
            var doc = new Document("d", t);
            _tokenizer.Process(doc);
            _splitter.Process(doc);
            return doc;
        }).ToArray();
    }

    [Benchmark]
    public int Normalize()
    {
        int n = 0;
        foreach (var text in _corpus.Texts)
        {
            n += TextNormalizer.Normalize(text).Text.Length;
        }

        return n;
    }

    [Benchmark]
    public int Tokenize()
    {
        int n = 0;
        foreach (var text in _corpus.Texts)
        {
            var doc = new Document("d", text);
            _tokenizer.Process(doc);
            n += doc.TokenCount;
        }

        return n;
    }

    [Benchmark]
    public int SplitSentences()
    {
        int n = 0;
        foreach (var doc in _tokenized)
        {
            _splitter.Process(doc);
            n += doc.Sentences.Count;
        }

        return n;
    }

    [Benchmark]
    public int FindQuotes()
    {
        int n = 0;
        foreach (var doc in _split)
        {
            _quotes.Process(doc);
            n += doc.Quotes.Count;
        }

        return n;
    }

    [Benchmark]
    public int TextLayer()
    {
        int n = 0;
        foreach (var text in _corpus.Texts)
        {
            n += _textLayer.Run("d", text).Quotes.Count;
        }

        return n;
    }

    [Benchmark]
    public int FullPipeline()
    {
        int n = 0;
        foreach (var text in _corpus.Texts)
        {
            n += _full.Run("d", text).Attributions.Count;
        }

        return n;
    }
}
