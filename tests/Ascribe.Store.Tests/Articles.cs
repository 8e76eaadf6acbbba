using Ascribe.Store.Ingest;

namespace Ascribe.Store.Tests;

/// <summary>Test articles: the mini PolNeAR texts and small hand-written reports.</summary>
internal static class Articles
{
    public static string Data(params string[] parts) => Path.Combine(new[] { AppContext.BaseDirectory, "data" }.Concat(parts).ToArray());

    public static IncomingArticle Make(string id, string text, string? outlet = null, string? published = null, string? title = null)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        if (outlet is not null)
        {
            meta["outlet"] = outlet;
        }

        if (published is not null)
        {
            meta["published"] = published;
        }

        if (title is not null)
        {
            meta["title"] = title;
        }

        return new IncomingArticle(id, id, text, meta);
    }

    public static List<IncomingArticle> PolnearMini() =>
        Directory.EnumerateFiles(Data("polnear-mini", "text"), "*.txt").Order(StringComparer.Ordinal)
            .Select(f => Make(Path.GetFileNameWithoutExtension(f), File.ReadAllText(f), Path.GetFileName(f).Split('_')[0], Path.GetFileName(f).Split('_')[1]))
            .ToList();

    /// <summary>Writes <paramref name="count"/> distinct small articles as .txt files into a new folder.</summary>
    public static string WriteFolder(int count)
    {
        string dir = Path.Combine(Path.GetTempPath(), "ascribe-articles-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var paragraphs = PolnearMini().SelectMany(a => a.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)).Where(p => p.Length > 200).ToList();
        for (int i = 0; i < count; i++)
        {
            string text = $"Report {i} from the capital.\n\n"
                + $"\"We have counted {i} ballots in district {i % 17} and the count will continue,\" said Maria Ortega{i % 5}, the election commissioner.\n\n"
                + paragraphs[i % paragraphs.Count] + "\n\n" + paragraphs[(i * 7 + 3) % paragraphs.Count];
            File.WriteAllText(Path.Combine(dir, $"article-{i:D4}.txt"), text);
        }

        return dir;
    }

    public static IngestRunner Runner(IDocumentStore store, int batch = 100) =>
        new(store, Ascribe.Core.Pipeline.DefaultPipeline.Create()) { BatchSize = batch, Workers = 2, WorkerName = "test" };

    public static IngestSummary Ingest(IDocumentStore store, IEnumerable<IncomingArticle> articles, int batch = 100)
    {
        var runner = Runner(store, batch);
        return runner.Drain(runner.Enqueue(articles));
    }
}
