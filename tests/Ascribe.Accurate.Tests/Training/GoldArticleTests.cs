using Ascribe.Accurate.Training;

namespace Ascribe.Accurate.Tests.Training;

public class GoldArticleTests
{
    private static readonly string Mini = Path.Combine(AppContext.BaseDirectory, "data", "polnear-mini");

    [Fact]
    public void ReadsTheFirstAnnotatorOfEachArticleByDefault()
    {
        var articles = GoldArticle.ReadFolder(Mini);
        var files = Directory.GetFiles(Path.Combine(Mini, "attributions"), "*.ann");
        Assert.Equal(files.Select(IdOf).Distinct().Count(), articles.Count);
        Assert.Equal(articles.Count, articles.Select(a => a.Id).Distinct().Count());

        // The politico article has six annotators; the first by file name (…_4b22) is the one read.
        var politico = Assert.Single(articles, a => a.Id.StartsWith("politico_2016-09-08", StringComparison.Ordinal));
        var first = files.Where(f => IdOf(f) == politico.Id).Order(StringComparer.Ordinal).First();
        Assert.EndsWith("_4b22.ann", first, StringComparison.Ordinal);
        Assert.Equal(Spans(File.ReadAllText(first)), Spans(politico.Gold));
    }

    [Fact]
    public void AllAnnotatorsReadsEveryAnnotatorsFileOfAnArticle()
    {
        var articles = GoldArticle.ReadFolder(Mini, allAnnotators: true);
        var files = Directory.GetFiles(Path.Combine(Mini, "attributions"), "*.ann").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files.Length, articles.Count);

        // Each entry of an article shares its text and carries its own annotator's spans, in file-name order.
        var politicoFiles = files.Where(f => Path.GetFileName(f).StartsWith("politico_2016-09-08", StringComparison.Ordinal)).ToArray();
        var politico = articles.Where(a => a.Id.StartsWith("politico_2016-09-08", StringComparison.Ordinal)).ToArray();
        Assert.Equal(6, politico.Length);
        Assert.Single(politico.Select(a => a.Text).Distinct());
        for (int i = 0; i < politico.Length; i++)
        {
            Assert.Equal(Spans(File.ReadAllText(politicoFiles[i])), Spans(politico[i].Gold));
        }

        Assert.True(politico.Select(a => string.Join(";", Spans(a.Gold))).Distinct().Count() > 1, "the annotators disagree somewhere");
    }

    private static string IdOf(string path)
    {
        string name = Path.GetFileNameWithoutExtension(path);
        return name[..name.LastIndexOf('_')];
    }

    private static List<string> Spans(string ann) => Spans(Ascribe.Core.Evaluation.BratAnnotation.Parse(ann));

    private static List<string> Spans(Ascribe.Core.Evaluation.BratAnnotation gold) =>
        gold.Spans.Select(s => s.Kind + " " + string.Join(";", s.Fragments.Select(f => $"{f.Start} {f.End}"))).Order(StringComparer.Ordinal).ToList();
}
