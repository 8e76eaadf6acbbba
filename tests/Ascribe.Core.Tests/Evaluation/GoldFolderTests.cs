using Ascribe.Core.Evaluation;

namespace Ascribe.Core.Tests.Evaluation;

public sealed class GoldFolderTests
{
    [Theory]
    [InlineData("politico_2016-09-08_flynn-says_4b22.ann", "politico_2016-09-08_flynn-says")]
    [InlineData("nyt_2016-09-08_obama_ef2d.ann", "nyt_2016-09-08_obama")]
    [InlineData("article.ann", "article")]
    [InlineData("in_the_news.ann", "in_the_news")]
    [InlineData("report_XY12.ann", "report_XY12")]
    [InlineData("draft_12345.ann", "draft_12345")]
    public void ArticleId_DropsOnlyAFourHexDigitAnnotatorSuffix(string fileName, string expected)
    {
        Assert.Equal(expected, GoldFolder.ArticleId(fileName));
    }

    [Fact]
    public void Files_KeepTheFirstAnnotatorOfEachArticleInCleanMode()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ascribe-gold-" + Guid.NewGuid().ToString("N"));
        string att = Path.Combine(dir, "attributions");
        Directory.CreateDirectory(att);
        try
        {
            foreach (string name in new[] { "b_5fec.ann", "a_d473.ann", "a_4e07.ann", "c.ann", "a_4e07.ann.bak", "notes.txt" })
            {
                File.WriteAllText(Path.Combine(att, name), string.Empty);
            }

            var first = GoldFolder.Files(dir, firstPerArticle: true).Select(f => (f.ArticleId, Path.GetFileName(f.Path))).ToArray();
            Assert.Equal(new[] { ("a", "a_4e07.ann"), ("b", "b_5fec.ann"), ("c", "c.ann") }, first);

            var all = GoldFolder.Files(dir, firstPerArticle: false).Select(f => Path.GetFileName(f.Path)).ToArray();
            Assert.Equal(new[] { "a_4e07.ann", "a_d473.ann", "b_5fec.ann", "c.ann" }, all);
            Assert.Equal(Path.Combine(dir, "text", "a.txt"), GoldFolder.TextPath(dir, "a"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
