using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ascribe.Store.Dedup;

/// <summary>
/// Normalized word sequences and hashes of article and quote text. Normalization folds Unicode
/// (NFKC), case, typographic quotes and dashes, punctuation and whitespace, so that a re-saved or
/// re-encoded copy of an article hashes the same.
/// </summary>
public static class TextFingerprint
{
    /// <summary>Lower-case words of <paramref name="text"/> (letters and digits only), in order.</summary>
    public static List<string> Words(string text)
    {
        string folded = text.Normalize(NormalizationForm.FormKC);
        var words = new List<string>(folded.Length / 6 + 1);
        var sb = new StringBuilder(24);
        foreach (char c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '\u2019' or '\u00AD' && sb.Length > 0)
            {
                // Apostrophes and soft hyphens inside words: "don't" and "dont" are the same word.
                continue;
            }
            else if (sb.Length > 0)
            {
                words.Add(sb.ToString());
                sb.Clear();
            }
        }

        if (sb.Length > 0)
        {
            words.Add(sb.ToString());
        }

        return words;
    }

    /// <summary>The words joined by single spaces: the canonical form that is hashed.</summary>
    public static string Canonical(string text) => string.Join(' ', Words(text));

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static string Sha256(string value)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Identity of an article in the store: SHA-256 of the outlet and the canonical text. The same
    /// text from the same outlet is one article however often it is ingested; the same text from
    /// another outlet is a second article, linked to the first as a near-duplicate.
    /// </summary>
    public static string ArticleKey(string text, string? outlet) =>
        Sha256((outlet ?? string.Empty).Trim().ToLower(CultureInfo.InvariantCulture) + "\n" + Canonical(text));
}
