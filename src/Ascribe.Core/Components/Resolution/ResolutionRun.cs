using System.Runtime.InteropServices;
using Ascribe.Core.Documents;
using Ascribe.Core.Internal;
using AttributionRecord = Ascribe.Core.Documents.Attribution;

namespace Ascribe.Core.Components.Resolution;

/// <summary>
/// One resolution pass over one document: finds name, source and relay mentions, clusters them
/// into entities in text order, and records for every attribution its speaker, cites and venue.
/// Computes only; <see cref="SpeakerResolver"/> writes the result into the document.
/// </summary>
internal sealed partial class ResolutionRun
{
    private const byte SingularPronoun = 1;
    private const byte PluralPronoun = 2;

    private static readonly string[] Determiners = { "the", "this", "that", "these", "those" };
    private static readonly string[] Indefinites = { "a", "an", "one", "another", "some", "several", "many", "most", "few", "numerous", "other", "various", "two", "three", "four", "five", "multiple", "dozens", "scores", "any" };
    private static readonly char[] PhraseEdges = { ' ', ',', ';', ':', '.', '-', '\u2013', '\u2014' }; // trimmed from names and descriptions
    private static readonly string[] PossessivePronouns = { "his", "her", "their", "its", "our", "my", "your" };
    private static readonly string[] PhraseBoundaries = { "of", "for", "from", "at", "with", "in", "by", "to", "on", "close", "familiar", "who", "which", "that", "whose", "inside", "within", "near", "around", "under", "involved", "knowledgeable", "briefed", "according" };

    private readonly Document _doc;
    private readonly SourceLexicon _lex;
    private readonly SpanIndex _quoteSpans;
    private SpanIndex? _contentIndex;

    /// <summary>Per sentence, which third-person pronouns it holds (<see cref="SingularPronoun"/>, <see cref="PluralPronoun"/>); two extra zero entries at the end.</summary>
    private byte[] _pronounsAhead = Array.Empty<byte>();
    private readonly string?[] _folded;

    /// <summary>Per token, <see cref="SourceLexicon.HeadOf"/> of its folded form: 0 when not asked yet, else 1 + 2 * class + plural; [2t] with guessing, [2t + 1] without.</summary>
    private readonly byte[] _heads;
    private HashSet<string>? _lowerWords;
    private readonly List<Cluster> _clusters = new();
    private readonly List<HistoryItem> _history = new();
    private readonly Dictionary<TextSpan, Cluster?> _resolvedSpans = new();
    private readonly List<(int Start, int End)> _nameRuns = new();
    private Cluster? _author;
    private List<TextSpan> _bylines = new();
    private SpanIndex? _bylineIndex;

    public ResolutionRun(Document doc, SourceLexicon lexicon)
    {
        _doc = doc;
        _lex = lexicon;
        _folded = new string?[doc.TokenCount];
        _heads = new byte[2 * doc.TokenCount];
        _quoteSpans = new SpanIndex(doc.Quotes.Where(q => q.Depth == 0).Select(q => q.Outer));
    }

    /// <summary>An earlier mention that later pronouns and role nouns may refer to.</summary>
    private readonly record struct HistoryItem(int Start, int End, int Sentence, int Paragraph, bool InQuote, bool IsSource, bool IsSubject, Cluster Cluster);

    /// <summary>The outcome: clusters to write out, and per attribution its speaker, cites and venue.</summary>
    public sealed record Result(IReadOnlyList<Cluster> Clusters, IReadOnlyDictionary<AttributionRecord, (Cluster? Speaker, List<Cluster> Cites, Cluster? Venue)> Links);

