using Ascribe.Core.Evaluation;

namespace Ascribe.Accurate.Training;

/// <summary>One PolNeAR article: its text and one annotator's attributions.</summary>
public sealed record GoldArticle(string Id, string Text, BratAnnotation Gold)
{
    /// <summary>
    /// Reads a PolNeAR-style folder (<c>text/ID.txt</c>, <c>attributions/ID_XXXX.ann</c>). Like the
    /// scorer's clean mode it keeps one annotation per article, the first by file name; with
    /// <paramref name="allAnnotators"/> every annotator's file of an article is one more entry
    /// (same id and text, that annotator's attributions).
    /// </summary>
    public static List<GoldArticle> ReadFolder(string dir, bool allAnnotators = false)
    {
        var articles = new List<GoldArticle>();
        foreach (var (id, path) in GoldFolder.Files(dir, firstPerArticle: !allAnnotators))
        {
            string textPath = GoldFolder.TextPath(dir, id);
            if (File.Exists(textPath))
            {
                articles.Add(new GoldArticle(id, File.ReadAllText(textPath), BratAnnotation.Parse(File.ReadAllText(path))));
            }
        }

        return articles;
    }
}
