using Ascribe.Core.Documents;

namespace Ascribe.Reliability.Tests;

/// <summary>
/// The structural promises every analyzed document keeps, whatever its text: offsets lie inside
/// the text, spans of one kind are ordered and do not overlap, sentences tile their tokens, and
/// the normalization map is monotone. <see cref="Check"/> returns the first broken promise, or null.
/// The fuzzer in bench/Ascribe.Fuzz compiles this file too, so that it hunts for the same failures.
/// </summary>
public static class DocumentInvariants
{
    public static string? Check(Document doc)
    {
        return CheckNormalization(doc.Text, doc.Normalized)
            ?? CheckTokens(doc)
            ?? CheckParagraphs(doc)
            ?? CheckSentences(doc)
            ?? CheckQuotes(doc)
            ?? CheckAttributions(doc)
            ?? CheckEntities(doc)
            ?? CheckFlagsAndAudit(doc);
    }

    /// <summary>
    /// Each normalized character comes from a non-empty original range; ranges are ordered and
    /// never overlap except that one range may yield several characters (NFC composition); what no
    /// range covers is a character the normalizer drops; and each range, normalized alone, gives
    /// back the character (an apostrophe depends on its neighbours, so ’ may stand for ').
    /// </summary>
    public static string? CheckNormalization(string text, NormalizedText norm)
    {
        if (norm.IsIdentity)
        {
            return norm.Text == text ? null : "identity map with a different text";
        }

        int covered = 0;
        var previous = new TextSpan(-1, -1);
        for (int i = 0; i < norm.Text.Length; i++)
        {
            var range = norm.ToOriginal(i, i + 1);
            if (range.Start < 0 || range.End > text.Length || range.IsEmpty)
            {
                return $"normalized char {i} maps to {range}, outside the text of length {text.Length}";
            }

            if (range != previous)
            {
                if (range.Start < previous.End)
                {
                    return $"normalized char {i} maps to {range}, overlapping the previous range {previous}";
                }

                for (int k = covered; k < range.Start; k++)
                {
                    if (!IsDroppable(text, k))
                    {
                        return $"original char {k} (U+{(int)text[k]:X4}) is neither mapped nor droppable";
                    }
                }

                covered = range.End;
                previous = range;
            }

            string alone = Ascribe.Core.Components.Normalize.TextNormalizer.Normalize(range.Slice(text)).Text;
            char c = norm.Text[i];
            if (!alone.Contains(c) && !(c == '\'' && range.Length == 1 && text[range.Start] is '\u2019' or '\u02BC'))
            {
                return $"normalized char {i} '{c}' (U+{(int)c:X4}) does not come from {range} = \"{range.Slice(text)}\" normalized alone (\"{alone}\")";
            }
        }

        for (int k = covered; k < text.Length; k++)
        {
            if (!IsDroppable(text, k))
            {
                return $"original char {k} (U+{(int)text[k]:X4}) at the end is neither mapped nor droppable";
            }
        }

        return null;
    }

    private static bool IsDroppable(string text, int k) => text[k] switch
    {
        _ when IsInvisible(text[k]) => true,
        '-' or '\u2010' or '\u2011' => NextVisible(text, k) is int next && next < text.Length && IsLineEnd(text[next]),
        '\n' when k > 0 && text[k - 1] == '\r' => true,
        _ when IsLineEnd(text[k]) => PreviousVisible(text, k) is int previous && previous >= 0 && text[previous] is '-' or '\u2010' or '\u2011',
        _ => false,
    };

    private static bool IsInvisible(char c) => c is '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    private static bool IsLineEnd(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    private static int NextVisible(string text, int k)
    {
        k++;
        while (k < text.Length && IsInvisible(text[k]))
        {
            k++;
        }

        return k;
    }

    private static int PreviousVisible(string text, int k)
    {
        k--;
        while (k >= 0 && IsInvisible(text[k]))
        {
            k--;
        }

        return k;
    }

    private static string? CheckTokens(Document doc)
    {
        var tokens = doc.TokenData;
        int normLength = doc.Normalized.Text.Length;
        for (int t = 0; t < tokens.Length; t++)
        {
            var tok = tokens[t];
            if (tok.Start < 0 || tok.End > doc.Text.Length || tok.End <= tok.Start)
            {
                return $"token {t} [{tok.Start}, {tok.End}) is empty or outside the text of length {doc.Text.Length}";
            }

            if (tok.NormStart < 0 || tok.NormEnd > normLength || tok.NormEnd <= tok.NormStart)
            {
                return $"token {t} normalized [{tok.NormStart}, {tok.NormEnd}) is empty or outside the normalized text";
            }

            if (t > 0 && (tokens[t - 1].End > tok.Start || tokens[t - 1].NormEnd > tok.NormStart))
            {
                return $"token {t - 1} [{tokens[t - 1].Start}, {tokens[t - 1].End}) overlaps or follows token {t} [{tok.Start}, {tok.End})";
            }

            if (tok.Sentence < 0 || tok.Sentence >= doc.Sentences.Count)
            {
                return $"token {t} belongs to no sentence ({tok.Sentence})";
            }
        }

        return null;
    }

