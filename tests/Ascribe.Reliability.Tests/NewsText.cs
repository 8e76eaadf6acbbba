using FsCheck;
using FsCheck.Fluent;

namespace Ascribe.Reliability.Tests;

/// <summary>A random text built from the pieces that make news text hard: quote marks of every style, line ends, combining marks, surrogates, invisible characters.</summary>
public sealed record NewsText(string Value)
{
    public override string ToString() => "\"" + string.Concat(Value.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
}

/// <summary>FsCheck generators for <see cref="NewsText"/>.</summary>
public static class NewsTextArbitrary
{
    private static readonly string[] Words =
    {
        "said", "says", "told", "according", "to", "Putin", "Trump's", "don't", "U.S.", "Mr.", "Gen.", "3.5", "1,000",
        "'90s", "O'Brien", "students'", "café", "naïve", "well-known", "e.g.", "http://example.com/a?b=c", "a@b.org",
        "The", "he", "she", "officials", "that", "Mr", "AT&T", "...", "…", "—", "–", "(", ")", "[", "]", ",", ".", "!", "?", ";", ":",
    };

    private static readonly string[] Marks =
    {
        "\"", "'", "\u201C", "\u201D", "\u2018", "\u2019", "\u201E", "\u201A", "\u201F", "\u201B", "\u00AB", "\u00BB",
        "\u2039", "\u203A", "\u300C", "\u300D", "\u300E", "\u300F", "\u02BC",
    };

    private static readonly string[] Oddities =
    {
        "\r\n", "\n", "\r", "\n\n", "\t", "\u00A0", "\u202F", "\u3000", "\u2028", "\u2029", "\u0085", "\u00AD", "\u200B", "\u200D",
        "\uFEFF", "\u0301", "e\u0301", "\u0308\u0301", "\u0915\u093F", "\U0001F600", "\U0001D49C", "\uD800", "\uDC00", "-\n",
        "exam-\nple", "exam-\r\nple", "\u2010", "\u2011", "\0", "\u001B", "\uFFFD", "\u0627\u0644", "\u4E2D\u6587", "\u0130", "ß",
        "\u000B", "\u000C", "\u001F", "\u0341", "\u0344", "\u212B", "\uFE0F", "\u2060", "\u200C", "\u2011\n", "\u2028", "-\u200B\n",
    };

    public static Arbitrary<NewsText> NewsText()
    {
        var word = Gen.Elements(Words);
        var mark = Gen.Elements(Marks);
        var oddity = Gen.Elements(Oddities);
        var anyChar = Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString());
        var space = Gen.Elements(" ", " ", " ", "", "\n");
        var piece = Gen.Frequency(
            (6, word),
            (3, mark),
            (2, oddity),
            (1, anyChar));
        var gen = Gen.Sized(size => Gen.ListOf(Gen.Zip(piece, space).Select(p => p.Item1 + p.Item2)).Resize(Math.Max(1, size * 2)))
            .Select(parts => new NewsText(string.Concat(parts)));
        return Arb.From(gen, Shrink);
    }

    /// <summary>Smaller texts first: the text with a run of characters cut out, from halves down to single characters.</summary>
    public static IEnumerable<NewsText> Shrink(NewsText text)
    {
        string value = text.Value;
        for (int chunk = value.Length / 2; chunk >= 1; chunk /= 2)
        {
            for (int at = 0; at + chunk <= value.Length; at += chunk)
            {
                yield return new NewsText(value.Remove(at, chunk));
            }
        }
    }
}
