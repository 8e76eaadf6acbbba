using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Components.Quotes;

/// <summary>
/// Pairs quotation marks into <see cref="Quote"/>s within each paragraph, for every style:
/// "…", '…', “…”, ‘…’, „…“ and „…” (German, Polish), ”…” and ’…’ (Swedish, Finnish, or an opener
/// typed as a closer), ‚…‘, «…», »…« (German), ‹…›, and CJK
/// brackets. Nested quotes get a depth. A quote left open at a paragraph end runs to that end;
/// when the next paragraph reopens it with a mark of the same style (the news convention for a
/// quote spanning paragraphs) or closes a quote it never opened, the two parts are marked as
/// continuing each other.
/// Two adjacent apostrophes (''…'', the typewriter style of some newspapers' archives) are one
/// double mark (three are a double and a single, in the order their place calls for), and a quote's <see cref="Quote.Open"/> and <see cref="Quote.Close"/> are then the
/// first and the last character of the pair. Apostrophes (O'Brien, students', '90s) are not quote
/// marks. Never throws on unbalanced input.
/// </summary>
public sealed class QuoteFinder : IPipelineComponent
{
    public string Name => "quotes";

    public IReadOnlyList<string> Requires { get; } = new[] { Attr.Tokens, Attr.Paragraphs };

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Quotes };

    private enum Role : byte
    {
        Open,
        Close,
        Either,
    }

    /// <summary>A quote mark from <see cref="Offset"/> to <see cref="End"/> (exclusive): one character, or two for <c>''</c>.</summary>
    private readonly record struct Mark(int Offset, int End, char Char, Role Role, bool Single);

    private readonly record struct OpenMark(int Offset, int End, char Char, bool Single);

    public void Process(Document doc)
    {
        doc.Quotes.Clear();
        var tokens = doc.TokenData;
        string text = doc.Text;
        int t = 0;
        char? previousOpen = null;
        var marks = new List<Mark>();
        var stack = new List<OpenMark>();
        for (int p = 0; p < doc.Paragraphs.Count; p++)
        {
            var para = doc.Paragraphs[p];
            marks.Clear();
            while (t < tokens.Length && tokens[t].Start < para.End)
            {
                // The normalizer may turn a letter-like apostrophe (U+02BC) into "'": only marks that are
                // quote marks in the original text can open or close a quote.
                if (tokens[t].Kind == TokenKind.Quote && tokens[t].Start >= para.Start && QuoteMarks.IsQuote(text[tokens[t].Start]))
                {
                    int at = tokens[t].Start;
                    if (IsApostropheTriple(text, at, para))
                    {
                        // ''' is a double and a single mark: ''Yes, 'maybe,''' he said closes the single
                        // quote, then the double; ''''Maybe' is wise,'' she said opens the double, then the single.
                        bool opening = at == para.Start || char.IsWhiteSpace(text[at - 1]) || text[at - 1] is '(' or '[' or '\u2014' or '\u2013';
                        var single = new Mark(opening ? at + 2 : at, opening ? at + 3 : at + 1, '\'', opening ? Role.Open : Role.Close, Single: true);
                        var pair = new Mark(opening ? at : at + 1, opening ? at + 2 : at + 3, '"', opening ? Role.Open : Role.Close, Single: false);
                        marks.Add(opening ? pair : single);
                        marks.Add(opening ? single : pair);
                        while (t < tokens.Length && tokens[t].Start < at + 3)
                        {
                            t++;
                        }

                        continue;
                    }

                    if (IsApostrophePair(doc, t))
                    {
                        // ''Yes,'' he said: one double mark read across both characters.
                        var pairRole = Classify('"', at, at + 2, text, para);
                        if (pairRole is not null)
                        {
                            marks.Add(new Mark(at, at + 2, '"', pairRole.Value, Single: false));
                        }

                        t++;
                        continue;
                    }

                    var role = Classify(text[at], at, at + 1, text, para);
                    if (role is not null)
                    {
                        marks.Add(new Mark(at, at + 1, text[at], role.Value, QuoteMarks.IsSingle(text[at])));
                    }
                }

                t++;
            }

            previousOpen = PairParagraph(doc, para, p, marks, stack, previousOpen);
        }
    }

    /// <summary>
    /// Pairs the marks of one paragraph; returns the opening mark of a double quote left open at its
    /// end (<c>"</c> for <c>''</c>), or null. <paramref name="previousOpen"/> is the previous paragraph's.
    /// </summary>
    private static char? PairParagraph(Document doc, TextSpan para, int paragraph, List<Mark> marks, List<OpenMark> stack, char? previousOpen)
    {
        stack.Clear();
        var found = new List<Quote>();
        bool continuesPrevious = false;
        foreach (var mark in marks)
        {
            int match = mark.Role == Role.Open ? -1 : FindOpener(stack, mark);
            if (match >= 0)
            {
                var open = stack[match];
                // Openers above the match were never closed: drop them.
                stack.RemoveRange(match, stack.Count - match);
                if (mark.Offset > open.End)
                {
                    found.Add(new Quote(open.Offset, mark.End - 1, new TextSpan(open.End, mark.Offset), stack.Count) { Paragraph = paragraph });
                }

                continue;
            }

            if (mark.Role == Role.Close && !mark.Single && stack.Count == 0 && found.Count == 0 && previousOpen is { } opener && Pairs(opener, mark.Char))
            {
                // The previous paragraph's quote runs into this one and closes here without a reopening mark.
                if (mark.Offset > para.Start)
                {
                    found.Add(new Quote(-1, mark.End - 1, new TextSpan(para.Start, mark.Offset), 0) { Paragraph = paragraph, ContinuesPrevious = true });
                    continuesPrevious = true;
                }

                continue;
            }

            if (mark.Role != Role.Close)
            {
                stack.Add(new OpenMark(mark.Offset, mark.End, mark.Char, mark.Single));
            }
        }

        // A double quote still open at the paragraph end runs to the end (news continuation style).
        char? leftOpen = null;
        for (int k = 0; k < stack.Count; k++)
        {
            if (!stack[k].Single)
            {
                var open = stack[k];
                if (para.End > open.End)
                {
                    found.Add(new Quote(open.Offset, -1, new TextSpan(open.End, para.End), k) { Paragraph = paragraph, ContinuesNext = true });
                }

                leftOpen = open.Char;
                break;
            }
        }

        // Reopened at the start of this paragraph with a mark of the same style: the news convention
        // for a continued quote ("“…" then "“…", not "\"…" then "“…", which is a new quotation after
        // an unbalanced one). The reopened quote need not be the first found: a quote nested in it
        // closes earlier.
        int reopened = previousOpen is { } previous && !continuesPrevious && doc.Quotes.Count > 0
            ? found.FindIndex(q => q.Open == FirstNonSpace(doc.Text, para) && Style(previous) == Style(OpeningMark(doc.Text, q.Open)))
            : -1;
        if (reopened >= 0)
        {
            found[reopened] = found[reopened] with { ContinuesPrevious = true };
        }

        if (leftOpen is null && doc.Quotes.Count > 0 && previousOpen is not null && !found.Exists(q => q.ContinuesPrevious))
        {
            // The open quote of the previous paragraph never continued: it was simply unbalanced.
            int last = doc.Quotes.Count - 1;
            doc.Quotes[last] = doc.Quotes[last] with { ContinuesNext = false };
        }

        found.Sort((a, b) => a.Content.Start != b.Content.Start ? a.Content.Start.CompareTo(b.Content.Start) : a.Depth.CompareTo(b.Depth));
        doc.Quotes.AddRange(found);
        return leftOpen;
    }

    /// <summary>The mark that opens a quote at <paramref name="offset"/>, <c>"</c> for a <c>''</c> pair.</summary>
    private static char OpeningMark(string text, int offset) =>
        text[offset] == '\'' && offset + 1 < text.Length && text[offset + 1] == '\'' ? '"' : text[offset];

    /// <summary>The family of a double mark: straight, curly (“ ” „ ‟), guillemets, or the mark itself.</summary>
    private static char Style(char mark) => mark switch
    {
        '\u201C' or '\u201D' or '\u201E' or '\u201F' => '\u201C',
        '\u00AB' or '\u00BB' => '\u00AB',
        _ => mark,
    };

    private static int FirstNonSpace(string text, TextSpan para)
    {
        int i = para.Start;
        while (i < para.End && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int FindOpener(List<OpenMark> stack, Mark mark)
    {
        for (int k = stack.Count - 1; k >= 0; k--)
        {
            if (Pairs(stack[k].Char, mark.Char))
            {
                return k;
            }
        }

        return -1;
    }

    private static bool Pairs(char open, char close) => open switch
    {
        '"' => close is '"' or '\u201D', // "…” when straight and curly marks are mixed
        '\'' => close is '\'' or '\u2019',
        '\u201C' => close is '\u201D' or '"' or '\u201C',
        '\u201E' => close is '\u201C' or '\u201D' or '"',
        '\u201F' => close is '\u201D' or '"',
        '\u201D' => close is '\u201D', // Swedish and Finnish ”…”, or an opener typed as a closer
        '\u2019' => close is '\u2019', // ’…’ likewise
        '\u2018' => close is '\u2019' or '\'',
        '\u201A' => close is '\u2018' or '\u2019',
        '\u201B' => close is '\u2019',
        '\u00AB' => close is '\u00BB',
        '\u00BB' => close is '\u00AB',
        '\u2039' => close is '\u203A',
        '\u203A' => close is '\u2039',
        '\u300C' => close is '\u300D',
        '\u300E' => close is '\u300F',
        _ => false,
    };

    /// <summary>True when exactly three ASCII apostrophes start at <paramref name="at"/> within the paragraph, however the tokenizer split them.</summary>
    private static bool IsApostropheTriple(string text, int at, TextSpan para) =>
        at + 3 <= para.End && text[at] == '\'' && text[at + 1] == '\'' && text[at + 2] == '\''
        && (at + 3 == para.End || text[at + 3] != '\'') && (at == para.Start || text[at - 1] != '\'');

    /// <summary>True when quote token <paramref name="t"/> is two ASCII apostrophes, which the tokenizer keeps together as one double mark.</summary>
    private static bool IsApostrophePair(Document doc, int t)
    {
        var token = doc.TokenData[t];
        return token.End == token.Start + 2 && doc.Text[token.Start] == '\'' && doc.Text[token.Start + 1] == '\'';
    }

    /// <summary>Decides whether the mark <paramref name="c"/> from <paramref name="at"/> to <paramref name="end"/> can open, close or both; null for an apostrophe.</summary>
    private static Role? Classify(char c, int at, int end, string text, TextSpan para)
    {
        char prev = at > para.Start ? text[at - 1] : ' ';
        char next = end < para.End ? text[end] : ' ';
        // Another quote mark counts as a boundary on either side: "'Great Russia'" stacks marks.
        bool spaceBefore = char.IsWhiteSpace(prev) || at == para.Start || prev is '(' or '[' or '\u2014' or '\u2013' or '-' or '/' or ':' || QuoteMarks.IsQuote(prev);
        bool spaceAfter = char.IsWhiteSpace(next) || end >= para.End || QuoteMarks.IsQuote(next) || (char.IsPunctuation(next) && next is not '\u2026' and not '(' and not '[');
        switch (c)
        {
            case '\u201E' or '\u201A' or '\u300C' or '\u300E':
                return Role.Open;
            case '\u300D' or '\u300F':
                return Role.Close;
            case '\u201C':
                // English opener, but the German closer of „…“.
                if (spaceAfter && !spaceBefore)
                {
                    return Role.Close;
                }

                return spaceBefore && !spaceAfter ? Role.Open : Role.Either;
            case '\u201D':
                return spaceBefore && !spaceAfter ? Role.Either : Role.Close;
            case '\u2018':
                if (char.IsLetter(prev) && char.IsLetter(next))
                {
                    return null; // mis-typed apostrophe
                }

                return spaceAfter && !spaceBefore ? Role.Close : Role.Either;
            case '\u2019':
                if (char.IsLetterOrDigit(prev) && char.IsLetter(next))
                {
                    return null; // apostrophe: Putin’s, don’t
                }

                if ((prev == 's' || prev == 'S') && !spaceBefore && spaceAfter)
                {
                    return Role.Close; // students’ is ambiguous; as a closer it only matters when a ‘ is open
                }

                if (spaceBefore && char.IsDigit(next))
                {
                    return null; // ’90s
                }

                return spaceBefore && !spaceAfter ? Role.Open : Role.Close;
            case '\u00AB' or '\u00BB' or '\u2039' or '\u203A':
                return Role.Either;
            case '\'':
                if (char.IsLetterOrDigit(prev) && char.IsLetterOrDigit(next))
                {
                    return null;
                }

                if (spaceBefore && char.IsDigit(next))
                {
                    return null;
                }

                if (spaceBefore && !spaceAfter)
                {
                    return Role.Open;
                }

                if (!spaceBefore && spaceAfter)
                {
                    return Role.Close;
                }

                return null;
            case '"':
                if (spaceBefore && !spaceAfter)
                {
                    return Role.Open;
                }

                if (!spaceBefore && spaceAfter)
                {
                    return Role.Close;
                }

                return Role.Either;
            default:
                return Role.Either;
        }
    }
}
