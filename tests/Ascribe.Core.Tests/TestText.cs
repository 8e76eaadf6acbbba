using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Tests;

/// <summary>Helpers that run parts of the pipeline on hand-written text.</summary>
internal static class TestText
{
    private static readonly Pipeline.Pipeline TextLayer = DefaultPipeline.TextLayer().Build();
    private static readonly Pipeline.Pipeline Full = DefaultPipeline.Create();

    public static Document Text(string text)
    {
        var doc = new Document("test", text);
        TextLayer.Process(doc);
        return doc;
    }

    public static Document Analyze(string text)
    {
        var doc = new Document("test", text);
        Full.Process(doc);
        return doc;
    }

    public static string[] Words(Document doc) => doc.Tokens.Select(t => t.Text).ToArray();

    public static string[] SentenceTexts(Document doc) => doc.Sentences.Select(s => doc.Slice(s.Span)).ToArray();

    public static string[] QuoteTexts(Document doc) => doc.Quotes.Select(q => doc.Slice(q.Content)).ToArray();
}
