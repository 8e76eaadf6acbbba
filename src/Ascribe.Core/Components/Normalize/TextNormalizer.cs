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

        // Output and maps grow in place: NFC composition may (rarely) emit more characters than it reads.
        var buffer = new Buffer(text.Length);

        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];

            // Decomposed sequences: compose a base character with its combining marks (dropped
            // characters between them are skipped, as the output will have them). A line end or
            // other control character is no base: its marks stand alone, like marks at the start,
            // and NFC still maps each (U+0341 is U+0301), so "\n" and "\r\n" before a mark
            // normalize alike (issue 9).
            int next = SkipDropped(text, i + 1);
            if ((IsCombining(c) || (next < text.Length && IsCombining(text[next])))
                && !char.IsSurrogate(c) && !char.IsControl(c) && !IsRewritten(c))
            {
                int j = next;
                while (j < text.Length && (IsCombining(text[j]) || IsDropped(text[j])))
                {
                    j++;
                }

                while (IsDropped(text[j - 1]))
                {
                    j--;
                }

                var kept = new StringBuilder(j - i);
                for (int k = i; k < j; k++)
                {
                    if (!IsDropped(text[k]))
                    {
                        kept.Append(text[k]);
                    }
                }

                string sequence = kept.ToString();
                string composed = sequence.Normalize(NormalizationForm.FormC);
                if (sequence == composed)
                {
                    // Already composed (a mark NFC leaves alone): keep the one-to-one map, so that
                    // no two tokens can share an original range (issue 9).
                    for (int k = i; k < j; k++)
                    {
                        if (!IsDropped(text[k]))
                        {
                            buffer.Emit(text[k], k, k + 1);
                        }
                    }
                }
                else
                {
                    foreach (char k in composed)
                    {
                        buffer.Emit(k, i, j);
                    }
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
                    buffer.Emit('\n', i, i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1);
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
                    buffer.Emit(' ', i, i + 1);
                    i++;
                    continue;
                case '\u2028':
                case '\u2029':
                case '\u0085':
                    buffer.Emit('\n', i, i + 1);
                    i++;
                    continue;
                case '\u2019':
                case '\u02BC':
                    // Right single quote between letters is an apostrophe ("don’t", "Putin’s").
                    // Neighbours are read as the output will have them: the left one from the output
                    // (so "cafe\u0301’s" composes first), the right one past dropped characters
                    // (so "says’\u200Dthat" reads "says’that"); otherwise normalizing twice would differ (issue 9).
                    int right = SkipDropped(text, i + 1);
                    if (i > 0 && char.IsLetterOrDigit(buffer.Last) && right < text.Length && char.IsLetter(text[right]))
                    {
                        buffer.Emit('\'', i, i + 1);
                        i++;
                        continue;
                    }

                    // The possessive of an abbreviation: "D.C.’s", "U.S.’s".
                    if (buffer.Last == '.' && char.IsLetter(buffer.BeforeLast) && right < text.Length && text[right] is 's' or 'S'
                        && SkipDropped(text, right + 1) is int afterS && (afterS >= text.Length || !char.IsLetterOrDigit(text[afterS])))
                    {
                        buffer.Emit('\'', i, i + 1);
                        i++;
                        continue;
                    }

                    buffer.Emit(c, i, i + 1);
                    i++;
                    continue;
                case '-':
                case '\u2010':
                case '\u2011':
                    // A word broken across a line end: "exam-\nple" (or "-\r\n", "-\r") becomes "example".
                    // Hyphen and line end are read as the output will have them (U+2010 is a hyphen,
                    // U+2028 a line end, zero-width characters are skipped), so that normalizing the
                    // output again joins nothing more (issue 9).
                    int lineStart = SkipDropped(text, i + 1);
                    int lineEnd = LineEndLength(text, lineStart);
                    int after = SkipDropped(text, lineStart + lineEnd);
                    if (char.IsLower(buffer.Last) && lineEnd > 0 && after < text.Length && char.IsLower(text[after]))
                    {
                        i = lineStart + lineEnd;
                        continue;
                    }

                    buffer.Emit('-', i, i + 1);
                    i++;
                    continue;
                default:
                    buffer.Emit(c, i, i + 1);
                    i++;
                    continue;
            }
        }

        return buffer.ToNormalizedText(text.Length);
    }

    /// <summary>Index of the first character at or after <paramref name="i"/> that the normalizer keeps.</summary>
    private static int SkipDropped(string text, int i)
    {
        while (i < text.Length && IsDropped(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Soft hyphen and zero-width characters: the normalizer drops them.</summary>
    private static bool IsDropped(char c) => c is '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    /// <summary>Length of the line end ("\n", "\r\n", "\r", U+0085, U+2028 or U+2029) at <paramref name="i"/>, or 0.</summary>
    private static int LineEndLength(string text, int i)
    {
        if (i >= text.Length)
        {
            return 0;
        }

        return text[i] switch
        {
            '\n' or '\u0085' or '\u2028' or '\u2029' => 1,
            '\r' => i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1,
            _ => 0,
        };
    }

    /// <summary>The normalized characters and, for each, the original range it came from.</summary>
    private sealed class Buffer
    {
        private char[] _chars;
        private readonly NormalizedText.Builder _map = new();
        private int _length;

        public Buffer(int capacity)
        {
            _chars = new char[Math.Max(capacity, 4)];
        }

        /// <summary>The last character emitted, or NUL.</summary>
        public char Last => _length > 0 ? _chars[_length - 1] : '\0';

        /// <summary>The character emitted before <see cref="Last"/>, or NUL.</summary>
        public char BeforeLast => _length > 1 ? _chars[_length - 2] : '\0';

        public void Emit(char c, int start, int end)
        {
            if (_length == _chars.Length)
            {
                Array.Resize(ref _chars, _chars.Length * 2);
            }

            _chars[_length] = c;
            _map.Add(start, end);
            _length++;
        }

        public NormalizedText ToNormalizedText(int originalLength) =>
            NormalizedText.FromRuns(new string(_chars, 0, _length), _map, originalLength);
    }

    /// <summary>Characters the switch in <see cref="Normalize"/> replaces or drops; they never start a combining sequence.</summary>
    private static bool IsRewritten(char c) => c is '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\r' or '\t'
        or '\u00A0' or '\u2007' or '\u202F' or (>= '\u2000' and <= '\u200A') or '\u205F' or '\u3000' or '\u2028' or '\u2029' or '\u0085'
        or '\u2010' or '\u2011' or '\u2019' or '\u02BC' or '-';

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
