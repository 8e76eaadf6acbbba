using System.Text;

namespace Ascribe.Store.Names;

/// <summary>
/// A dependency-free <see cref="INameKey"/>: transliterates to ASCII (AnyAscii: "Владимир Зеленський" →
/// "Vladimir Zelens'kiy"), drops titles and honorifics, and folds the spelling differences that
/// transliteration schemes disagree on (tsch/sch/ch, kh/h, w/v, y/j/i, z/s, doubled letters), so
/// "Zelensky", "Zelenskyy", "Selenskyj" and "Зеленський" share the key "selenski".
/// </summary>
public sealed class TransliteratedNameKey : INameKey
{
    public static readonly TransliteratedNameKey Instance = new();

    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
        "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep", "representative",
        "gov", "governor", "gen", "general", "col", "colonel", "lt", "sgt", "capt", "captain", "adm", "admiral",
        "rev", "reverend", "judge", "justice", "mayor", "chancellor", "king", "queen", "prince", "princess",
        "pope", "st", "jr", "sr", "ii", "iii", "the", "former", "spokesman", "spokeswoman", "spokesperson",
        "chairman", "chairwoman", "ceo", "director", "commissioner", "ambassador", "speaker", "leader",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "hers", "their", "who", "which", "that", "this",
    };

    public string? Key(string name)
    {
        string ascii = AnyAscii.Transliteration.Transliterate(name).ToLowerInvariant();
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (char c in ascii + " ")
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
            }
            else if (c is '\'' or '`')
            {
                continue;
            }
            else if (sb.Length > 0)
            {
                words.Add(sb.ToString());
                sb.Clear();
            }
        }

        if (words.Count == 1 && NotNames.Contains(words[0]))
        {
            return null;
        }

        var kept = words.Where(w => !Titles.Contains(w)).Select(Fold).Where(w => w.Length > 0).ToList();
        return kept.Count == 0 ? null : string.Join(' ', kept);
    }

    public bool SameBearer(string name, string other)
    {
        string? a = Key(name), b = Key(other);
        return a is not null && b is not null && a[0] == b[0];
    }

    /// <summary>The key of the last word of a name: the surname under which a bare "Putin" finds "Vladimir Putin".</summary>
    public static string? Surname(string? key) => key is null ? null : key[(key.LastIndexOf(' ') + 1)..];

    private static string Fold(string word)
    {
        string w = word
            .Replace("tsch", "ch", StringComparison.Ordinal)
            .Replace("sch", "sh", StringComparison.Ordinal)
            .Replace("kh", "h", StringComparison.Ordinal)
            .Replace("ph", "f", StringComparison.Ordinal)
            .Replace("ck", "k", StringComparison.Ordinal);
        var sb = new StringBuilder(w.Length);
        foreach (char c in w)
        {
            char f = c switch
            {
                'w' => 'v',
                'y' or 'j' => 'i',
                'z' => 's',
                _ => c,
            };
            if (sb.Length > 0 && sb[^1] == f)
            {
                continue;
            }

            sb.Append(f);
        }

        return sb.ToString();
    }
}
