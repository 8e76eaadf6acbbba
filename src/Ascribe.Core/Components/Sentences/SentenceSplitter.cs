using Ascribe.Core.Components.Tokenize;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Components.Sentences;

/// <summary>
/// Finds paragraphs and sentences. A paragraph ends at a blank line, or at a single line break
/// unless the break looks like a wrapped line in scraped text (the line before ends inside a
/// sentence and the next starts in lower case). A sentence ends after . ! ? or an ellipsis,
/// together with any closing quote marks and brackets that follow, when the next token can
/// start a sentence; titles such as "Gen." never end one; every paragraph end ends a sentence,
/// so headlines need no final punctuation.
/// </summary>
public sealed class SentenceSplitter : IPipelineComponent
{
    public string Name => "sentences";

    public IReadOnlyList<string> Requires { get; } = new[] { Attr.Tokens };

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Paragraphs, Attr.Sentences };

    public void Process(Document doc)
    {
        var paragraphs = FindParagraphs(doc.Normalized);
        var tokens = doc.TokenData;
        var sentences = new List<Sentence>(paragraphs.Count * 2);
        int t = 0;
        for (int p = 0; p < paragraphs.Count; p++)
        {
            var para = paragraphs[p];
            int first = t;
            while (t < tokens.Length && tokens[t].NormStart < para.End)
            {
                t++;
            }

            SplitParagraph(doc, first, t, p, sentences);
        }

        doc.Paragraphs.Clear();
        foreach (var para in paragraphs)
        {
            doc.Paragraphs.Add(doc.Normalized.ToOriginal(para.Start, para.End));
        }

        doc.Sentences.Clear();
        doc.Sentences.AddRange(sentences);
        for (int s = 0; s < sentences.Count; s++)
        {
            for (int k = sentences[s].TokenStart; k < sentences[s].TokenEnd; k++)
            {
                tokens[k].Sentence = s;
            }
        }
    }

    /// <summary>Paragraph ranges in normalized offsets, trimmed of surrounding whitespace.</summary>
    internal static List<TextSpan> FindParagraphs(NormalizedText norm)
    {
        string text = norm.Text;
        var result = new List<TextSpan>();
        int n = text.Length;
        int start = 0;
        int i = 0;
        while (i < n)
        {
            if (text[i] != '\n')
            {
                i++;
                continue;
            }

            // Look at the run of line breaks (with blanks between them).
            int j = i;
            int breaks = 0;
            while (j < n && (text[j] == '\n' || text[j] == ' '))
            {
                if (text[j] == '\n')
                {
                    breaks++;
                }

                j++;
            }

            // Scraped pages also break one sentence over blank lines ("The Washington Post,\n\nfor
            // example, reported\n\nshortly before ..."): a lower-case continuation after a line
            // that stops mid-sentence joins it, whatever the number of breaks.
            bool split = !IsWrappedLine(text, start, i, j, strict: breaks >= 2);
            if (split)
            {
                AddTrimmed(text, start, i, result);
                start = j;
            }

            i = j;
        }

        AddTrimmed(text, start, n, result);
        return result;
    }

    private static bool IsWrappedLine(string text, int lineStart, int breakAt, int next, bool strict)
    {
        if (next >= text.Length)
        {
            return false;
        }

        int last = breakAt - 1;
        while (last >= lineStart && text[last] == ' ')
        {
            last--;
        }

        if (last < lineStart)
        {
            return false;
        }

        char end = text[last];
        char start = text[next];
        // A line that stops mid-sentence and continues with a lower-case word (or, for a single
        // break, a number) was wrapped.
        return (char.IsLower(end) || end is ',' or ';' or '-') && (char.IsLower(start) || (!strict && char.IsDigit(start)));
    }

    private static void AddTrimmed(string text, int s, int e, List<TextSpan> result)
    {
        while (s < e && char.IsWhiteSpace(text[s]))
        {
            s++;
        }

        while (e > s && char.IsWhiteSpace(text[e - 1]))
        {
            e--;
        }

        if (e > s)
        {
            result.Add(new TextSpan(s, e));
        }
    }

    private static void SplitParagraph(Document doc, int first, int end, int paragraph, List<Sentence> sentences)
    {
        var tokens = doc.TokenData;
        string norm = doc.Normalized.Text;
        int start = first;
        int i = first;
        while (i < end)
        {
            ref var tok = ref tokens[i];
            bool boundary = false;
            int after = i + 1;
            if (IsTerminal(norm, tok))
            {
                // Absorb closing quotes and brackets: ... it."  or ...).
                while (after < end && IsCloser(doc, norm, after))
                {
                    after++;
                }

                boundary = after >= end || CanStartSentence(doc, norm, after);
            }
            else if (tok.Kind == TokenKind.Word && norm[tok.NormEnd - 1] == '.' && tok.NormEnd - tok.NormStart > 1)
            {
                // Abbreviation with its period: ends a sentence only if it can ("U.S.") and a sentence plainly starts next.
                var word = norm.AsSpan(tok.NormStart, tok.NormEnd - tok.NormStart - 1);
                if (!Abbreviations.IsNeverFinal(word) && after < end && StartsSentenceStrongly(doc, norm, after))
                {
                    boundary = true;
                }
            }

            if (boundary)
            {
                Add(doc, start, after, paragraph, sentences);
                start = after;
                i = after;
                continue;
            }

            i++;
        }

        if (start < end)
        {
            Add(doc, start, end, paragraph, sentences);
        }
    }

    private static void Add(Document doc, int s, int e, int paragraph, List<Sentence> sentences)
    {
        var tokens = doc.TokenData;
        sentences.Add(new Sentence(s, e, tokens[s].Start, tokens[e - 1].End, paragraph));
    }

    private static bool IsTerminal(string norm, in TokenData tok)
    {
        if (tok.Kind != TokenKind.Punctuation)
        {
            return false;
        }

        char c = norm[tok.NormStart];
        return c is '.' or '!' or '?' or '\u2026' or '\u203C' or '\u2047' or '\u2048' or '\u2049';
    }

    private static bool IsCloser(Document doc, string norm, int index)
    {
        var tok = doc.TokenData[index];
        char c = norm[tok.NormStart];
        if (tok.Kind == TokenKind.Quote)
        {
            // A closing quote sits right after the terminal; an opening one is preceded by space.
            return !(index > 0 && doc.TokenData[index - 1].SpaceAfter) && c is not '\u201E' and not '\u201A' and not '\u00AB';
        }

        return c is ')' or ']' or '}';
    }

    private static bool CanStartSentence(Document doc, string norm, int index)
    {
        var tok = doc.TokenData[index];
        char c = norm[tok.NormStart];
        if (char.IsUpper(c) || char.IsDigit(c) || tok.Kind == TokenKind.Quote || c is '(' or '[' or '-' or '\u2014' or '\u2013' or '*' or '\u2022')
        {
            return true;
        }

        if (char.IsLower(c))
        {
            // A lower-case word after a terminal continues the sentence ("... U.S. officials", "?" inside a quote).
            return false;
        }

        return !char.IsLetterOrDigit(c);
    }

    private static readonly HashSet<string> Starters = new(StringComparer.Ordinal)
    {
        "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This", "That", "There", "His", "Her",
        "Their", "Its", "Mr.", "Mrs.", "Ms.", "Dr.", "On", "At", "As", "For", "If", "When", "While", "After", "Some",
        "Many", "Most", "Officials", "Still", "However", "Yet", "So", "Also", "Meanwhile", "According",
    };

    private static bool StartsSentenceStrongly(Document doc, string norm, int index)
    {
        var tok = doc.TokenData[index];
        if (tok.Kind == TokenKind.Quote)
        {
            return true;
        }

        return Starters.Contains(norm.Substring(tok.NormStart, tok.NormEnd - tok.NormStart));
    }
}