    public Result Run()
    {
        FindNameRuns();
        var attributions = _doc.Attributions;
        var links = new Dictionary<AttributionRecord, (Cluster? Speaker, List<Cluster> Cites, Cluster? Venue)>();
        foreach (var a in attributions)
        {
            links[a] = (null, new List<Cluster>(), null);
        }

        // Source phrases, keyed by span; relay phrases found across the document.
        var sources = new Dictionary<TextSpan, Phrase>();
        foreach (var a in attributions)
        {
            if (a.Source is { } s && !sources.ContainsKey(s))
            {
                var (ts, te) = _doc.TokenRange(s);
                sources[s] = Analyze(ts, te);
            }
        }

        var relays = FindRelays(attributions);

        // Events in text order: name runs not heading a phrase, source phrases, relay objects.
        var events = new List<(int Start, int Order, Action Resolve)>();
        var headRuns = new HashSet<(int, int)>();
        foreach (var p in sources.Values.Concat(relays.Select(r => r.Object)))
        {
            CollectHeadRuns(p, headRuns);
        }

        // Bylines ("By Jane Doe", "Reporting by …; Editing by …") name the article's writers, who are
        // not sources: a later "the mayor" must not refer back to them.
        _bylines = BylineParagraphs();
        _bylineIndex = new SpanIndex(_bylines);
        foreach (var run in _nameRuns)
        {
            if (!headRuns.Contains(run) && !InByline(run.Start))
            {
                var r = run;
                events.Add((_doc.TokenData[r.Start].Start, 1, () => ResolveNameMention(r, isSource: false)));
            }
        }

        // Third-person pronouns (and "who", which keeps its antecedent a subject: "Suu Kyi, who had
        // breakfast with Biden") and plural subjects outside quotes keep chains going (and teach
        // gender) even when they are not sources themselves.
        var sourceTokens = new bool[_doc.TokenCount];
        foreach (var span in sources.Keys)
        {
            var (ts, te) = _doc.TokenRange(span);
            sourceTokens.AsSpan(ts, te - ts).Fill(true);
        }

        _pronounsAhead = new byte[_doc.Sentences.Count + 2];
        for (int t = 0; t < _doc.TokenCount; t++)
        {
            int ts = _doc.TokenData[t].Sentence;
            if (ts >= 0 && ts < _doc.Sentences.Count)
            {
                _pronounsAhead[ts] |= F(t) switch
                {
                    "he" or "him" or "his" or "she" or "her" => SingularPronoun,
                    "they" or "them" or "their" => PluralPronoun,
                    _ => 0,
                };
            }

            if (!sourceTokens[t] && F(t) is "he" or "she" or "him" or "his" or "her" or "they" or "them" or "their" or "who" && !InQuote(_doc.TokenData[t].Start))
            {
                int tok = t;
                events.Add((_doc.TokenData[t].Start, 1, () => ResolvePronoun(tok, isSource: false)));
            }
        }

        foreach (var (ns, ne) in PluralSubjects(sourceTokens).Concat(PluralGroups(sourceTokens)))
        {
            int s0 = ns, e0 = ne;
            events.Add((_doc.TokenData[s0].Start, 1, () => ResolvePhrase(Nominal(s0, e0, possessive: false), isSource: false)));
        }

        foreach (var (span, phrase) in sources)
        {
            var sp = span;
            var ph = phrase;
            events.Add((span.Start, 0, () => _resolvedSpans[sp] = ResolvePhrase(ph, isSource: true)));
        }

        foreach (var relay in relays)
        {
            var rl = relay;
            events.Add((_doc.TokenData[relay.Object.Start].Start, 0, () => rl.Cluster = ResolvePhrase(rl.Object, isSource: false)));
        }

        events.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.Order.CompareTo(y.Order));
        foreach (var e in events)
        {
            e.Resolve();
        }

        foreach (var a in attributions)
        {
            Cluster? speaker = null;
            if (a.Source is { } s && _resolvedSpans.TryGetValue(s, out var c))
            {
                speaker = c;
            }

            links[a] = (speaker, new List<Cluster>(), null);
        }

        // First-person sources inside quotes belong to the quote's speaker.
        ResolveQuotedFirstPerson(links);

        // "Terekhov: No. We need help …, and we have asked the government": in a transcript's
        // speaker line, "we" is the speaker's, not the author's.
        ResolveSpeakerLineFirstPerson(links);

        // A cue the extractor found without its source ("Andriy Tschernak, representative of ..., claimed").
        ResolveImplicitSpeakers(links);

