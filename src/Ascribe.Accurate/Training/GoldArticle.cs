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
        string attDir = Path.Combine(dir, "attributions");
        string textDir = Path.Combine(dir, "text");
        var articles = new List<GoldArticle>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(attDir, "*.ann").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            int us = name.LastIndexOf('_');
            string id = us > 0 && name.Length - us == 5 ? name[..us] : name;
            string textPath = Path.Combine(textDir, id + ".txt");
            if ((!seen.Add(id) && !allAnnotators) || !File.Exists(textPath))
            {
                continue;
            }

            articles.Add(new GoldArticle(id, File.ReadAllText(textPath), BratAnnotation.Parse(File.ReadAllText(path))));
        }

        return articles;
    }
}
