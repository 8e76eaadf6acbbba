using Ascribe.Core.Documents;
using Ascribe.Core.Internal;
using Ascribe.Core.Lexicons;
using AttributionRecord = Ascribe.Core.Documents.Attribution;

namespace Ascribe.Core.Components.Attribution;

/// <summary>
/// Attributions carried by the layout of a text rather than by a reporting verb:
/// <list type="bullet">
/// <item>speaker lines of transcripts and headlines, <c>WALLACE: Let's start…</c>, <c>Pence: Flowers won't be at debate</c>
/// (source = the name, cue = the colon, content = the rest of the paragraph);</item>
/// <item>dash bylines after a quote, <c>“…” ― Sonya Herridge</c>, also on a paragraph of their own after a quoted
/// paragraph (<c>- Bernie Sanders.</c>): source = the name, cue = the dash, content = the quote.</item>
/// </list>
/// Both extractors add these and drop what they found themselves over the same words, since a
/// sequence labeler trained on running prose rarely sees such lines.
/// </summary>
internal static class LayoutAttributions
{
    private const int MaxNameTokens = 6;

    /// <summary>Labels of the kind of piece before a headline's colon ("Interview: …", "Analysis: …"), which no extractor may take for a speaker.</summary>
    private static readonly HashSet<string> Kickers = new(StringComparer.OrdinalIgnoreCase)
    {
        "interview", "opinion", "analysis", "comment", "commentary", "editorial", "explainer", "factbox", "fact check", "review",
        "profile", "podcast", "quiz", "timeline", "live updates", "q&a", "obituary", "update", "updated", "correction",
    };

    /// <summary>Labels that end with a colon at the start of a paragraph but do not introduce a speaker: the kickers and these.</summary>
    private static readonly HashSet<string> NotSpeakers = new(Kickers, StringComparer.OrdinalIgnoreCase)
    {
        "note", "notes", "update", "updated", "updates", "editor", "editors", "correction", "corrections", "clarification",
        "photo", "photos", "picture", "image", "images", "video", "videos", "watch", "read", "listen", "related", "see",
        "source", "sources", "partial", "full", "transcript", "q", "a", "question", "questions", "answer", "subject", "re",
        "fwd", "from", "to", "cc", "date", "dateline", "tags", "filed", "credit", "credits", "caption", "warning", "disclaimer",
        "part", "chapter", "step", "example", "location", "time", "where", "when", "who", "what", "why", "how", "breaking",
        "exclusive", "live", "sponsored", "advertisement", "here", "this", "that", "the", "and", "but", "also", "plus",
        "bottom", "conclusion", "summary", "background", "details", "result", "results", "contact", "email", "phone",
        "twitter", "facebook", "follow", "share", "more", "previously", "earlier", "meanwhile", "first", "second", "third",
        "finally", "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "by", "via", "in", "on", "at", "for", "with", "of", "if", "as", "so", "yes", "no", "ps", "p.s.",
        "letter", "letters",
    };

    /// <summary>Function words that appear capitalized in titles and headlines but not inside a name.</summary>
    private static readonly HashSet<string> TitleWords = new(StringComparer.Ordinal)
    {
        "A", "An", "The", "Of", "Over", "Under", "In", "On", "At", "To", "For", "From", "With", "Without", "By", "And", "Or",
        "But", "Is", "Are", "Was", "Were", "Be", "Has", "Have", "Had", "Will", "Can", "Not", "No", "As", "After", "Before",
        "About", "Into", "Vs", "Versus", "How", "Why", "What", "When", "Where", "Who",
    };