        foreach (var relay in relays)
        {
            if (relay.Cluster is null)
            {
                continue;
            }

            var owner = relay.Owner;
            if (relay.Role == "cites")
            {
                relay.Cluster.Referenced = true;
                if (owner is not null && links[owner].Speaker != relay.Cluster && !links[owner].Cites.Contains(relay.Cluster))
                {
                    links[owner].Cites.Add(relay.Cluster);
                }
            }
            else if (relay.Cluster.HasName && (relay.Cluster.Type is SourceType.Media or SourceType.Event
                || (relay.Role == "venue" && relay.Cluster.Type is SourceType.Organization or SourceType.Government)))
            {
                relay.Cluster.Referenced = true;
                if (owner is not null && links[owner].Venue is null && links[owner].Speaker != relay.Cluster)
                {
                    links[owner] = (links[owner].Speaker, links[owner].Cites, relay.Cluster);
                }
            }
        }

        foreach (var (_, link) in links)
        {
            if (link.Speaker is { } sp)
            {
                sp.Referenced = true;
                if (sp.Type == SourceType.Unknown && sp.HasName && !sp.Plural)
                {
                    // A named speaker nothing else types is most often a person.
                    sp.Type = SourceType.Person;
                }

                foreach (var m in sp.Members)
                {
                    m.Referenced = true;
                }
            }
        }

