using Ascribe.Core.Documents;
using Ascribe.Core.Lexicons;
using Ascribe.Core.Pipeline;
using AttributionRecord = Ascribe.Core.Documents.Attribution;

namespace Ascribe.Core.Components.Attribution;

/// <summary>
/// Finds attributions by rules over tokens, sentences and quotes: direct quotes with a source and
/// cue after the quote ("…," she said / "…," said X) or before it (X told Y: "…"), quotes continued
/// across paragraphs, "according to X", indirect speech with a reporting verb and a clause
/// (X said that …; …, officials said), and colon attributions. Span conventions follow PolNeAR:
/// direct contents include their quote marks, indirect contents include "that" and exclude the
/// final period.
/// </summary>
public sealed class RuleAttributionExtractor : IPipelineComponent
{
    private readonly CueLexicon _lexicon;

    public RuleAttributionExtractor(CueLexicon? lexicon = null)
    {
        _lexicon = lexicon ?? CueLexicon.Default;
    }

    public string Name => "rule-attributions";

    public IReadOnlyList<string> Requires { get; } = new[] { Attr.Tokens, Attr.Sentences, Attr.Quotes };

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Attributions };

    public void Process(Document doc)
    {
        var found = Extract(doc);
        LayoutAttributions.Merge(doc, _lexicon, found);
        doc.Attributions.Clear();
        doc.Attributions.AddRange(found);
    }

    /// <summary>The rule attributions alone, without the layout ones (transcript speaker lines, dash bylines).</summary>
    internal List<AttributionRecord> Extract(Document doc) => new Extraction(doc, _lexicon).Run();

    /// <summary>The state of one extraction run over one document.</summary>
    private sealed class Extraction
    {
        private readonly Document _doc;
        private readonly CueLexicon _lexicon;
        private readonly string _norm;
        private readonly int[] _quoteOf; // token -> index of the outermost quote holding it, or -1
        private readonly bool[] _usedToken;
        private readonly List<AttributionRecord> _result = new();

        public Extraction(Document doc, CueLexicon lexicon)
        {
            _doc = doc;
            _lexicon = lexicon;
            _norm = doc.Normalized.Text;
            _quoteOf = new int[doc.TokenCount];
            _usedToken = new bool[doc.TokenCount];
            Array.Fill(_quoteOf, -1);
            for (int q = doc.Quotes.Count - 1; q >= 0; q--)
            {
                var quote = doc.Quotes[q];
                if (quote.Depth != 0)
                {
                    continue;
                }

                var (s, e) = doc.TokenRange(quote.Outer);
                for (int t = s; t < e; t++)
                {
                    _quoteOf[t] = q;
                }
            }
        }

        public List<AttributionRecord> Run()
        {
            var byQuote = new AttributionRecord?[_doc.Quotes.Count];
            for (int q = 0; q < _doc.Quotes.Count; q++)
            {
                var quote = _doc.Quotes[q];
                if (quote.Depth == 0 && IsSpeechLike(quote))
                {
                    byQuote[q] = AfterQuote(q) ?? BeforeQuote(q);
                }
            }

            LinkContinuations(byQuote);
            // A continued quote shares its record with the quotes it continues: add each record once.
            // A set, not _result.Contains, which made long documents quadratic (issue 9).
            var added = new HashSet<AttributionRecord>(ReferenceEqualityComparer.Instance);
            for (int q = 0; q < byQuote.Length; q++)
            {
                if (byQuote[q] is { } a && added.Add(a))
                {
                    _result.Add(a);
                }
            }

            foreach (var sent in _doc.Sentences)
            {
                According(sent);
                Indirect(sent);
            }

            _result.Sort((a, b) => a.ContentExtent.Start.CompareTo(b.ContentExtent.Start));
            return _result;
        }

        private string W(int t) => _norm.Substring(_doc.TokenData[t].NormStart, _doc.TokenData[t].NormEnd - _doc.TokenData[t].NormStart);

        private ReadOnlySpan<char> WS(int t) => _norm.AsSpan(_doc.TokenData[t].NormStart, _doc.TokenData[t].NormEnd - _doc.TokenData[t].NormStart);

        private bool IsPunct(int t) => _doc.TokenData[t].Kind is TokenKind.Punctuation or TokenKind.Quote or TokenKind.Symbol;

        private bool Is(int t, string word) => WS(t).Equals(word, StringComparison.OrdinalIgnoreCase);

        private bool IsCueVerb(int t) => _doc.TokenData[t].Kind == TokenKind.Word && _lexicon.TryVerb(WS(t), out _) && !IsNounUse(t);

        /// <summary>"the report said" is a verb; "the report" after a determiner with no subject is a noun. Cheap check without a tagger.</summary>
        private bool IsNounUse(int t)
        {
            if (_doc.TokenData[t].Tag is { } tag)
            {
                return !tag.StartsWith('V');
            }

            if (t == 0)
            {
                return false;
            }

            var prev = WS(t - 1);
            return prev.Equals("the", StringComparison.OrdinalIgnoreCase) || prev.Equals("a", StringComparison.OrdinalIgnoreCase)
                || prev.Equals("an", StringComparison.OrdinalIgnoreCase) || prev.Equals("his", StringComparison.OrdinalIgnoreCase)
                || prev.Equals("her", StringComparison.OrdinalIgnoreCase) || prev.Equals("their", StringComparison.OrdinalIgnoreCase)
                || prev.Equals("its", StringComparison.OrdinalIgnoreCase);
        }

        private bool IsSpeechLike(Quote quote)
        {
            // Scare quotes ("peace manifesto") are short; speech has several words.
            var (s, e) = _doc.TokenRange(quote.Content);
            int words = 0;
            for (int t = s; t < e; t++)
            {
                if (_doc.TokenData[t].Kind is TokenKind.Word or TokenKind.Number)
                {
                    words++;
                }
            }

            // Speech punctuated inside its marks ("We will win," ...) counts whatever its length.
            char last = quote.Content.Length > 0 ? _doc.Text[quote.Content.End - 1] : ' ';
            return words >= 4 || (words >= 1 && last is ',' or '.' or '!' or '?') || quote.ContinuesPrevious || quote.ContinuesNext;
        }

        private (int Start, int End) QuoteTokens(int q) => _doc.TokenRange(_doc.Quotes[q].Outer);

        private Sentence SentenceOf(int t) => _doc.Sentences[_doc.TokenData[t].Sentence];

        /// <summary>"…," she said / "…," said X / "…," X told Y.</summary>
        private AttributionRecord? AfterQuote(int q)
        {
            var (_, end) = QuoteTokens(q);
            if (end >= _doc.TokenCount)
            {
                return null;
            }

            int j = end;
            while (j < _doc.TokenCount && IsPunct(j) && (Is(j, ",") || Is(j, "-") || Is(j, "\u2014") || Is(j, "\u2013")))
            {
                j++;
            }

            if (j >= _doc.TokenCount || _quoteOf[j] >= 0 || _doc.TokenData[j].Kind != TokenKind.Word)
            {
                return null;
            }

            // A new sentence that starts with a capitalized non-name after ." usually is not the attribution.
            int limit = Math.Min(_doc.TokenCount, j + 10);
            if (IsCueVerb(j))
            {
                var src = SourceRight(j + 1, limit);
                if (src is null)
                {
                    return null;
                }

                return Direct(q, src.Value, (j, j + 1));
            }

            for (int k = j; k < limit; k++)
            {
                if (IsPunct(k) || _quoteOf[k] >= 0)
                {
                    return null;
                }

                if (IsCueVerb(k) && k > j)
                {
                    var cue = CueWithAux(k, j);
                    int srcEnd = cue.Start;
                    while (srcEnd > j && WordClasses.Adverbs.Contains(W(srcEnd - 1)))
                    {
                        srcEnd--;
                    }

                    if (srcEnd <= j)
                    {
                        return null;
                    }

                    return Direct(q, (j, srcEnd), cue);
                }
            }

            return null;
        }

        /// <summary>X said: "…" / X told the media in mid-February: "…".</summary>
        private AttributionRecord? BeforeQuote(int q)
        {
            var (start, _) = QuoteTokens(q);
            if (start == 0)
            {
                return null;
            }

            var sent = SentenceOf(start);
            int lower = Math.Max(sent.TokenStart, start - 14);
            int k = start - 1;
            if (!(Is(k, ":") || Is(k, ",")))
            {
                return null;
            }

            for (k = start - 2; k >= lower; k--)
            {
                if (_quoteOf[k] >= 0 || Is(k, ".") || Is(k, ";"))
                {
                    return null;
                }

                if (IsCueVerb(k))
                {
                    var cue = CueWithAux(k, lower);
                    var src = SourceLeft(cue.Start, sent.TokenStart);
                    return src is null ? null : Direct(q, src.Value, cue);
                }
            }

            return null;
        }

        private AttributionRecord Direct(int q, (int Start, int End) source, (int Start, int End) cue)
        {
            var (qs, qe) = QuoteTokens(q);
            MarkUsed(source);
            MarkUsed(cue);
            var a = new AttributionRecord
            {
                Kind = AttributionKind.Direct,
                Source = _doc.SpanOfTokens(source.Start, source.End),
                Cue = _doc.SpanOfTokens(cue.Start, cue.End),
                Confidence = 0.9,
                Origin = "rule:direct",
            };
            a.Content.Add(_doc.SpanOfTokens(qs, qe));
            return a;
        }

        private void MarkUsed((int Start, int End) range)
        {
            for (int t = range.Start; t < range.End; t++)
            {
                _usedToken[t] = true;
            }
        }

        /// <summary>Extends a cue verb leftwards over auxiliaries ("has learned", "would later say").</summary>
        private (int Start, int End) CueWithAux(int verb, int lower)
        {
            int s = verb;
            while (s - 1 >= lower && WordClasses.Auxiliaries.Contains(W(s - 1)) && !WordClasses.SubjectPronouns.Contains(W(s - 1)))
            {
                s--;
            }

            // "has also said": keep the adverb out of the cue but the auxiliary in only when adjacent.
            return (s, verb + 1);
        }

        /// <summary>The noun phrase that ends right before <paramref name="cueStart"/> (after adverbs), or null.</summary>
        private (int Start, int End)? SourceLeft(int cueStart, int lower)
        {
            int end = cueStart;
            while (end > lower && WordClasses.Adverbs.Contains(W(end - 1)))
            {
                end--;
            }

            if (end <= lower)
            {
                return null;
            }

            int last = end - 1;
            if (_quoteOf[last] >= 0 || IsPunct(last) && !Is(last, "'s"))
            {
                return null;
            }

            string lastWord = W(last);
            if (WordClasses.Relatives.Contains(lastWord) || WordClasses.SubjectPronouns.Contains(lastWord))
            {
                return (last, end);
            }

            int s = end;
            while (s > lower && end - s < 10)
            {
                int t = s - 1;
                if (_quoteOf[t] >= 0 || _usedToken[t])
                {
                    break;
                }

                string w = W(t);
                if (IsPunct(t) && w != "-" && w != "&")
                {
                    break;
                }

                if (WordClasses.LeftStops.Contains(w) || IsCueVerb(t) && t != last)
                {
                    break;
                }

                s = t;
            }

            // Do not start on a preposition or conjunction: "in the report the ministry said" → "the ministry".
            while (s < end && (WordClasses.InnerPrepositions.Contains(W(s)) || WordClasses.NonClauseStarts.Contains(W(s)) && !char.IsUpper(W(s)[0])))
            {
                s++;
            }

            // Cut a leading clause: "Putin is strong the official said" is rare; keep the last 6 words at most for lower-case runs.
            if (s < end && end - s > 6 && !char.IsUpper(W(s)[0]))
            {
                s = end - 6;
            }

            return s < end ? (s, end) : null;
        }

        /// <summary>The noun phrase right after an inverted cue ("said Tschernak", "said a spokesman for the ministry").</summary>
        private (int Start, int End)? SourceRight(int from, int limit)
        {
            int e = from;
            while (e < limit && e < _doc.TokenCount && _quoteOf[e] < 0)
            {
                if (IsPunct(e) && !Is(e, "-") && !Is(e, "'s"))
                {
                    break;
                }

                string w = W(e);
                if (e > from && (Is(e, "that") || Is(e, "who") || Is(e, "which") || Is(e, "in") || Is(e, "on") || Is(e, "during") || Is(e, "when") || Is(e, "after")))
                {
                    break;
                }

                if (e == from && WordClasses.NonClauseStarts.Contains(w) && !WordClasses.ClauseStartWords.Contains(w))
                {
                    return null;
                }

                e++;
            }

            return e > from ? (from, e) : null;
        }

        /// <summary>"according to X, …" and "…, according to X".</summary>
        private void According(Sentence sent)
        {
            for (int t = sent.TokenStart; t + 1 < sent.TokenEnd; t++)
            {
                if (!Is(t, "according") || !Is(t + 1, "to") || _usedToken[t] || _quoteOf[t] >= 0)
                {
                    continue;
                }

                var src = SourceRight(t + 2, Math.Min(sent.TokenEnd, t + 14));
                if (src is null)
                {
                    continue;
                }

                int cs, ce;
                if (t - sent.TokenStart <= 1)
                {
                    cs = src.Value.End;
                    while (cs < sent.TokenEnd && Is(cs, ","))
                    {
                        cs++;
                    }

                    ce = ContentEnd(sent, cs);
                }
                else
                {
                    cs = sent.TokenStart;
                    ce = t;
                    while (ce > cs && (Is(ce - 1, ",") || Is(ce - 1, "\u2014") || Is(ce - 1, "-")))
                    {
                        ce--;
                    }
                }

                if (ce - cs < 3)
                {
                    continue;
                }

                var a = new AttributionRecord
                {
                    Kind = AttributionKind.According,
                    Source = _doc.SpanOfTokens(src.Value.Start, src.Value.End),
                    Cue = _doc.SpanOfTokens(t, t + 2),
                    Confidence = 0.8,
                    Origin = "rule:according",
                };
                a.Content.Add(_doc.SpanOfTokens(cs, ce));
                MarkUsed((t, t + 2));
                MarkUsed(src.Value);
                _result.Add(a);
            }
        }

        /// <summary>End of a content that runs to the sentence end: the final period stays out, a closing quote stays in.</summary>
        private int ContentEnd(Sentence sent, int from)
        {
            int e = sent.TokenEnd;
            while (e > from && IsPunct(e - 1) && !IsClosingQuoteAt(e - 1) && !Is(e - 1, ")"))
            {
                e--;
            }

            return e;
        }

        private bool IsClosingQuoteAt(int t) => _doc.TokenData[t].Kind == TokenKind.Quote && t > 0 && !_doc.TokenData[t - 1].SpaceAfter;

        /// <summary>X said (that) … / …, officials said / …, said X.</summary>
        private void Indirect(Sentence sent)
        {
            for (int v = sent.TokenStart; v < sent.TokenEnd; v++)
            {
                if (_usedToken[v] || _quoteOf[v] >= 0 || !IsCueVerb(v))
                {
                    continue;
                }

                var cue = CueWithAux(v, sent.TokenStart);
                var trailing = Trailing(sent, v, cue);
                if (trailing is not null)
                {
                    _result.Add(trailing);
                    continue;
                }

                var src = SourceLeft(cue.Start, sent.TokenStart);
                if (src is null)
                {
                    continue;
                }

                int cs = ClauseStart(sent, v);
                if (cs < 0)
                {
                    continue;
                }

                int ce = ContentEnd(sent, cs);
                // Stop the content before a trailing ", she added" of another attribution.
                if (ce - cs < 3)
                {
                    continue;
                }

                var a = new AttributionRecord
                {
                    Kind = HasQuote(cs, ce) ? AttributionKind.Mixed : AttributionKind.Indirect,
                    Source = _doc.SpanOfTokens(src.Value.Start, src.Value.End),
                    Cue = _doc.SpanOfTokens(cue.Start, cue.End),
                    Confidence = 0.6,
                    Origin = "rule:indirect",
                };
                a.Content.Add(_doc.SpanOfTokens(cs, ce));
                MarkUsed(src.Value);
                MarkUsed(cue);
                MarkUsed((cs, ce));
                _result.Add(a);
            }
        }

        private bool HasQuote(int s, int e)
        {
            for (int t = s; t < e; t++)
            {
                if (_doc.TokenData[t].Kind == TokenKind.Quote && _quoteOf[t] >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Where the reported clause after cue verb <paramref name="v"/> starts, or -1.</summary>
        private int ClauseStart(Sentence sent, int v)
        {
            int t = v + 1;
            if (t >= sent.TokenEnd)
            {
                return -1;
            }

            // "said that …" / "said, …" / "said: …"
            if (Is(t, "that"))
            {
                return t;
            }

            if (Is(t, ":") || Is(t, ","))
            {
                return t + 1 < sent.TokenEnd && !IsPunct(t + 1) || t + 1 < sent.TokenEnd && _doc.TokenData[t + 1].Kind == TokenKind.Quote ? t + 1 : -1;
            }

            // "told reporters (on Tuesday) that …", "said in a statement that …"
            int limit = Math.Min(sent.TokenEnd, t + 10);
            for (int k = t; k < limit; k++)
            {
                if (Is(k, "that"))
                {
                    return k;
                }

                if (IsPunct(k) && !Is(k, "-"))
                {
                    if (Is(k, ":") || Is(k, ","))
                    {
                        return k + 1 < sent.TokenEnd && WordClasses.AddresseeVerbs.Contains(W(v)) ? k + 1 : -1;
                    }

                    break;
                }
            }

            string next = W(t);
            if (WordClasses.AddresseeVerbs.Contains(W(v)))
            {
                return -1;
            }

            if (WordClasses.ClauseStartWords.Contains(next) || char.IsUpper(next[0]) && !WordClasses.NonClauseStarts.Contains(next))
            {
                return t;
            }

            return -1;
        }

        /// <summary>"…, officials said." or "…, said X." with the content before the comma.</summary>
        private AttributionRecord? Trailing(Sentence sent, int v, (int Start, int End) cue)
        {
            // After the cue: nothing but a source (inverted) or time/venue words up to the sentence end.
            int after = v + 1;
            int end = sent.TokenEnd;
            while (end > after && IsPunct(end - 1) && !IsClosingQuoteAt(end - 1))
            {
                end--;
            }

            (int Start, int End)? src;
            int comma;
            bool inverted = false;
            // Find the comma that ends the content, left of the source.
            src = SourceLeft(cue.Start, sent.TokenStart);
            if (src is not null && src.Value.Start > sent.TokenStart && Is(src.Value.Start - 1, ","))
            {
                comma = src.Value.Start - 1;
            }
            else if (cue.Start > sent.TokenStart && Is(cue.Start - 1, ","))
            {
                comma = cue.Start - 1;
                src = SourceRight(after, end);
                inverted = true;
                if (src is null)
                {
                    return null;
                }
            }
            else
            {
                return null;
            }

            int restStart = inverted ? src!.Value.End : after;
            for (int k = restStart; k < end; k++)
            {
                if (!WordClasses.TimeWords.Contains(W(k)) && !char.IsUpper(W(k)[0]) && !char.IsDigit(W(k)[0]) && !IsPunct(k))
                {
                    return null;
                }
            }

            int cs = sent.TokenStart;
            int ce = comma;
            if (ce - cs < 3 || _quoteOf[ce - 1] >= 0 && _quoteOf[cs] >= 0 && _quoteOf[cs] == _quoteOf[ce - 1])
            {
                return null;
            }

            var a = new AttributionRecord
            {
                Kind = HasQuote(cs, ce) ? AttributionKind.Mixed : AttributionKind.Indirect,
                Source = _doc.SpanOfTokens(src!.Value.Start, src.Value.End),
                Cue = _doc.SpanOfTokens(cue.Start, cue.End),
                Confidence = 0.6,
                Origin = "rule:trailing",
            };
            a.Content.Add(_doc.SpanOfTokens(cs, ce));
            MarkUsed(src.Value);
            MarkUsed(cue);
            return a;
        }

        /// <summary>Joins the parts of a quote continued across paragraphs into one attribution.</summary>
        private void LinkContinuations(AttributionRecord?[] byQuote)
        {
            var quotes = _doc.Quotes;
            for (int q = 0; q < quotes.Count; q++)
            {
                if (quotes[q].Depth != 0 || !quotes[q].ContinuesNext)
                {
                    continue;
                }

                // Collect the chain q, next, next ... while each continues the previous.
                var chain = new List<int> { q };
                int cur = q;
                while (quotes[cur].ContinuesNext)
                {
                    int nxt = cur + 1;
                    while (nxt < quotes.Count && quotes[nxt].Depth != 0)
                    {
                        nxt++;
                    }

                    if (nxt >= quotes.Count || !quotes[nxt].ContinuesPrevious)
                    {
                        break;
                    }

                    chain.Add(nxt);
                    cur = nxt;
                }

                var owner = chain.Select(c => byQuote[c]).FirstOrDefault(a => a is not null);
                if (owner is null)
                {
                    continue;
                }

                foreach (int c in chain)
                {
                    if (byQuote[c] is null)
                    {
                        var (s, e) = QuoteTokens(c);
                        owner.Content.Add(_doc.SpanOfTokens(s, e));
                        byQuote[c] = owner;
                    }
                }

                owner.Content.Sort((a, b) => a.Start.CompareTo(b.Start));
                q = chain[^1];
            }
        }
    }
}
