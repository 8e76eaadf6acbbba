using Ascribe.Core.Models;

namespace Ascribe.Cli.Linguistics;

/// <summary>One article of a CoreNLP-annotated folder: its id, text (when present) and gold sentences.</summary>
internal sealed record AnnotatedArticle(string Id, string? Text, List<AnnotatedSentence> Sentences);

/// <summary>
/// Reads a PolNeAR-style folder: <c>corenlp/ID.tsv</c> (coreference files are skipped) with the
/// article text in <c>text/ID.txt</c>. DIR may also be the corenlp folder itself.
/// </summary>
internal static class CorpusLoader
{
    public static bool TryFind(string dir, out string corenlpDir, out string textDir)
    {
        corenlpDir = Path.Combine(dir, "corenlp");
        textDir = Path.Combine(dir, "text");
        if (!Directory.Exists(corenlpDir) && Directory.Exists(dir) && Directory.EnumerateFiles(dir, "*.tsv").Any())
        {
            corenlpDir = dir;
            textDir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar)) ?? dir, "text");
        }

        return Directory.Exists(corenlpDir);
    }

    public static List<AnnotatedArticle> Load(string corenlpDir, string textDir)
    {
        var articles = new List<AnnotatedArticle>();
        foreach (var path in Directory.EnumerateFiles(corenlpDir, "*.tsv").Where(p => !p.EndsWith(".coref.tsv", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string id = Path.GetFileNameWithoutExtension(path);
            string textPath = Path.Combine(textDir, id + ".txt");
            string? text = File.Exists(textPath) ? File.ReadAllText(textPath) : null;
            articles.Add(new AnnotatedArticle(id, text, CorenlpTsv.Parse(File.ReadAllText(path), text, path)));
        }

        return articles;
    }
}