    private static string? CheckParagraphs(Document doc)
    {
        return CheckOrdered("paragraph", doc.Paragraphs, doc.Text.Length, allowEmpty: false);
    }

    private static string? CheckSentences(Document doc)
    {
        int expectedToken = 0;
        for (int s = 0; s < doc.Sentences.Count; s++)
        {
            var sent = doc.Sentences[s];
            if (sent.TokenStart != expectedToken || sent.TokenEnd <= sent.TokenStart || sent.TokenEnd > doc.TokenCount)
            {
                return $"sentence {s} tokens [{sent.TokenStart}, {sent.TokenEnd}) do not follow the previous sentence (expected start {expectedToken})";
            }

            if (sent.Start != doc.TokenData[sent.TokenStart].Start || sent.End != doc.TokenData[sent.TokenEnd - 1].End)
            {
                return $"sentence {s} {sent.Span} does not span its tokens";
            }

            if (sent.Paragraph < 0 || sent.Paragraph >= doc.Paragraphs.Count || !Within(doc.Paragraphs[sent.Paragraph], sent.Span))
            {
                return $"sentence {s} {sent.Span} is not inside its paragraph {sent.Paragraph}";
            }

            expectedToken = sent.TokenEnd;
        }

        if (expectedToken != doc.TokenCount)
        {
            return $"sentences cover {expectedToken} of {doc.TokenCount} tokens";
        }

        return CheckOrdered("sentence", doc.Sentences.Select(x => x.Span).ToList(), doc.Text.Length, allowEmpty: false);
    }

    private static string? CheckQuotes(Document doc)
    {
        int n = doc.Text.Length;
        var outermost = new List<TextSpan>();
        for (int q = 0; q < doc.Quotes.Count; q++)
        {
            var quote = doc.Quotes[q];
            var c = quote.Content;
            if (c.Start < 0 || c.End > n || c.IsEmpty)
            {
                return $"quote {q} content {c} is empty or outside the text";
            }

            if (quote.Open >= 0 && (quote.Open >= c.Start || !QuoteMarks.IsQuote(doc.Text[quote.Open])))
            {
                return $"quote {q} opening mark at {quote.Open} is not a quote mark before its content {c}";
            }

            if (quote.Close >= 0 && (quote.Close < c.End || quote.Close >= n || !QuoteMarks.IsQuote(doc.Text[quote.Close])))
            {
                return $"quote {q} closing mark at {quote.Close} is not a quote mark after its content {c}";
            }

            if (quote.Paragraph < 0 || quote.Paragraph >= doc.Paragraphs.Count || !Within(doc.Paragraphs[quote.Paragraph], quote.Outer))
            {
                return $"quote {q} {quote.Outer} is not inside its paragraph {quote.Paragraph}";
            }

            if (quote.Depth == 0)
            {
                outermost.Add(quote.Outer);
            }
        }

        return CheckOrdered("outermost quote", outermost, n, allowEmpty: false);
    }

    private static string? CheckAttributions(Document doc)
    {
        int n = doc.Text.Length;
        var tokenStarts = new HashSet<int>();
        var tokenEnds = new HashSet<int>();
        foreach (var token in doc.TokenData)
        {
            tokenStarts.Add(token.Start);
            tokenEnds.Add(token.End);
        }
        for (int a = 0; a < doc.Attributions.Count; a++)
        {
            var attribution = doc.Attributions[a];
            foreach (var (role, span) in new[] { ("source", attribution.Source), ("cue", attribution.Cue) })
            {
                if (span is { } s && (s.Start < 0 || s.End > n || s.IsEmpty))
                {
                    return $"attribution {a} {role} {s} is empty or outside the text";
                }
            }

            var contentProblem = CheckOrdered($"attribution {a} content fragment", attribution.Content, n, allowEmpty: false);
            if (contentProblem is not null)
            {
                return contentProblem;
            }

            // Every span starts and ends on a token boundary; source and cue lie outside the content.
            foreach (var span in attribution.Content.Append(attribution.Source ?? default).Append(attribution.Cue ?? default).Where(s => !s.IsEmpty))
            {
                if (!tokenStarts.Contains(span.Start) || !tokenEnds.Contains(span.End))
                {
                    return $"attribution {a} span {span} \"{span.Slice(doc.Text)}\" does not start and end on token boundaries";
                }
            }

            foreach (var (role, span) in new[] { ("source", attribution.Source), ("cue", attribution.Cue) })
            {
                if (span is { } s && attribution.Content.FirstOrDefault(c => c.Start < s.End && s.Start < c.End) is { IsEmpty: false } overlapped)
                {
                    return $"attribution {a} {role} {s} overlaps its content {overlapped}";
                }
            }

            if (attribution.Confidence is < 0 or > 1 or double.NaN)
            {
                return $"attribution {a} confidence {attribution.Confidence} is not in [0, 1]";
            }
        }

        return null;
    }

