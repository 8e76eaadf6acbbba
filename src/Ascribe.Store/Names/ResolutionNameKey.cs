using Ascribe.Core.Components.Resolution;

namespace Ascribe.Store.Names;

/// <summary>
/// Default <see cref="INameKey"/>, built on the in-document resolver's <see cref="NameMatcher"/>:
/// titles and particles are removed with its lexicon, and every remaining word is replaced by its
/// phonetic key, so "Zelensky", "Zelenskyy", "Selenskyj" and "Зеленський" all end in "silinski"
/// and "Tschernak" and "Chernak" share "Cirnak". Given names that differ in spelling but match
/// by <see cref="NameMatcher.NamesMatch"/> ("Vladimir" / "Volodymyr") merge through
/// <see cref="SameBearer"/>.
/// </summary>
public sealed class ResolutionNameKey : INameKey
{
    public static readonly ResolutionNameKey Instance = new();

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "hers", "their", "who", "which", "that", "this",
    };

    public string? Key(string name)
    {
        // Apostrophes from transliteration ("Zelens'kiy") are not word breaks.
        string ascii = AnyAscii.Transliteration.Transliterate(name).Replace("'", string.Empty, StringComparison.Ordinal).Replace("\u2019", string.Empty, StringComparison.Ordinal);
        var parsed = NameMatcher.Parse(ascii);
        if (parsed.Surname.Length == 0 || (parsed.Given.Count == 0 && NotNames.Contains(parsed.Surname)))
        {
            return null;
        }

        // A lone title ("Mr.") parses as a surname; it names no one.
        if (parsed.Given.Count == 0 && parsed.Titles.Count == 0 && SourceLexicon.Default.Titles.ContainsKey(parsed.Surname))
        {
            return null;
        }

        return string.Join(' ', parsed.Given.Append(parsed.Surname).Select(w => NameMatcher.Keys(w)[0]));
    }

    public bool SameBearer(string name, string other) => NameMatcher.NamesMatch(name, other);
}
