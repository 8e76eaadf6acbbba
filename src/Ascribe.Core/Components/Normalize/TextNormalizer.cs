using System.Globalization;
using System.Text;
using Ascribe.Core.Documents;

namespace Ascribe.Core.Components.Normalize;

/// <summary>
/// Builds the normalized copy of a text: Unicode NFC, typographic apostrophes to <c>'</c>, hyphen
/// variants (U+2010, U+2011) to <c>-</c>, every space variant to a plain space, soft
/// hyphens and zero-width characters dropped, Windows and old Mac line ends to <c>\n</c>, and
/// words broken by a hyphen at a line end ("exam-\nple") joined. Quote marks keep their shape so
/// that quote pairing can read their direction. The result maps every character back to the
/// original text.
/// </summary>
public static class TextNormalizer
{
    public static NormalizedText Normalize(string text)
    {
        if (!NeedsWork(text))
        {
            return new NormalizedText(text, null);
        }

        var sb = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);

        void Emit(char c, int s, int e)
        {
            sb.Append(c);
            starts.Add(s);
            ends.Add(e);
        }

        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];

            // Decomposed sequences: compose a base character with its combining marks.
            if (i + 1 < text.Length && IsCombining(text[i + 1]) && !char.IsSurrogate(c))
            {
                int j = i + 1;
                while (j < text.Length && IsCombining(text[j]))
                {
                    j++;
                }

                string composed = text.Substring(i, j - i).Normalize(NormalizationForm.FormC);
                foreach (char k in composed)
                {
                    Emit(k, i, j);
                }

                i = j;
                continue;
            }

            switch (c)
            {
                case '\u00AD': // soft hyphen
                case '\u200B': // zero-width space
                case '\u200C':
                case '\u200D':
                case '\u2060':
                case '\uFEFF':
                    i++;
                    continue;
                case '\r':
                    Emit('\n', i, i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1);
                    i += i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    continue;
                case '\u00A0':
                case '\u2007':
                case '\u202F':
                case '\u2000':
                case '\u2001':
                case '\u2002':
                case '\u2003':
                case '\u2004':
                case '\u2005':
                case '\u2006':
                case '\u2008':
                case '\u2009':
                case '\u200A':
                case '\u205F':
                case '\u3000':
                case '\t':
                    Emit(' ', i, i + 1);
                    i++;
                    continue;
                case '\u2028':
                case '\u2029':
                case '\u0085':
                    Emit('\n', i, i + 1);
                    i++;
                    continue;
                case '\u2010':
                case '\u2011':
                    Emit('-', i, i + 1);
                    i++;
                    continue;
                case '\u2019':
                case '\u02BC':
                    // Right single quote between letters is an apostrophe ("don’t", "Putin’s").
                    if (i > 0 && char.IsLetterOrDigit(text[i - 1]) && (i + 1 >= text.Length || char.IsLetter(text[i + 1]) || !char.IsLetterOrDigit(text[i + 1])))
                    {
                        if (i + 1 < text.Length && char.IsLetter(text[i + 1]))
                        {
                            Emit('\'', i, i + 1);
                            i++;
                            continue;
                        }
                    }

                    Emit(c, i, i + 1);
                    i++;
                    continue;
                case '-':
                    // A word broken across a line end: "exam-\nple" becomes "example".
                    if (i > 0 && char.IsLower(text[i - 1]) && i + 2 < text.Length && text[i + 1] == '\n' && char.IsLower(text[i + 2]))
                    {
                        i += 2;
                        continue;
                    }

                    Emit(c, i, i + 1);
                    i++;
                    continue;
                default:
                    Emit(c, i, i + 1);
                    i++;
                    continue;
            }
        }

        return new NormalizedText(sb.ToString(), starts.ToArray(), ends.ToArray(), text.Length);
    }

    private static bool IsCombining(char c) =>
        c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool NeedsWork(string text)
    {
        foreach (char c in text)
        {
            if (c < '\u00A0')
            {
                if (c == '\r' || c == '\t' || c == '\u0085')
                {
                    return true;
                }

                if (c == '-')
                {
                    continue;
                }

                continue;
            }

            return true;
        }

        return text.Contains("-\n", StringComparison.Ordinal);
    }
}
