using Ascribe.Core.Documents;
using Ascribe.Core.Models;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Tests.Components.Tag;

/// <summary>The shipped models and the small CoreNLP-annotated fixture in tests/data/polnear-mini.</summary>
internal static class LinguisticFixture
{
    private static readonly Lazy<Pipeline.Pipeline> Shipped = new(() => DefaultPipeline.LinguisticLayer().Build());

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "data", "polnear-mini");

    /// <summary>Every annotated sentence of the fixture, words read from the article texts.</summary>
    public static List<AnnotatedSentence> Sentences()
    {
        var sentences = new List<AnnotatedSentence>();
        foreach (var tsv in Directory.GetFiles(Path.Combine(Folder, "corenlp"), "*.tsv").Where(p => !p.EndsWith(".coref.tsv", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string textPath = Path.Combine(Folder, "text", Path.GetFileNameWithoutExtension(tsv) + ".txt");
            sentences.AddRange(CorenlpTsv.Parse(File.ReadAllText(tsv), File.ReadAllText(textPath), tsv));
        }

        return sentences;
    }

    /// <summary>Runs the text layer and the shipped linguistic models on <paramref name="text"/>.</summary>
    public static Document Annotate(string text) => Shipped.Value.Run("test", text);

    public static Token Find(Document doc, string word) => doc.Tokens.First(t => t.Text == word);

    /// <summary>Asserts that two parsers give every sentence the same heads and labels.</summary>
    public static void AssertSameParses(Core.Components.Parse.IParserModel expected, Core.Components.Parse.IParserModel actual, IEnumerable<AnnotatedSentence> sentences)
    {
        foreach (var sent in sentences)
        {
            var words = WordInfo.Compute(sent.Words, sent.SpaceBefore, sent.SpaceAfter);
            var tags = sent.Tags.Select(TagHashes.Of).ToArray();
            var (h1, l1, h2, l2) = (new int[sent.Count], new int[sent.Count], new int[sent.Count], new int[sent.Count]);
            expected.Parse(words, tags, h1, l1);
            actual.Parse(words, tags, h2, l2);
            Assert.Equal(h1, h2);
            Assert.Equal(l1.Select(l => expected.Labels[l]), l2.Select(l => actual.Labels[l]));
            Assert.Equal(1, h1.Count(h => h < 0));
        }
    }
}
