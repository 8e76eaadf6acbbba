namespace Ascribe.Benchmarks;

/// <summary>The benchmark texts: every .txt file of a folder, read once, with their word counts.</summary>
public sealed class Corpus
{
    /// <summary>PolNeAR dev texts; the bench reads them from the shared data folder.</summary>
    public const string DefaultPath = "/work/shared/data/polnear/dev/text";

    private Corpus(string path, IReadOnlyList<string> files, IReadOnlyList<string> texts)
    {
        Path = path;
        Files = files;
        Texts = texts;
        Words = texts.Sum(CountWords);
        Chars = texts.Sum(t => (long)t.Length);
    }

    public string Path { get; }

    public IReadOnlyList<string> Files { get; }

    public IReadOnlyList<string> Texts { get; }

    /// <summary>Whitespace-separated words, counted as <c>wc -w</c> counts them, so every tool in bench/run divides by the same number.</summary>
    public long Words { get; }

    public long Chars { get; }

    public static Corpus Load(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : new List<string> { path };
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"no .txt files under {path}");
        }

        return new Corpus(path, files, files.Select(File.ReadAllText).ToList());
    }

    public static long CountWords(string text)
    {
        long words = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                words++;
            }

            inWord = !space;
        }

        return words;
    }
}