    /// <summary>
    /// Entity ids are unique; every speaker, cited entity, venue and member names one of them; an
    /// entity's mentions lie in the text, ordered by start, each once.
    /// </summary>
    private static string? CheckEntities(Document doc)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in doc.Entities)
        {
            if (!ids.Add(entity.Id))
            {
                return $"entity id {entity.Id} is used twice";
            }
        }

        for (int e = 0; e < doc.Entities.Count; e++)
        {
            var entity = doc.Entities[e];
            for (int m = 0; m < entity.Mentions.Count; m++)
            {
                // A mention may hold a shorter one ("the former president Bill Clinton", "Bill Clinton").
                var mention = entity.Mentions[m];
                if (mention.Start < 0 || mention.End > doc.Text.Length || mention.IsEmpty)
                {
                    return $"entity {entity.Id} mention {m} {mention} is empty or outside the text";
                }

                if (m > 0 && entity.Mentions[m - 1].Start > mention.Start)
                {
                    return $"entity {entity.Id} mention {m - 1} {entity.Mentions[m - 1]} follows mention {m} {mention}";
                }

                if (entity.Mentions.IndexOf(mention) != m)
                {
                    return $"entity {entity.Id} mention {m} {mention} repeats an earlier one";
                }
            }

            foreach (string member in entity.Members)
            {
                if (!ids.Contains(member))
                {
                    return $"entity {entity.Id} has member {member}, which is no entity";
                }
            }
        }

        for (int a = 0; a < doc.Attributions.Count; a++)
        {
            var attribution = doc.Attributions[a];
            foreach (string? id in attribution.Cites.Append(attribution.Speaker).Append(attribution.Venue))
            {
                if (id is not null && !ids.Contains(id))
                {
                    return $"attribution {a} points at entity {id}, which is no entity";
                }
            }
        }

        return null;
    }

    /// <summary>Flags lie in the text; the audit's per-attribution lists and indices match the attributions.</summary>
    private static string? CheckFlagsAndAudit(Document doc)
    {
        int n = doc.Text.Length;
        for (int f = 0; f < doc.Flags.Count; f++)
        {
            var flag = doc.Flags[f];
            if (flag.Start < 0 || flag.End > n || flag.End < flag.Start)
            {
                return $"flag {f} {flag.Code} [{flag.Start}, {flag.End}) is outside the text of length {n}";
            }
        }

        if (doc.Audit is not { } audit)
        {
            return null;
        }

        if (audit.Attributions != doc.Attributions.Count || audit.AttributionSources.Count != doc.Attributions.Count)
        {
            return $"audit counts {audit.Attributions} attributions and {audit.AttributionSources.Count} sources for {doc.Attributions.Count} attributions";
        }

        if (audit.Lead is { } lead && (lead.Attribution < 0 || lead.Attribution >= doc.Attributions.Count || lead.Content.Start < 0 || lead.Content.End > n || lead.Content.IsEmpty))
        {
            return $"lead claim of attribution {lead.Attribution} with content {lead.Content} is no attribution or outside the text";
        }

        foreach (var conflict in audit.Conflicts)
        {
            if (conflict.First < 0 || conflict.Second < 0 || conflict.First >= doc.Attributions.Count || conflict.Second >= doc.Attributions.Count || conflict.First == conflict.Second)
            {
                return $"conflict between attributions {conflict.First} and {conflict.Second} names no pair of attributions";
            }
        }

        return null;
    }

    private static bool Within(TextSpan outer, TextSpan inner) => inner.Start >= outer.Start && inner.End <= outer.End;

    private static string? CheckOrdered(string kind, IReadOnlyList<TextSpan> spans, int length, bool allowEmpty)
    {
        for (int i = 0; i < spans.Count; i++)
        {
            var s = spans[i];
            if (s.Start < 0 || s.End > length || s.End < s.Start || (!allowEmpty && s.IsEmpty))
            {
                return $"{kind} {i} {s} is empty or outside the text of length {length}";
            }

            if (i > 0 && spans[i - 1].End > s.Start)
            {
                return $"{kind} {i - 1} {spans[i - 1]} overlaps or follows {kind} {i} {s}";
            }
        }

        return null;
    }
}
