using System.Globalization;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Components.Tokenize;

/// <summary>
/// Splits the normalized text into Penn-Treebank-like tokens and stores them with offsets into
/// both the normalized and the original text. Clitics are split ("don't" → "do" "n't",
/// "Putin's" → "Putin" "'s", "cannot" → "can" "not"); hyphenated and slashed words ("and/or"),
/// decimals, "U.S."-style initials, known abbreviations, URLs, e-mail addresses, @handles and
/// #hashtags stay whole; every quote mark is its own token.
/// </summary>
public sealed class Tokenizer : IPipelineComponent
{
    public string Name => "tokenizer";

    public IReadOnlyList<string> Requires { get; } = Array.Empty<string>();

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Normalized, Attr.Tokens };

    public void Process(Document doc)
    {
        var norm = Normalize.TextNormalizer.Normalize(doc.Text);
        doc.SetNormalized(norm);
        doc.SetTokens(Tokenize(norm));
    }

    /// <summary>Tokenizes a normalized text; offsets of the result are mapped to the original.</summary>
    public static TokenData[] Tokenize(NormalizedText norm)
    {
        string text = norm.Text;

        // Where each token lies in the normalized text, then the tokens at their final size: a
        // list of full tokens copied into an array would hold every token twice for a moment.
        var tokens = new List<(int Start, int End, TokenKind Kind)>(text.Length / 5 + 4);
        int i = 0;
        int n = text.Length;
        while (i < n)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            int end;
            TokenKind kind;
            if (IsWordStart(c))
            {
                if (TryUrl(text, i, out end))
                {
                    kind = TokenKind.Url;
                }
                else if (IsNegationAt(text, i) || IsCannotAt(text, i))
                {
                    // "n't" of "don't"; "can" of "cannot" (then "not"), as the Penn Treebank splits them.
                    end = i + 3;
                    kind = TokenKind.Word;
                }
                else
                {
                    end = ScanWord(text, i, out bool numeric);
                    kind = numeric ? TokenKind.Number : TokenKind.Word;
                }
            }
            else if (c is '@' or '#' && HandleEnd(text, i) is int handleEnd && handleEnd > i + 1)
            {
                // @handle, #hashtag
                end = handleEnd;
                kind = TokenKind.Word;
            }
            else if (c == '\'' && i + 1 < n && IsCliticAt(text, i, n))
            {
                end = CliticEnd(text, i);
                kind = TokenKind.Word;
            }
            else if (c == '\'' && i + 1 < n && char.IsDigit(text[i + 1]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])) && DecadeAt(text, i + 1))
            {
                // '90s
                end = ScanWord(text, i + 1, out _);
                kind = TokenKind.Number;
            }
            else if (QuoteMarks.IsQuote(c))
            {
                // Two apostrophes side by side are one double quote mark (''Yes,'' he said), as
                // the Penn Treebank writes it; a third one makes them ordinary marks again.
                end = c == '\'' && i + 1 < n && text[i + 1] == '\'' && (i + 2 >= n || text[i + 2] != '\'') && (i == 0 || text[i - 1] != '\'') ? i + 2 : i + 1;
                kind = TokenKind.Quote;
            }
            else if (c is '.' or '-' or '!' or '?' or '*' or '=' or '_' or '~' or '\u2026')
            {
                end = i + 1;
                while (end < n && text[end] == c)
                {
                    end++;
                }

                kind = TokenKind.Punctuation;
            }
            else if (char.IsPunctuation(c))
            {
                end = i + 1;
                kind = TokenKind.Punctuation;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(text[i + 1]))
            {
                end = i + 2;
                kind = char.IsLetter(text, i) ? TokenKind.Word : TokenKind.Symbol;
            }
            else
            {
                end = i + 1;
                kind = TokenKind.Symbol;
            }

            // Never cut between characters that came from one original range: the two tokens
            // would share original offsets (issue 9).
            while (end < n && norm.SharesSourceWithPrevious(end))
            {
                end++;
            }

            tokens.Add((i, end, kind));
            i = end;
        }

        var arr = new TokenData[tokens.Count];
        for (int t = 0; t < arr.Length; t++)
        {
            var (start, end, kind) = tokens[t];
            var orig = norm.ToOriginal(start, end);
            arr[t] = new TokenData
            {
                Start = orig.Start,
                End = orig.End,
                NormStart = start,
                NormEnd = end,
                Kind = kind,
                SpaceAfter = end < n && char.IsWhiteSpace(text[end]),
                Sentence = -1,
                Head = -1,
            };
        }

        return arr;
    }

    private static bool IsWordStart(char c) => char.IsLetterOrDigit(c) || (c >= '\u0300' && char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark);

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || (c >= '\u0300' && char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark);

    private static bool DecadeAt(string text, int i)
    {
        int j = i;
        while (j < text.Length && char.IsDigit(text[j]))
        {
            j++;
        }

        return j - i == 2 && j < text.Length && text[j] == 's';
    }

    /// <summary>Scans a word starting at <paramref name="i"/>: letters and digits joined by internal hyphens, periods (initials, decimals), commas in numbers, apostrophes and ampersands.</summary>
    private static int ScanWord(string text, int i, out bool numeric)
    {
        int n = text.Length;
        int start = i;
        bool allDigits = true;
        while (i < n)
        {
            char c = text[i];
            if ((c == 'n' || c == 'N') && i > start && IsNegationAt(text, i))
            {
                break;
            }

            if (IsWordChar(c))
            {
                if (!char.IsDigit(c))
                {
                    allDigits = false;
                }

                i++;
                continue;
            }

            if (i + 1 < n)
            {
                char next = text[i + 1];
                char prev = text[i - 1];
                // Internal hyphen, slash in numbers, ampersand in AT&T.
                if (c == '-' && IsWordChar(next) && IsWordChar(prev))
                {
                    allDigits = false;
                    i++;
                    continue;
                }

                if ((c == '.' || c == ',' || c == ':' || c == '/') && char.IsDigit(prev) && char.IsDigit(next) && allDigits)
                {
                    // 3.5, 1,000, 10:30, 9/11
                    i++;
                    continue;
                }

                if (c == '/' && char.IsLetter(prev) && char.IsLetter(next))
                {
                    // and/or, Reuters/Ipsos, Getty/Instagram
                    allDigits = false;
                    i++;
                    continue;
                }

                if (c == '&' && char.IsUpper(prev) && char.IsUpper(next))
                {
                    allDigits = false;
                    i++;
                    continue;
                }

                // Apostrophe inside a name: O'Brien, but not the start of a clitic.
                if (c == '\'' && char.IsLetter(prev) && char.IsLetter(next) && !IsCliticAt(text, i, n))
                {
                    allDigits = false;
                    i++;
                    continue;
                }
            }

            if (c == '.' && !allDigits)
            {
                // Initials and dotted abbreviations: U.S., U.S.A., Ph.D., e.g., S.E.C., and a
                // party-state label such as D-N.C. or R-Wis. (the part after the hyphen decides).
                int segment = SegmentStart(text, start, i);
                int segmentLength = i - segment;
                if (segmentLength <= 2 && i + 2 < n && char.IsLetter(text[i + 1]) && (text[i + 2] == '.' || (i + 3 < n && char.IsLetter(text[i + 2]) && text[i + 3] == '.')))
                {
                    i++;
                    continue;
                }

                char following = NextVisible(text, i + 1);
                if (LooksDotted(text, start, i)
                    || Abbreviations.IsKnown(text.AsSpan(start, i - start), following)
                    || (segment > start && char.IsUpper(text[segment]) && Abbreviations.IsKnown(text.AsSpan(segment, segmentLength), following))
                    || (i - start == 1 && char.IsUpper(text[start]) && char.IsUpper(following)))
                {
                    // A single capital is an initial only before a name ("John F. Kennedy"), not in "Neither do I."
                    numeric = false;
                    return i + 1;
                }
            }

            break;
        }

        numeric = allDigits;
        return i;
    }

    /// <summary>Start of the last part of the word before <paramref name="dot"/>: after its last period or hyphen.</summary>
    private static int SegmentStart(string text, int start, int dot)
    {
        int k = dot;
        while (k > start && text[k - 1] is not ('.' or '-'))
        {
            k--;
        }

        return k;
    }

    /// <summary>The first character at or after <paramref name="i"/> that is not a space or tab, or NUL at the end or at a line break.</summary>
    private static char NextVisible(string text, int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i < text.Length && text[i] != '\n' ? text[i] : '\0';
    }

    /// <summary>End of an @handle or #hashtag at <paramref name="i"/> (letters, digits, underscores; a hashtag starts with a letter), or <paramref name="i"/>.</summary>
    private static int HandleEnd(string text, int i)
    {
        if ((i > 0 && IsWordChar(text[i - 1])) || i + 1 >= text.Length || !(char.IsLetter(text[i + 1]) || (text[i] == '@' && (char.IsDigit(text[i + 1]) || text[i + 1] == '_'))))
        {
            return i;
        }

        int j = i + 1;
        while (j < text.Length && (IsWordChar(text[j]) || text[j] == '_'))
        {
            j++;
        }

        return j;
    }

    /// <summary>True at the start of a free-standing "cannot".</summary>
    private static bool IsCannotAt(string text, int i) =>
        i + 6 <= text.Length && text.AsSpan(i, 6).Equals("cannot", StringComparison.OrdinalIgnoreCase)
        && (i == 0 || !IsWordChar(text[i - 1])) && (i + 6 == text.Length || !IsWordChar(text[i + 6]));

    /// <summary>True for "U.S" or "e.g" (letters separated by periods) ending before <paramref name="dot"/>.</summary>
    private static bool LooksDotted(string text, int start, int dot) =>
        dot - start >= 3 && text.AsSpan(start, dot - start).Contains('.');

    /// <summary>True at the "n't" of "don't": n, apostrophe, t, then no letter, after a letter.</summary>
    private static bool IsNegationAt(string text, int i) =>
        i > 0 && i + 2 < text.Length && char.IsLetter(text[i - 1]) && (text[i] == 'n' || text[i] == 'N') && text[i + 1] == '\''
        && (text[i + 2] == 't' || text[i + 2] == 'T') && (i + 3 == text.Length || !char.IsLetter(text[i + 3]));

    private static bool IsCliticAt(string text, int i, int n)
    {
        // 's 'S 're 've 'll 'd 'm followed by a non-letter, after a word or an abbreviation ("D.C.'s").
        if (i == 0 || !(char.IsLetterOrDigit(text[i - 1]) || (text[i - 1] == '.' && i > 1 && char.IsLetter(text[i - 2]))))
        {
            return false;
        }

        int rest = n - i - 1;
        if (rest >= 1)
        {
            char a = char.ToLowerInvariant(text[i + 1]);
            bool endAfter1 = rest == 1 || !char.IsLetter(text[i + 2]);
            if ((a == 's' || a == 'd' || a == 'm') && endAfter1)
            {
                return true;
            }

            if (rest >= 2)
            {
                char b = char.ToLowerInvariant(text[i + 2]);
                bool endAfter2 = rest == 2 || !char.IsLetter(text[i + 3]);
                if (endAfter2 && ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int CliticEnd(string text, int i)
    {
        int j = i + 1;
        while (j < text.Length && char.IsLetter(text[j]))
        {
            j++;
        }

        return j;
    }

    private static bool TryUrl(string text, int i, out int end)
    {
        end = i;
        var rest = text.AsSpan(i);
        bool url = rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("www.", StringComparison.OrdinalIgnoreCase);
        int j = i;
        if (!url)
        {
            // e-mail: word@word.tld
            while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] is '.' or '_' or '-' or '+'))
            {
                j++;
            }

            if (j >= text.Length || text[j] != '@' || j == i)
            {
                return false;
            }
        }

        while (j < text.Length && !char.IsWhiteSpace(text[j]) && !QuoteMarks.IsQuote(text[j]) && text[j] is not ('<' or '>'))
        {
            j++;
        }

        while (j > i && text[j - 1] is '.' or ',' or ';' or ':' or ')' or '!' or '?' or ']')
        {
            j--;
        }

        end = j;
        return end > i + 4;
    }
}