        return new Result(_clusters.Where(c => c.Referenced).ToList(), links);
    }

    /// <summary>Sentence-initial plural noun phrases about people ("Union leaders met ...", "Protesters said ..."): antecedents for "they".</summary>
    private IEnumerable<(int Start, int End)> PluralSubjects(bool[] sourceTokens)
    {
        foreach (var sent in _doc.Sentences)
        {
            int s = sent.TokenStart;
            while (s < sent.TokenEnd && !IsWord(s))
            {
                s++;
            }

            for (int h = s; h < Math.Min(sent.TokenEnd - 1, s + 4); h++)
            {
                if (!IsWord(h) || sourceTokens[h] || InQuote(_doc.TokenData[h].Start))
                {
                    break;
                }

                if (HeadOfToken(h, out bool plural) is HeadClass.People or HeadClass.Person && IsWord(h + 1) && !IsCap(h + 1)
                    && (plural || (h > s && F(s) is "the" or "my" or "our" && HeadOfToken(h, out _, guess: false) == HeadClass.Person
                        && PronounAhead(SentenceOf(h), SingularPronoun))))
                {
                    yield return (s, h + 1);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Plural noun phrases about people anywhere else in a sentence ("interviewed more than 20 former
    /// crew members", "the removal of thousands of voters"): weaker antecedents for "they" than
    /// subjects, found only where part-of-speech tags mark the head as a plural noun.
    /// </summary>
    private IEnumerable<(int Start, int End)> PluralGroups(bool[] sourceTokens)
    {
        for (int si = 0; si < _doc.Sentences.Count; si++)
        {
            // Only where "they" follows soon: a group nobody refers to need not be tracked.
            var sent = _doc.Sentences[si];
            for (int h = sent.TokenStart + 1; h < sent.TokenEnd && PronounAhead(si, PluralPronoun); h++)
            {
                if (_doc.TokenData[h].Tag != "NNS" || sourceTokens[h] || IsCap(h) || IsSubjectPosition(h)
                    || (h + 1 < sent.TokenEnd && _doc.TokenData[h + 1].Tag is "NN" or "NNS")
                    || HeadOfToken(h, out bool plural, guess: false) is not (HeadClass.People or HeadClass.Person) || !plural
                    || InQuote(_doc.TokenData[h].Start))
                {
                    continue;
                }

                int s = h;
                while (s - 1 >= sent.TokenStart && !IsCap(s - 1) && !sourceTokens[s - 1]
                    && _doc.TokenData[s - 1].Tag is "JJ" or "JJR" or "JJS" or "CD" or "NN" or "VBN")
                {
                    s--;
                }

                yield return (s, h + 1);
            }
        }
    }

    /// <summary>Whether sentence <paramref name="sent"/> or one of the two after it holds a pronoun of <paramref name="kind"/>.</summary>
    private bool PronounAhead(int sent, byte kind) =>
        ((_pronounsAhead[sent] | _pronounsAhead[sent + 1] | _pronounsAhead[sent + 2]) & kind) != 0;

    private void CollectHeadRuns(Phrase p, HashSet<(int, int)> runs)
    {
        if (p.Kind == PhraseKind.Name)
        {
            runs.Add(p.NameRun);
        }

        foreach (var part in p.Parts)
        {
            CollectHeadRuns(part, runs);
        }
    }

    /// <summary>
    /// For attributions with a cue but no source span: the subject-like mention closest before the
    /// cue in its sentence (or, when the cue's sentence starts in lower case after a scraping break,
    /// in the sentence before), outside quotes and the attribution's content. Only the speaker is
    /// set; the source span stays the extractor's. Pronoun subjects are not used.
    /// </summary>
    private void ResolveImplicitSpeakers(Dictionary<AttributionRecord, (Cluster? Speaker, List<Cluster> Cites, Cluster? Venue)> links)
    {
        foreach (var a in _doc.Attributions)
        {
            if (a.Source is not null || a.Cue is not { } cue || links[a].Speaker is not null || a.Kind == AttributionKind.According)
            {
                continue;
            }

            int cueTok = _doc.TokenAtOrAfter(cue.Start);
            if (cueTok >= _doc.TokenCount)
            {
                continue;
            }

            int sent = SentenceOf(cueTok);
            int first = _doc.Sentences[sent].TokenStart;
            bool damaged = sent > 0 && IsWord(first) && char.IsLower(W(first)[0]);
            int lowest = damaged ? sent - 1 : sent;
            HistoryItem? best = null;
            for (int i = HistoryAfterSentence(sent) - 1; i >= 0; i--)
            {
                var h = _history[i];
                if (h.Sentence < lowest)
                {
                    break;
                }

                if (h.End > cue.Start || h.InQuote || h.Sentence > sent || OverlapsContent(a, h))
                {
                    continue;
                }

                // Written names and descriptions only: a pronoun subject is left to the extractor.
                var c0 = h.Cluster;
                if (IsPronounAt(h.Start) || c0.IsAuthor || c0.Type is SourceType.Document or SourceType.Event || (!c0.HasName && !c0.IsPersonLike) || IsDateline(h))
                {
                    continue;
                }

                // People win over bodies named in their apposition ("Tschernak, representative of ... the
                // Ministry of Defense, claimed"); then the sentence's subject over a later object.
                if (best is null || (c0.IsPersonLike && !best.Value.Cluster.IsPersonLike)
                    || (c0.IsPersonLike == best.Value.Cluster.IsPersonLike && h.IsSubject && !best.Value.IsSubject))
                {
                    best = h;
                }
            }

            if (best is { } b && (b.IsSubject || b.Sentence == sent))
            {
                links[a] = (b.Cluster, links[a].Cites, links[a].Venue);
            }
        }
    }

    private static bool OverlapsContent(AttributionRecord a, HistoryItem h)
    {
        foreach (var c in a.Content)
        {
            if (c.Start < h.End && h.Start < c.End)
            {
                return true;
            }
        }

        return false;
    }

    private int _historyCheckedCount;
    private int _historySorted = -1; // 1 when the history's sentences never decrease, 0 when they do; -1 not yet known

    /// <summary>
    /// An index past every history item of a sentence after <paramref name="sentence"/> at the end
    /// of the history (those the backward scans skip): by binary search when the history is in
    /// sentence order, as it is when mentions are remembered in text order; else the whole history.
    /// </summary>
    private int HistoryAfterSentence(int sentence)
    {
        if (_historySorted < 0 || _historyCheckedCount != _history.Count)
        {
            _historyCheckedCount = _history.Count;
            _historySorted = 1;
            for (int i = 1; i < _history.Count && _historySorted == 1; i++)
            {
                _historySorted = _history[i].Sentence >= _history[i - 1].Sentence ? 1 : 0;
            }
        }

        if (_historySorted == 0)
        {
            return _history.Count;
        }

        return SortedSearch.PartitionPoint<HistoryItem, int>(CollectionsMarshal.AsSpan(_history), sentence, static (h, s) => h.Sentence <= s);
    }

    /// <summary>A place name opening its sentence before a dash ("Munich – The call ...") is a dateline.</summary>
    private bool IsDateline(HistoryItem h)
    {
        int t = _doc.TokenAtOrAfter(h.Start);
        int next = _doc.TokenAtOrAfter(h.End);
        return t < _doc.TokenCount && next < _doc.TokenCount && _doc.TokenData[t].Start == h.Start
            && t == _doc.Sentences[h.Sentence].TokenStart && W(next) is "-" or "--" or "\u2013" or "\u2014";
    }

    private bool IsPronounAt(int offset)
    {
        int t = _doc.TokenAtOrAfter(offset);
        return t < _doc.TokenCount && _doc.TokenData[t].Start == offset && _doc.TokenData[t].End - offset <= 4
            && F(t) is "he" or "she" or "they" or "it" or "him" or "her" or "them" or "his" or "their" or "its" or "i" or "we";
    }

    private void ResolveQuotedFirstPerson(Dictionary<AttributionRecord, (Cluster? Speaker, List<Cluster> Cites, Cluster? Venue)> links)
    {
        foreach (var a in _doc.Attributions)
        {
            if (a.Source is not { } s || links[a].Speaker is not null || !InQuote(s.Start))
            {
                continue;
            }

            if (!IsFirstPerson(s))
            {
                continue;
            }

            foreach (var b in _doc.Attributions)
            {
                if (b != a && links[b].Speaker is { } sp && b.Content.Any(c => c.Start <= s.Start && s.End <= c.End))
                {
                    links[a] = (sp, links[a].Cites, links[a].Venue);
                    break;
                }
            }

            if (links[a].Speaker is null && _doc.Quotes.FirstOrDefault(q => q.Depth == 0 && q.Outer.Contains(s.Start)) is { } quote)
            {
                // No content holds it: the speaker whose source stands closest outside the quote, in its paragraph.
                AttributionRecord? nearest = null;
                int bestGap = int.MaxValue;
                foreach (var b in _doc.Attributions)
                {
                    if (b == a || b.Source is not { } bs || links[b].Speaker is null || quote.Outer.Overlaps(bs))
                    {
                        continue;
                    }

                    int gap = bs.Start >= quote.Outer.End ? bs.Start - quote.Outer.End : quote.Outer.Start - bs.End;
                    if (gap >= 0 && gap < 200 && gap < bestGap && !_doc.Text.AsSpan(Math.Min(bs.End, quote.Outer.End), Math.Max(0, Math.Max(bs.Start, quote.Outer.Start) - Math.Min(bs.End, quote.Outer.End))).Contains("\n\n", StringComparison.Ordinal))
                    {
                        bestGap = gap;
                        nearest = b;
                    }
                }

                if (nearest is not null)
                {
                    links[a] = (links[nearest].Speaker, links[a].Cites, links[a].Venue);
                }
            }
        }
    }

    /// <summary>True for a source that is a first-person pronoun: "I", "we", "me", "us".</summary>
    private bool IsFirstPerson(TextSpan source) => NameMatcher.Fold(_doc.Slice(source)) is "i" or "we" or "me" or "us";

    private void ResolveSpeakerLineFirstPerson(Dictionary<AttributionRecord, (Cluster? Speaker, List<Cluster> Cites, Cluster? Venue)> links)
    {
        var lines = _doc.Attributions
            .Where(b => b.Cue is { } cue && _doc.Slice(cue) == ":" && links[b].Speaker is { IsAuthor: false })
            .ToList();
        if (lines.Count == 0)
        {
            return;
        }

        var index = new SpanIndex(lines.SelectMany((b, i) => b.Content.Select(c => (c, i))));
        var holders = new List<int>();
        foreach (var a in _doc.Attributions)
        {
            if (a.Source is not { } s || links[a].Speaker is not { IsAuthor: true } || !IsFirstPerson(s))
            {
                continue;
            }

            holders.Clear();
            index.CollectOverlapping(s, holders);
            if (holders.Count > 0 && lines[holders[0]] != a)
            {
                links[a] = (links[lines[holders[0]]].Speaker, links[a].Cites, links[a].Venue);
            }
        }
    }

    // ---- token helpers ----

    private string W(int t) => _doc.Normalized.Text.Substring(_doc.TokenData[t].NormStart, _doc.TokenData[t].NormEnd - _doc.TokenData[t].NormStart);

    /// <summary>The folded token, computed once per token: relay matching asks for it once per token and lexicon entry (issue 9).</summary>
    private string F(int t) => _folded[t] ??= FoldToken(t);

    /// <summary>
    /// <see cref="NameMatcher.Fold"/> of the token. A token of ASCII letters, digits, hyphens and
    /// apostrophes only (most of them) folds to its lower case: made here without the substring and
    /// the shared cache.
    /// </summary>
    private string FoldToken(int t)
    {
        ref readonly var data = ref _doc.TokenData[t];
        var span = _doc.Normalized.Text.AsSpan(data.NormStart, data.NormEnd - data.NormStart);
        if (span.IsEmpty)
        {
            return NameMatcher.Fold(W(t));
        }

        foreach (char c in span)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '\''))
            {
                return NameMatcher.Fold(W(t));
            }
        }

        return string.Create(span.Length, (_doc.Normalized.Text, data.NormStart), static (dest, state) =>
        {
            var source = state.Text.AsSpan(state.NormStart, dest.Length);
            for (int i = 0; i < dest.Length; i++)
            {
                dest[i] = char.ToLowerInvariant(source[i]);
            }
        });
    }

    /// <summary><see cref="SourceLexicon.HeadOf"/> of <see cref="F"/>, computed once per token and mode: phrase, relay and plural scans ask for the same tokens again.</summary>
    private HeadClass HeadOfToken(int t, out bool plural, bool guess = true)
    {
        ref byte memo = ref _heads[(2 * t) + (guess ? 0 : 1)];
        if (memo == 0)
        {
            var head = _lex.HeadOf(F(t), out bool p, guess);
            memo = (byte)(1 + (2 * (int)head) + (p ? 1 : 0));
        }

        plural = ((memo - 1) & 1) != 0;
        return (HeadClass)((memo - 1) >> 1);
    }

    /// <summary>The words the text writes with a lower-case first letter, collected on first use (some documents never ask).</summary>
    private HashSet<string> LowerWords => _lowerWords ??= CollectLowerWords();

    private HashSet<string> CollectLowerWords()
    {
        // Each distinct lower-case word is made into a string once; the rest are looked up in place.
        var set = new HashSet<string>(StringComparer.Ordinal);
        var lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        string text = _doc.Normalized.Text;
        for (int t = 0; t < _doc.TokenCount; t++)
        {
            ref readonly var data = ref _doc.TokenData[t];
            var w = text.AsSpan(data.NormStart, data.NormEnd - data.NormStart);
            if (w.Length > 0 && char.IsLower(w[0]) && !lookup.Contains(w))
            {
                set.Add(w.ToString());
            }
        }

        return set;
    }

    private bool IsWord(int t) => _doc.TokenData[t].Kind is TokenKind.Word or TokenKind.Number;

    private bool IsCap(int t)
    {
        if (_doc.TokenData[t].Kind != TokenKind.Word)
        {
            return false;
        }

        // The first character read in place: this is asked for nearly every token, and W allocates.
        ref readonly var data = ref _doc.TokenData[t];
        return data.NormEnd > data.NormStart && char.IsUpper(_doc.Normalized.Text[data.NormStart]);
    }

    private bool InQuote(int offset) => _quoteSpans.AnyContains(offset);

    private int SentenceOf(int t) => Math.Max(0, _doc.TokenData[t].Sentence);

    private int ParagraphOf(int t)
    {
        int s = _doc.TokenData[t].Sentence;
        return s >= 0 && s < _doc.Sentences.Count ? _doc.Sentences[s].Paragraph : 0;
    }

    private bool IsSubjectPosition(int t)
    {
        int s = _doc.TokenData[t].Sentence;
        if (s < 0 || s >= _doc.Sentences.Count)
        {
            return false;
        }

        int first = _doc.Sentences[s].TokenStart;
        int words = 0;
        for (int k = first; k < t; k++)
        {
            if (IsWord(k))
            {
                words++;
            }
        }

        return words <= 3;
    }

    /// <summary>
    /// A mention right before a finite verb heads its clause's subject ("Critics such as the
    /// economist Reiner Eichenberger argue", "colleague Matt Lauer faced"); needs part-of-speech tags.
    /// </summary>
    private bool BeforeFiniteVerb(int end) =>
        end < _doc.TokenCount && _doc.TokenData[end].Tag is "VBD" or "VBZ" or "VBP" or "MD"
        && _doc.TokenData[end].Sentence == _doc.TokenData[end - 1].Sentence;

    /// <summary>Paragraphs that are bylines: "By Jane Doe", "BY JANE DOE AND JOHN ROE, Reuters", "Reporting by Jane Doe; Editing by John Roe".</summary>
    private List<TextSpan> BylineParagraphs()
    {
        var result = new List<TextSpan>();
        foreach (var p in _doc.Paragraphs)
        {
            if (p.End - p.Start > 400)
            {
                continue;
            }

            string text = _doc.Slice(p).Trim();
            if (text.Length == 0 || text.Length > 160 || text.IndexOfAny(['"', '\u201C', '\u201D']) >= 0)
            {
                continue;
            }

            string lower = text.ToLowerInvariant();
            bool by = lower.StartsWith("by ", StringComparison.Ordinal) && text.Length > 3 && char.IsUpper(text[3]);
            bool credit = Array.Exists(CreditOpenings, o => lower.StartsWith(o, StringComparison.Ordinal));
            if ((by || credit) && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 16 && !lower.Contains(" said", StringComparison.Ordinal))
            {
                result.Add(p);
            }
        }

        return result;
    }

    private static readonly string[] CreditOpenings = ["reporting by ", "additional reporting by ", "writing by ", "editing by ", "compiled by ", "reported by "];

    private bool InByline(int token) => _bylineIndex?.AnyContains(_doc.TokenData[token].Start) == true;

    /// <summary>
    /// The text of a phrase's tokens as a mention, taking in the quote mark right outside it when
    /// the phrase holds the other mark of the pair: 'a "Russian billionaire"', not 'a "Russian billionaire'.
    /// </summary>
    private TextSpan MentionSpan(int start, int end)
    {
        int marks = 0;
        for (int k = start; k < end; k++)
        {
            marks += _doc.TokenData[k].Kind == TokenKind.Quote ? 1 : 0;
        }

        if (marks % 2 == 1)
        {
            if (end < _doc.TokenCount && _doc.TokenData[end].Kind == TokenKind.Quote && _doc.TokenData[end].Start == _doc.TokenData[end - 1].End)
            {
                end++;
            }
            else if (start > 0 && _doc.TokenData[start - 1].Kind == TokenKind.Quote && _doc.TokenData[start - 1].End == _doc.TokenData[start].Start)
            {
                start--;
            }
        }

        return _doc.SpanOfTokens(start, end);
    }

    private string TextOf(int start, int end)
    {
        var span = _doc.SpanOfTokens(start, end);
        return Clean(_doc.Slice(span));
    }

    /// <summary>Phrase text for names and descriptions: quote marks dropped, whitespace collapsed.</summary>
    private static string Clean(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        bool space = false;
        foreach (char ch in text)
        {
            if (ch is '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' or '\u2039' or '\u203A')
            {
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(ch);
        }

        string started = sb.ToString().TrimStart(PhraseEdges);
        string trimmed = started.TrimEnd(PhraseEdges);

        // A dotted abbreviation keeps the period the trim took from it ("The S.E.C." → "S.E.C.").
        return started.Length == trimmed.Length + 1 && started[^1] == '.' && EndsDotted(trimmed) ? started : trimmed;
    }

    /// <summary>True when the last word ends in letters separated by periods ("S.E.C", "D-N.C").</summary>
    private static bool EndsDotted(string phrase)
    {
        int lastWord = phrase.LastIndexOf(' ') + 1;
        return phrase.IndexOf('.', lastWord) > lastWord && char.IsLetter(phrase[^1]) && phrase[^2] == '.';
    }
}