    /// <summary>Lower-case particles that may sit inside a personal name.</summary>
    private static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal)
    {
        "de", "da", "del", "della", "der", "den", "di", "do", "dos", "du", "la", "le", "van", "von", "bin", "ibn", "al", "el", "y", "zu",
    };

    /// <summary>The layout attributions of a document, in text order.</summary>
    public static List<AttributionRecord> Find(Document doc, CueLexicon lexicon)
    {
        var result = new List<AttributionRecord>();
        if (doc.TokenCount == 0 || doc.Sentences.Count == 0)
        {
            return result;
        }

        var paragraphs = ModelAttributionExtractor.Sequences(doc); // token ranges of paragraphs
        var byClose = doc.Quotes.Where(q => q.Close >= 0).ToLookup(q => q.Close); // quotes by the offset of their closing mark
        foreach (var (ps, pe) in paragraphs)
        {
            if (SpeakerLine(doc, lexicon, byClose, ps, pe) is { } line)
            {
                result.Add(line);
            }
        }

        DashBylines(doc, paragraphs, result);
        result.Sort((a, b) => Start(a).CompareTo(Start(b)));
        return result;
    }

    /// <summary>
    /// Drops what was read off page furniture ("Continue reading the main story", see <see cref="PageFurniture"/>)
    /// and adds the layout attributions to <paramref name="found"/>: an attribution found otherwise is dropped
    /// when its source or cue overlaps a layout attribution, or when its content overlaps a layout
    /// attribution's content without being an attribution nested inside that content.
    /// </summary>
    public static void Merge(Document doc, CueLexicon lexicon, List<AttributionRecord> found)
    {
        PageFurniture.Drop(doc, found);

        // A kicker before a colon is no speaker ("Interview: 'We will rebuild every house'", "Update: …").
        found.RemoveAll(a => a.Cue is { } cue && a.Source is { } source && doc.Slice(cue) == ":" && Kickers.Contains(doc.Slice(source).Trim()));
        var layout = Find(doc, lexicon);
        if (layout.Count == 0)
        {
            return;
        }

        // Supersedes needs a span of the layout attribution to overlap one of the other's, so only
        // layout attributions whose extent overlaps its extent are tried: linear on long documents (issue 9).
        var index = new SpanIndex(layout.Select((l, i) => (Span: Extent(l), Payload: i)).Where(x => x.Span is not null).Select(x => (x.Span!.Value, x.Payload)));
        var near = new List<int>();
        found.RemoveAll(a =>
        {
            if (Extent(a) is not { } extent)
            {
                return false;
            }

            near.Clear();
            index.CollectOverlapping(extent, near);
            return near.Exists(i => Supersedes(layout[i], a));
        });
        found.AddRange(layout);
        found.Sort((a, b) => Start(a).CompareTo(Start(b)));
    }

    /// <summary>From the first start to the last end of the attribution's source, cue and content spans; null when it has none.</summary>
    private static TextSpan? Extent(AttributionRecord a)
    {
        int start = int.MaxValue, end = int.MinValue;
        foreach (var span in a.Content.Select(c => (TextSpan?)c).Append(a.Source).Append(a.Cue))
        {
            if (span is { } x)
            {
                start = Math.Min(start, x.Start);
                end = Math.Max(end, x.End);
            }
        }

        return start == int.MaxValue ? null : new TextSpan(start, end);
    }

    private static bool Supersedes(AttributionRecord layout, AttributionRecord other)
    {
        if (Overlaps(layout.Source, other.Source) || Overlaps(layout.Cue, other.Cue)
            || Overlaps(layout.Source, other.Cue) || Overlaps(layout.Cue, other.Source)
            || other.Content.Exists(c => Overlaps(layout.Source, c) || Overlaps(layout.Cue, c)))
        {
            return true;
        }

        bool contentOverlap = other.Content.Exists(c => layout.Content.Exists(l => Overlaps(l, c)));
        if (!contentOverlap)
        {
            return false;
        }

        // A reported claim inside the speaker's words ("…Mark Cuban has been out there saying…") stays.
        bool nested = other.Cue is { } cue && layout.Content.Exists(l => l.Start <= cue.Start && cue.End <= l.End)
            && other.Content.TrueForAll(c => layout.Content.Exists(l => l.Start <= c.Start && c.End <= l.End));
        return !nested;
    }

    private static bool Overlaps(TextSpan? a, TextSpan? b) => a is { } x && b is { } y && x.Overlaps(y);

    private static int Start(AttributionRecord a)
    {
        int s = a.ContentExtent.Start;
        if (a.Content.Count == 0)
        {
            s = a.Cue?.Start ?? a.Source?.Start ?? 0;
        }

        return s;
    }

    private static ReadOnlySpan<char> Norm(Document doc, int t)
    {
        ref readonly var tok = ref doc.TokenData[t];
        return doc.Normalized.Text.AsSpan(tok.NormStart, tok.NormEnd - tok.NormStart);
    }

    private static bool IsDash(Document doc, int t)
    {
        if (doc.TokenData[t].Kind is not (TokenKind.Punctuation or TokenKind.Symbol))
        {
            return false;
        }

        var w = Norm(doc, t);
        foreach (char c in w)
        {
            if (c is not ('-' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2E3A' or '\u2E3B'))
            {
                return false;
            }
        }

        return w.Length is > 0 and <= 3;
    }

    /// <summary>A token that can be part of a name: a capitalized word, an initial ("G."), or a particle inside the name.</summary>
    private static bool IsNameWord(Document doc, int t, bool first)
    {
        ref readonly var tok = ref doc.TokenData[t];
        if (tok.Kind != TokenKind.Word)
        {
            return false;
        }

        var w = Norm(doc, t);
        if (char.IsUpper(w[0]))
        {
            return true;
        }

        return !first && NameParticles.Contains(w.ToString());
    }

    /// <summary>Name tokens from <paramref name="start"/>: [start, end), or end == start when there is none.</summary>
    private static int NameEnd(Document doc, int start, int limit)
    {
        int t = start;
        while (t < limit && t - start < MaxNameTokens + 2)
        {
            if (IsNameWord(doc, t, t == start))
            {
                t++;
            }
            else if (t > start && Norm(doc, t) is "." && Norm(doc, t - 1).Length == 1 && t + 1 < limit && IsNameWord(doc, t + 1, false))
            {
                t++; // the period of an initial: "Edwin G. Monroy"
            }
            else
            {
                break;
            }
        }

        // Names do not end in a particle.
        while (t > start && !char.IsUpper(Norm(doc, t - 1)[0]))
        {
            t--;
        }

        return t - start > MaxNameTokens + 1 ? start : t;
    }

    private static AttributionRecord? SpeakerLine(Document doc, CueLexicon lexicon, ILookup<int, Quote> byClose, int ps, int pe)
    {
        var tokens = doc.TokenData;
        int s = ps;
        // A paragraph opened by a stray quote mark ("WALLACE: … in scraped transcripts).
        if (s < pe && tokens[s].Kind == TokenKind.Quote)
        {
            s++;
        }

        int nameEnd = s;
        while (nameEnd < pe && nameEnd - s <= MaxNameTokens && Norm(doc, nameEnd) is not ":")
        {
            var kind = tokens[nameEnd].Kind;
            bool ok = kind == TokenKind.Word && (char.IsUpper(Norm(doc, nameEnd)[0]) || (nameEnd > s && NameParticles.Contains(Norm(doc, nameEnd).ToString())))
                || (kind == TokenKind.Punctuation && Norm(doc, nameEnd) is "." or "-" && nameEnd > s);
            if (!ok)
            {
                return null;
            }

            nameEnd++;
        }

        if (nameEnd == s || nameEnd >= pe || Norm(doc, nameEnd) is not ":" || nameEnd - s > MaxNameTokens)
        {
            return null;
        }

        if (NotSpeakers.Contains(Norm(doc, s).ToString()))
        {
            return null;
        }

        for (int t = s; t < nameEnd; t++)
        {
            // "Trump said: …" and "Said Ellis: …" are verb attributions, which the other extractors handle;
            // a capitalized function word marks a title ("Stealth Over Health: …"), not a name.
            var w = Norm(doc, t);
            if ((lexicon.TryVerb(w, out _) && doc.TokenData[t].Tag is not ("NNP" or "NNPS"))
                || (t > s && TitleWords.Contains(w.ToString())))
            {
                return null;
            }
        }

        int colon = nameEnd;
        int cs = colon + 1, ce = pe;
        if (ce > cs && Norm(doc, ce - 1) is ".")
        {
            ce--;
        }

        // A quote mark left open at the end of the paragraph, or the closing mark of the stray opening one.
        if (ce > cs && tokens[ce - 1].Kind == TokenKind.Quote && !ClosesQuoteFrom(doc, byClose, ce - 1, cs))
        {
            ce--;
        }

        int words = 0;
        for (int t = cs; t < ce && words < 2; t++)
        {
            if (tokens[t].Kind is TokenKind.Word or TokenKind.Number)
            {
                words++;
            }
        }

        if (words < 2)
        {
            return null;
        }

        var a = new AttributionRecord
        {
            Source = doc.SpanOfTokens(s, nameEnd),
            Cue = doc.SpanOfTokens(colon, colon + 1),
            Origin = "layout",
            Stance = "neutral",
        };
        a.Content.Add(doc.SpanOfTokens(cs, ce));
        a.Kind = IsWholeQuote(doc, byClose, cs, ce) ? AttributionKind.Direct : AttributionKind.Indirect;
        return a;
    }

    /// <summary>True when the quote mark at <paramref name="t"/> closes a quote that opens at or after token <paramref name="from"/>.</summary>
    private static bool ClosesQuoteFrom(Document doc, ILookup<int, Quote> byClose, int t, int from)
    {
        int fromOffset = doc.TokenData[from].Start;
        return byClose[doc.TokenData[t].Start].Any(q => q.Open >= fromOffset);
    }

    private static bool IsWholeQuote(Document doc, ILookup<int, Quote> byClose, int s, int e)
    {
        int start = doc.TokenData[s].Start;
        return byClose[doc.TokenData[e - 1].End - 1].Any(q => q.Depth == 0 && q.Open == start);
    }

    private static void DashBylines(Document doc, List<(int Start, int End)> paragraphs, List<AttributionRecord> result)
    {
        var tokens = doc.TokenData;
        int para = 0;
        for (int qi = 0; qi < doc.Quotes.Count; qi++)
        {
            var quote = doc.Quotes[qi];
            if (quote.Depth != 0 || quote.Close < 0)
            {
                continue;
            }

            var (qs, qe) = doc.TokenRange(quote.Outer);
            if (qe <= qs)
            {
                continue;
            }

            while (para < paragraphs.Count && paragraphs[para].End <= qe - 1)
            {
                para++;
            }

            if (para >= paragraphs.Count)
            {
                break;
            }

            int pe = paragraphs[para].End;
            int dash = qe;
            if (dash >= pe)
            {
                // The byline on a paragraph of its own: "- Bernie Sanders."
                if (para + 1 >= paragraphs.Count)
                {
                    continue;
                }

                dash = paragraphs[para + 1].Start;
                pe = paragraphs[para + 1].End;
            }

            if (dash >= pe || !IsDash(doc, dash))
            {
                continue;
            }

            int ns = dash + 1;
            int ne = NameEnd(doc, ns, pe);
            if (ne == ns)
            {
                continue;
            }

            // The name ends the line, or a title, age or handle follows it ("― Jacklyn Ashley, 45").
            if (ne < pe && Norm(doc, ne) is not ("." or "," or "(" or ";") && tokens[ne].Kind != TokenKind.Quote)
            {
                continue;
            }

            var a = new AttributionRecord
            {
                Source = doc.SpanOfTokens(ns, ne),
                Cue = doc.SpanOfTokens(dash, dash + 1),
                Origin = "layout",
                Kind = AttributionKind.Direct,
                Stance = "neutral",
            };
            a.Content.Add(doc.SpanOfTokens(qs, qe));
            result.Add(a);
        }
    }
}
