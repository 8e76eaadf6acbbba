using System.Text.RegularExpressions;

namespace Ascribe.Core.Evaluation;

/// <summary>One annotation file of a gold folder and the article it annotates.</summary>
/// <param name="ArticleId">The article's id: its text is <c>text/ID.txt</c>.</param>
/// <param name="Path">The <c>.ann</c> file.</param>
public readonly record struct GoldFile(string ArticleId, string Path);

/// <summary>
/// The annotation files of a PolNeAR-style gold folder (<c>text/ID.txt</c> and
/// <c>attributions/ID_XXXX.ann</c>, XXXX naming the annotator), taken in the order and with the
/// article ids the reference scorer uses, so every command that reads such a folder sees the same
/// articles.
/// </summary>
public static partial class GoldFolder
{
    /// <summary>The article id of an annotation file name: without <c>.ann</c> and without a four-hex-digit annotator suffix.</summary>
    public static string ArticleId(string fileName)
    {
        string name = fileName.EndsWith(".ann", StringComparison.Ordinal) ? fileName[..^4] : fileName;
        return AnnotatorSuffix().Replace(name, string.Empty);
    }

    /// <summary>
    /// Every <c>attributions/*.ann</c> file of <paramref name="dir"/> in ordinal order of file name.
    /// With <paramref name="firstPerArticle"/> only the first file of each article is kept (the
    /// scorer's clean mode); otherwise each annotator's file of an article is one more entry.
    /// </summary>
    public static IEnumerable<GoldFile> Files(string dir, bool firstPerArticle)
    {
        string attDir = System.IO.Path.Combine(dir, "attributions");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var paths = Directory.GetFiles(attDir, "*.ann").Where(p => p.EndsWith(".ann", StringComparison.Ordinal));
        foreach (string path in paths.Order(StringComparer.Ordinal))
        {
            string id = ArticleId(System.IO.Path.GetFileName(path));
            if (seen.Add(id) || !firstPerArticle)
            {
                yield return new GoldFile(id, path);
            }
        }
    }

    /// <summary>The text file of article <paramref name="articleId"/> in gold folder <paramref name="dir"/>.</summary>
    public static string TextPath(string dir, string articleId) => System.IO.Path.Combine(dir, "text", articleId + ".txt");

    [GeneratedRegex("_[0-9a-f]{4}$")]
    private static partial Regex AnnotatorSuffix();
}
