using System.Runtime.InteropServices;
using Ascribe.Core.Components.Attribution.Model;
using Ascribe.Core.Documents;
using Ascribe.Core.Internal;
using Ascribe.Core.Lexicons;
using AttributionRecord = Ascribe.Core.Documents.Attribution;

namespace Ascribe.Core.Components.Attribution;

/// <summary>
/// Turns tagged spans into attributions: content fragments interrupted by a cue or source
/// ("'…,' she said, '…'") or continued in the next paragraph's quote become one content; each
/// content takes the nearest free cue (closer in the same sentence first) and each cue the nearest
/// free source, or else the nearest source before it in its sentence or the subject of the
/// predicate it is coordinated with. Cues and quotations left unlinked are still reported, as
/// partial attributions; a source with neither cue nor content is not (on PolNeAR dev 12 of 78
/// such spans were sources).
/// </summary>
internal sealed class AttributionLinker
{
    private const int MaxCueDistance = 40;
    private const int MaxSourceDistance = 25;
    private const int SentencePenalty = 12;

    /// <summary>Words besides the cue and source allowed between two quotations a colon joins.</summary>
    private const int MaxColonGap = 8;

    private readonly Document _doc;
    private readonly CueLexicon _lexicon;
    private readonly SpanIndex _quotes;      // outermost quotes
    private readonly SpanIndex _continuing;  // quotes continuing one in the previous paragraph

    public AttributionLinker(Document doc, CueLexicon lexicon)
    {
        _doc = doc;
        _lexicon = lexicon;
        _quotes = new SpanIndex(doc.Quotes.Where(q => q.Depth == 0).Select(q => q.Outer));
        _continuing = new SpanIndex(doc.Quotes.Where(q => q.ContinuesPrevious).Select(q => q.Outer));
    }

    /// <summary>
    /// Indices of the spans (sorted, not overlapping: they come from one tag sequence) that may lie
    /// within <paramref name="max"/> tokens of <c>[start, end)</c>: those ending at or after
    /// <c>start - max</c> and starting at or before <c>end + max</c>. <see cref="Cost"/> is -1 for every other span.
    /// </summary>
    private static (int From, int To) Near(List<(int Start, int End)> spans, int start, int end, int max)
    {
        int lo = SortedSearch.PartitionPoint<(int Start, int End), int>(CollectionsMarshal.AsSpan(spans), start - max, static (s, from) => s.End < from);
        int to = lo;
        while (to < spans.Count && spans[to].Start <= end + max)
        {
            to++;
        }

        return (lo, to);
    }

    /// <summary>Index of the span (in sorted, non-overlapping <paramref name="spans"/>) that starts at token <paramref name="start"/>, or -1.</summary>
    private static int StartingAt(List<(int Start, int End)> spans, int start)
    {
        int i = SortedSearch.PartitionPoint<(int Start, int End), int>(CollectionsMarshal.AsSpan(spans), start, static (s, at) => s.Start < at);
        return i < spans.Count && spans[i].Start == start ? i : -1;
    }

    private sealed class Group
    {
        public List<(int Start, int End)> Fragments { get; } = new();

        public int Cue = -1;

        public int Start => Fragments[0].Start;

        public int End => Fragments[^1].End;
    }

    public List<AttributionRecord> Link(byte[] tags, float[] margins)
    {
        tags = ClaimOpeningFragments(tags);
        var sources = new List<(int Start, int End)>();
        var cues = new List<(int Start, int End)>();
        var contents = new List<(int Start, int End)>();
        foreach (var (kind, s, e) in ModelAttributionExtractor.Spans(tags))
        {
            (kind == 1 ? sources : kind == 2 ? cues : contents).Add((s, e));
        }

        var groups = GroupContents(contents, tags);

        // Content → cue: a cue inside the gap of an interrupted content belongs to it; otherwise the nearest free cue.
        var cueOwner = new int[cues.Count];
        Array.Fill(cueOwner, -1);
        for (int g = 0; g < groups.Count; g++)
        {
            var frags = groups[g].Fragments;
            if (frags.Count < 2)
            {
                continue; // no gap: a cue cannot start after the fragment's end and end before its start
            }

            var (from, _) = Near(cues, frags[0].End, frags[0].End, 0);
            for (int c = from; c < cues.Count && cues[c].Start < frags[^1].Start && groups[g].Cue < 0; c++)
            {
                if (cueOwner[c] < 0 && cues[c].Start >= frags[0].End && cues[c].End <= frags[^1].Start)
                {
                    groups[g].Cue = c;
                    cueOwner[c] = g;
                }
            }
        }

        var pairs = new List<(int Cost, int G, int C)>();
        for (int g = 0; g < groups.Count; g++)
        {
            if (groups[g].Cue >= 0)
            {
                continue;
            }

            var (cFrom, cTo) = Near(cues, groups[g].Start, groups[g].End, MaxCueDistance);
            for (int c = cFrom; c < cTo; c++)
            {
                int cost = Cost(groups[g].Start, groups[g].End, cues[c].Start, cues[c].End, MaxCueDistance);
                if (cost < 0 && IntroducesNextParagraph(cues[c].End, groups[g].Start))
                {
                    cost = groups[g].Start - cues[c].End;
                }

                if (cost >= 0)
                {
                    pairs.Add((cost, g, c));
                }
            }
        }

        pairs.Sort();
        foreach (var (_, g, c) in pairs)
        {
            if (groups[g].Cue < 0 && cueOwner[c] < 0)
            {
                groups[g].Cue = c;
                cueOwner[c] = g;
            }
        }

        JoinContinuedQuotations(groups, cues, cueOwner, tags);

        // Cue → source.
        Group? ContentOf(int cue) => cueOwner[cue] >= 0 ? groups[cueOwner[cue]] : null;
        var sourceOf = new int[cues.Count];
        Array.Fill(sourceOf, -1);
        var sourceUsed = new bool[sources.Count];
        var spairs = new List<(int Cost, int C, int S)>();

        // "Mr. Quiros was accused of …": the subject of a passive cue is its target, not its source.
        var onTarget = new bool[cues.Count];
        for (int c = 0; c < cues.Count; c++)
        {
            onTarget[c] = IsPassiveOnTarget(cues[c]);
        }

        for (int c = 0; c < cues.Count; c++)
        {
            var (sFrom, sTo) = Near(sources, cues[c].Start, cues[c].End, MaxSourceDistance);
            for (int s = sFrom; s < sTo; s++)
            {
                int cost = Cost(cues[c].Start, cues[c].End, sources[s].Start, sources[s].End, MaxSourceDistance);
                if (cost < 0 || Between(cues[c], sources[s], ContentOf(c)) || (onTarget[c] && sources[s].End <= cues[c].Start))
                {
                    continue;
                }

                // Sources usually stand before their cue; after it only when inverted ("said Smith").
                spairs.Add((cost * 2 + (sources[s].Start > cues[c].Start ? 1 : 0), c, s));
            }
        }

        spairs.Sort();
        foreach (var (_, c, s) in spairs)
        {
            if (sourceOf[c] < 0 && !sourceUsed[s])
            {
                sourceOf[c] = s;
                sourceUsed[s] = true;
            }
        }

        // A cue left without a source shares the nearest one before it in its sentence, as a speaker
        // goes on: "Trump said …, arguing that …", "Clinton said … and added …".
        foreach (var (_, c, s) in spairs)
        {
            if (sourceOf[c] < 0 && sources[s].End <= cues[c].Start && SameSentence(cues[c].Start, sources[s].End)
                && !InContent(ContentOf(c), sources[s]))
            {
                sourceOf[c] = s;
            }
        }

        // "'…,' said Don Fowler, who helmed the DNC …, and has backed …": an inverted cue left without a
        // source shares the one that starts right after it, which a later cue took.
        for (int c = 0; c < cues.Count; c++)
        {
            if (sourceOf[c] >= 0)
            {
                continue;
            }

            int s = StartingAt(sources, cues[c].End);
            if (s >= 0 && SameSentence(cues[c].Start, sources[s].End) && !InContent(ContentOf(c), sources[s]))
            {
                sourceOf[c] = s;
            }
        }

        // A cue coordinated with an earlier predicate shares its subject: "He left open how … - but emphasized that …".
        var sourceFor = new (int Start, int End)?[cues.Count];
        for (int c = 0; c < cues.Count; c++)
        {
            // A passive cue on its target shares no subject either ("Mr. Effron is a donor and has been mentioned as …").
            sourceFor[c] = sourceOf[c] >= 0 ? sources[sourceOf[c]]
                : onTarget[c] ? null
                : SharedSubject(cues[c].Start) ?? InterruptedSubject(cues[c].Start) ?? FrontedParticipleSubject(cues[c], ContentOf(c), sources);
            if (sourceOf[c] < 0 && sourceFor[c] is { } subject && InContent(ContentOf(c), subject))
            {
                sourceFor[c] = null;
            }

            // "a revolution such as that demanded by the ex-oligarch Mikhail Khodorkovsky": the
            // agent of a passive cue speaks, not the pronoun standing for what was demanded.
            if (sourceFor[c] is not { } found || IsBarePronoun(found))
            {
                sourceFor[c] = PassiveAgent(cues[c].End) ?? sourceFor[c];
            }
        }

        ClaimRelativePronouns(groups, cues, cueOwner, sourceFor, tags);
        ClaimClosingClauses(groups, cues, cueOwner, sourceFor, tags);
        ClaimQuotationsAfterColons(groups, cues, cueOwner, sourceFor);
        ClaimAccordingToClauses(groups, cues, cueOwner, sourceFor, tags);

        var result = new List<AttributionRecord>();
        for (int g = 0; g < groups.Count; g++)
        {
            int c = groups[g].Cue;
            var record = Make(c >= 0 ? sourceFor[c] : null, c >= 0 ? cues[c] : null, groups[g].Fragments, margins);
            if (c < 0 && record.Kind == AttributionKind.Indirect)
            {
                // Reported speech with no cue and no source is not attributed to anyone; a quotation
                // without a cue is kept, since its marks alone say someone is speaking.
                continue;
            }

            result.Add(record);
        }

        for (int c = 0; c < cues.Count; c++)
        {
            if (cueOwner[c] < 0)
            {
                result.Add(Make(sourceFor[c], cues[c], Array.Empty<(int, int)>(), margins));
            }
        }

        result.Sort((a, b) => First(a).CompareTo(First(b)));
        return result;
    }

    /// <summary>
    /// The subject of the sentence when the cue at <paramref name="cue"/> is the second of two
    /// coordinated predicates ("He left open …, but emphasized …") and the subject is a personal
    /// pronoun or a name followed by the first predicate; otherwise null.
    /// </summary>
    private (int Start, int End)? SharedSubject(int cue)
    {
        var tokens = _doc.TokenData;
        var sent = _doc.Sentences[tokens[cue].Sentence];
        int k = cue - 1;
        while (k >= sent.TokenStart && (tokens[k].Tag == "RB" || tokens[k].Kind == TokenKind.Punctuation))
        {
            k--;
        }

        if (k <= sent.TokenStart || tokens[k].Tag != "CC" || Word(k) is not ("and" or "but"))
        {
            return null;
        }

        int s = SubjectStart(sent.TokenStart, k);

        int e = s;
        if (tokens[s].Tag == "PRP" && Word(s) is "he" or "she" or "they" or "we" or "i")
        {
            e = s + 1;
        }
        else
        {
            while (e < k && tokens[e].Tag is "NNP" or "NNPS")
            {
                e++;
            }
        }

        return e > s && e < k && tokens[e].Tag is { } tag && (tag.StartsWith("VB", StringComparison.Ordinal) || tag is "MD" or "RB") ? (s, e) : null;
    }

    /// <summary>
    /// The subject of the sentence when it is a name that a relative clause or an apposition between
    /// commas separates from the cue ("The Russian political scientist Yekaterina Schulmann, who is
    /// currently living in Germany, recently presented …"): the sentence opens with a noun phrase
    /// ending in a proper noun, then a comma, and the cue follows the closing comma (adverbs and
    /// auxiliaries between them allowed); otherwise null.
    /// </summary>
    private (int Start, int End)? InterruptedSubject(int cue)
    {
        var tokens = _doc.TokenData;
        var sent = _doc.Sentences[tokens[cue].Sentence];
        int k = cue - 1;
        while (k > sent.TokenStart && (tokens[k].Tag is "RB" or "MD" || Word(k) is "has" or "had" or "have"))
        {
            k--;
        }

        if (k <= sent.TokenStart || Word(k) != ",")
        {
            return null;
        }

        int s = SubjectStart(sent.TokenStart, k);

        int e = s;
        while (e < k && tokens[e].Tag is "DT" or "JJ" or "NN" or "NNS" or "NNP" or "NNPS")
        {
            e++;
        }

        return e > s && e < k - 1 && Word(e) == "," && tokens[e - 1].Tag is "NNP" or "NNPS" ? (s, e) : null;
    }

    /// <summary>
    /// The source right after the comma that closes a present-participle clause opening the
    /// sentence (or following its opening "while", "after", "before" or "when"), when the clause is
    /// the cue and its content ("Citing an unfounded conspiracy theory, Trump repeatedly accused …":
    /// Trump cites); otherwise null. The source also stays its own cue's. A past participle is left
    /// alone: "Asked about the plan, Clinton said …" names who was asked, not who asked.
    /// </summary>
    private (int Start, int End)? FrontedParticipleSubject((int Start, int End) cue, Group? content, List<(int Start, int End)> sources)
    {
        var tokens = _doc.TokenData;
        var sent = _doc.Sentences[tokens[cue.Start].Sentence];
        int first = SubjectStart(sent.TokenStart, sent.TokenEnd);
        bool opens = cue.Start == first || (cue.Start == first + 1 && Word(first) is "while" or "after" or "before" or "when");
        if (!opens || tokens[cue.Start].Tag != "VBG")
        {
            return null;
        }

        // The clause ends at a comma after the content, or at one inside its closing quote mark ("Bemoaning the 'phony system,' Trump …").
        int end = content is { } g && g.Start >= cue.End ? g.End : cue.End;
        int after = end < sent.TokenEnd - 1 && IsComma(end) ? end + 1
            : end - 2 >= cue.End && IsQuoted(end - 1) && IsComma(end - 2) ? end
            : -1;
        if (after < 0)
        {
            return null;
        }

        int s = StartingAt(sources, after);
        return s >= 0 ? sources[s] : null;
    }

    /// <summary>The first token of a sentence starting at <paramref name="start"/> after its opening quote marks, at most <paramref name="limit"/>.</summary>
    private int SubjectStart(int start, int limit)
    {
        var tokens = _doc.TokenData;
        while (start < limit && tokens[start].Kind == TokenKind.Quote)
        {
            start++;
        }

        return start;
    }

    /// <summary>
    /// True when a cue ending at <paramref name="cueEnd"/> closes its paragraph with a colon and the
    /// content starting at <paramref name="content"/> opens the next one ("Limbaugh added:" and the
    /// quotation below it).
    /// </summary>
    private bool IntroducesNextParagraph(int cueEnd, int content)
    {
        var tokens = _doc.TokenData;

        // The colon ends the cue ("added:") or follows it.
        int next = IsColon(cueEnd - 1) ? cueEnd : cueEnd < tokens.Length && IsColon(cueEnd) ? cueEnd + 1 : -1;
        if (next < 0)
        {
            return false;
        }

        if (next < content && tokens[next].Kind == TokenKind.Quote)
        {
            next++;
        }

        return next == content && content < tokens.Length && Paragraph(content) == Paragraph(cueEnd - 1) + 1;
    }

    private bool IsColon(int token) => _doc.Text[_doc.TokenData[token].Start] == ':';

    private int Paragraph(int token) => _doc.Sentences[_doc.TokenData[token].Sentence].Paragraph;

    /// <summary>A one-word source "that", "which" or "this", which names no speaker by itself.</summary>
    private bool IsBarePronoun((int Start, int End) span) => span.End == span.Start + 1 && Word(span.Start) is "that" or "which" or "this";

    /// <summary>
    /// The name after "by" that follows a passive cue ending at <paramref name="cueEnd"/> ("demanded
    /// by the ex-oligarch Mikhail Khodorkovsky"): optional determiner and modifiers, then proper
    /// nouns; null when the cue is no past participle or no name follows.
    /// </summary>
    private (int Start, int End)? PassiveAgent(int cueEnd)
    {
        var tokens = _doc.TokenData;
        if (cueEnd >= tokens.Length - 1 || tokens[cueEnd - 1].Tag != "VBN" || Word(cueEnd) != "by")
        {
            return null;
        }

        int start = cueEnd + 1, e = start;
        while (e < tokens.Length && tokens[e].Sentence == tokens[cueEnd].Sentence && tokens[e].Tag is "DT" or "JJ" or "NN" or "NNP" or "NNPS")
        {
            e++;
        }

        return e > start && tokens[e - 1].Tag is "NNP" or "NNPS" ? (start, e) : null;
    }

    /// <summary>True when <paramref name="span"/> overlaps the extent of <paramref name="content"/> (a source never lies inside its own content).</summary>
    private static bool InContent(Group? content, (int Start, int End) span) =>
        content is not null && span.Start < content.End && span.End > content.Start;

    /// <summary>True when the cue at <paramref name="cue"/> lies in the sentence of the source ending at <paramref name="sourceEnd"/>.</summary>
    private bool SameSentence(int cue, int sourceEnd)
    {
        var tokens = _doc.TokenData;
        return tokens[cue].Sentence == tokens[sourceEnd - 1].Sentence;
    }

    private string Word(int token) => _doc[token].Text.ToLowerInvariant();

    private static int First(AttributionRecord a) => Math.Min(a.Content.Count > 0 ? a.Content[0].Start : int.MaxValue, Math.Min(a.Cue?.Start ?? int.MaxValue, a.Source?.Start ?? int.MaxValue));

    /// <summary>True when the source lies on the far side of the cue's content (a content between them).</summary>
    private static bool Between((int Start, int End) cue, (int Start, int End) source, Group? content)
    {
        if (content is null)
        {
            return false;
        }

        int lo = Math.Min(cue.End, source.End), hi = Math.Max(cue.Start, source.Start);
        return content.Start >= lo && content.End <= hi;
    }

    /// <summary>Token gap between two spans plus a penalty per sentence boundary; -1 when too far or in different paragraphs.</summary>
    private int Cost(int aStart, int aEnd, int bStart, int bEnd, int max)
    {
        int gap;
        if (bEnd <= aStart)
        {
            gap = aStart - bEnd;
        }
        else if (aEnd <= bStart)
        {
            gap = bStart - aEnd;
        }
        else
        {
            return -1;
        }

        var tokens = _doc.TokenData;
        int sa = tokens[aStart].Sentence, sb = tokens[bStart].Sentence;
        int ea = tokens[aEnd - 1].Sentence;

        // A content that runs over paragraphs links to a cue after it in its last paragraph, or before it in its first.
        if (_doc.Sentences[bEnd <= aStart ? sa : ea].Paragraph != _doc.Sentences[sb].Paragraph)
        {
            return -1;
        }

        int crossings = sb < sa ? sa - sb : sb > ea ? sb - ea : 0;
        int cost = gap + SentencePenalty * crossings;
        return cost <= max ? cost : -1;
    }

    /// <summary>Joins content fragments separated only by cues, sources and punctuation, and quotes continued in the next paragraph.</summary>
    private List<Group> GroupContents(List<(int Start, int End)> contents, byte[] tags)
    {
        var groups = new List<Group>();
        foreach (var frag in contents)
        {
            if (groups.Count > 0 && Joins(groups[^1], frag, tags))
            {
                groups[^1].Fragments.Add(frag);
                continue;
            }

            var g = new Group();
            g.Fragments.Add(frag);
            groups.Add(g);
        }

        return groups;

        bool Joins(Group g, (int Start, int End) frag, byte[] tags)
        {
            int from = g.End, to = frag.Start;
            bool cue = false;
            int words = 0, cues = 0;
            for (int t = from; t < to; t++)
            {
                int kind = SpanTags.KindOf(tags[t]);
                if (kind == 2)
                {
                    cue = true;
                    cues += !SpanTags.IsInside(tags[t]) || t == from || SpanTags.KindOf(tags[t - 1]) != 2 ? 1 : 0;
                }
                else if (kind == 0 && !IsMark(t))
                {
                    words++;
                }
            }

            if (cue)
            {
                // "'…,' she said, '…'": only when the second part continues the sentence or is quoted too;
                // "'…,' she told reporters on Monday: '…'" when a colon hands the second quotation over.
                // One cue, in one paragraph: "'…,' Mook said. According to Limbaugh, '…'" is two attributions.
                // "Acts of protest, Mr. Obama said, are acts of patriotism": reported speech a source
                // and its cue interrupt between commas.
                if (g.Fragments.Count == 1 && IsParenthetical(g.Start, from, to, tags))
                {
                    return true;
                }

                // "The minister said: '….' He added '…'": a quotation its own cue or source introduces
                // does not go on past a cue or source that opens the next sentence.
                if (IntroducedBySpan(g.Start, tags) && SentenceOfFirstSpan(from, to, tags) != _doc.TokenData[g.End - 1].Sentence)
                {
                    return false;
                }

                return g.Fragments.Count == 1 && IsQuoted(frag.Start) && IsQuoted(g.Start) && cues == 1
                    && Paragraph(g.End - 1) == Paragraph(frag.Start)
                    && (words == 0 || (words <= MaxColonGap && to > from && IsColon(to - 1)));
            }

            if (words > 0)
            {
                return false;
            }

            // A quote that runs on into the next paragraph.
            return Paragraph(frag.Start) == Paragraph(g.End - 1) + 1 && ContinuesQuote(frag.Start);
        }
    }

    /// <summary>
    /// A quotation left without a cue that follows, in the same paragraph, a content whose cue comes
    /// after it, with no other cue between them, goes on in the words of that content's speaker
    /// ("'It's over,' she said of the election. 'In my head, anyway.'"): it becomes that
    /// content's next fragment. So does one that comes right after a content whose cue comes before
    /// it, with only punctuation between them ("Cummings called him a master at deals. 'He showed
    /// again and again …'"). A quotation left without a cue right before the source and cue of the
    /// next content, which took that cue, becomes that content's first fragment. Updates
    /// <paramref name="cueOwner"/> for the groups that remain.
    /// </summary>
    private void JoinContinuedQuotations(List<Group> groups, List<(int Start, int End)> cues, int[] cueOwner, byte[] tags)
    {
        for (int g = 1; g < groups.Count; g++)
        {
            Group quote = groups[g], before = groups[g - 1];
            if (quote.Cue >= 0 || quote.Fragments.Count != 1 || !IsQuoted(quote.Start)
                || before.Cue < 0)
            {
                continue;
            }

            var cue = cues[before.Cue];
            bool cueAfter = cue.Start >= before.Fragments[0].End && cue.End <= quote.Start;
            bool cueBefore = cue.End <= before.Fragments[0].Start && OnlyMarksBetween(before.Fragments[^1].End, quote.Start);
            if (!(cueAfter || cueBefore) || Paragraph(cue.End - 1) != Paragraph(quote.Start))
            {
                continue;
            }

            bool otherCue = false;
            for (int t = cue.End; t < quote.Start && !otherCue; t++)
            {
                otherCue = SpanTags.KindOf(tags[t]) == 2;
            }

            if (!otherCue)
            {
                before.Fragments.Add(quote.Fragments[0]);
                groups.RemoveAt(g--);
            }
        }

        // "'It has the important virtue …,' Burman said of the plan. 'It doesn't make …'": when the
        // next content took the cue, a quotation left without one before the source and that cue opens it.
        for (int g = 0; g + 1 < groups.Count; g++)
        {
            Group quote = groups[g], after = groups[g + 1];
            if (quote.Cue >= 0 || quote.Fragments.Count != 1 || !IsQuoted(quote.Start) || after.Cue < 0)
            {
                continue;
            }

            var cue = cues[after.Cue];
            if (cue.Start < quote.End || cue.End > after.Start || Paragraph(quote.Start) != Paragraph(after.Start))
            {
                continue;
            }

            bool onlySource = true;
            for (int t = quote.End; t < cue.Start && onlySource; t++)
            {
                onlySource = SpanTags.KindOf(tags[t]) == 1 || IsMark(t);
            }

            if (onlySource)
            {
                after.Fragments.Insert(0, quote.Fragments[0]);
                groups.RemoveAt(g--);
            }
        }

        for (int g = 0; g < groups.Count; g++)
        {
            if (groups[g].Cue >= 0)
            {
                cueOwner[groups[g].Cue] = g;
            }
        }
    }

    /// <summary>Relative pronouns that stand for what a cue right after them reports ("…, which Mr. Clarke says he is doing").</summary>
    private static readonly HashSet<string> ReportedRelatives = new(StringComparer.Ordinal) { "which", "what", "who", "whom" };

    /// <summary>
    /// "the retail banking strategy, which the bank detailed in filings", "not exactly what Graham had
    /// in mind": an untagged relative pronoun right before a cue's source (a comma between allowed),
    /// with the cue right after that source, is the object of what the cue reports, so it becomes that
    /// cue's first content fragment (its content, when the cue has none). "which" after a preposition
    /// ("in which he said") is left alone: there it is no object of the cue.
    /// </summary>
    private void ClaimRelativePronouns(List<Group> groups, List<(int Start, int End)> cues, int[] cueOwner, (int Start, int End)?[] sourceFor, byte[] tags)
    {
        var tokens = _doc.TokenData;
        for (int c = 0; c < cues.Count; c++)
        {
            if (sourceFor[c] is not { } source || source.End > cues[c].Start || cues[c].Start - source.End > 2)
            {
                continue;
            }

            int w = source.Start - 1;
            if (w >= 0 && IsComma(w))
            {
                w--;
            }

            if (w < 0 || tags[w] != SpanTags.O || tokens[w].Sentence != tokens[cues[c].Start].Sentence)
            {
                continue;
            }

            string word = Word(w);
            if (!ReportedRelatives.Contains(word) || (word != "what" && w > 0 && tokens[w - 1].Tag is "IN" or "TO"))
            {
                continue;
            }

            if (cueOwner[c] < 0)
            {
                AddGroup(groups, cueOwner, c, (w, w + 1));
            }
            else if (groups[cueOwner[c]].Start >= cues[c].End)
            {
                groups[cueOwner[c]].Fragments.Insert(0, (w, w + 1));
            }
        }
    }

    /// <summary>
    /// "Hillary Clinton was headed to an emergency room …, The Post has learned.": a cue left without
    /// content whose source and cue (with an opening "as" or none) close the sentence after a comma
    /// reports the clause before that comma, from the sentence's first word (after opening
    /// quote marks and a "But" or "And"), when that clause holds a finite verb. The clause is untagged, or is an
    /// attribution itself, from its source to a content that runs to the comma ("Merkel told Macron
    /// that Germany would support the plan, a government source said."): the reported attribution.
    /// Such a cue's own content that ends at the comma starts with the clause when only untagged words
    /// without a comma come before it ("Russian forces launched [a massive drone attack overnight], …").
    /// </summary>
    private void ClaimClosingClauses(List<Group> groups, List<(int Start, int End)> cues, int[] cueOwner, (int Start, int End)?[] sourceFor, byte[] tags)
    {
        var tokens = _doc.TokenData;
        for (int c = 0; c < cues.Count; c++)
        {
            if (sourceFor[c] is not { } source)
            {
                continue;
            }

            // "…, The Post has learned.", "…, said Smith.", "…, according to X."; not a passive ("…, is supported by X").
            var cue = cues[c];
            if (source.End != cue.Start && (cue.End != source.Start || !IsInvertedCue(cue)))
            {
                continue;
            }

            int lo = Math.Min(source.Start, cue.Start), hi = Math.Max(source.End, cue.End);
            var sentence = _doc.Sentences[tokens[cue.Start].Sentence];
            // Only closing marks may follow; a colon hands the cue what comes after it ("In a speech last July, he said:").
            if (tokens[lo].Sentence != tokens[cue.Start].Sentence || tokens[hi - 1].Sentence != tokens[cue.Start].Sentence
                || !OnlyMarksBetween(hi, sentence.TokenEnd) || ColonBetween(hi, sentence.TokenEnd))
            {
                continue;
            }

            int comma = lo - 1;
            if (comma > sentence.TokenStart && Word(comma) == "as")
            {
                comma--;
            }

            if (comma <= sentence.TokenStart || !IsComma(comma))
            {
                continue;
            }

            int start = sentence.TokenStart;
            while (start < comma && IsQuoted(start))
            {
                start++;
            }

            if (start < comma && _doc[start].Text is "But" or "And")
            {
                start++;
            }

            if (cueOwner[c] >= 0)
            {
                // "Russian forces launched [a massive drone attack overnight], Ukrainian officials said.": a
                // content that ends at the comma starts with its clause, over untagged words without a comma.
                var g = groups[cueOwner[c]];
                if (g.Fragments.Count == 1 && g.End == comma && g.Start > start && UntaggedWithoutComma(start, g.Start, tags))
                {
                    g.Fragments[0] = (start, comma);
                }

                continue;
            }

            // A reported clause: untagged or a nested attribution, at least three words, one of them a finite
            // verb ("When reached by the Associated Press, Lewandowski …" and "Then, last week, Eric Trump called." are not).
            var (words, free, finite, innerCue) = ScanClause(start, comma, tags);

            // A colon inside hands its quotation to the closing cue instead (ClaimQuotationsAfterColons).
            bool nested = !free && innerCue && SpanTags.KindOf(tags[start]) == 1 && SpanTags.KindOf(tags[comma - 1]) == 3 && !ColonBetween(start, comma);
            if ((!free && !nested) || !finite || words < 3)
            {
                continue;
            }

            AddGroup(groups, cueOwner, c, (start, comma));
        }
    }

    /// <summary>
    /// "The statement also referenced the impact … on women in the workplace: 'Parallel to our union's
    /// progress …, has opened the door …,' the union wrote.": when a content ends with a quotation
    /// that a colon opens and a comma closes, and a source and a cue left without content follow it,
    /// the quotation is theirs; the content before the colon stays with its own cue.
    /// </summary>
    private void ClaimQuotationsAfterColons(List<Group> groups, List<(int Start, int End)> cues, int[] cueOwner, (int Start, int End)?[] sourceFor)
    {
        for (int c = 0; c < cues.Count; c++)
        {
            if (cueOwner[c] >= 0 || sourceFor[c] is not { } source || source.End != cues[c].Start)
            {
                continue;
            }

            // The closing mark right before the source, with the comma inside it ",'" or after it "',".
            int close = source.Start - 1;
            if (close > 0 && IsComma(close))
            {
                close--;
            }

            if (close < 2 || !IsQuoted(close) || !(IsComma(close - 1) || IsComma(source.Start - 1)))
            {
                continue;
            }

            int g = groups.FindIndex(x => x.End == close + 1);
            if (g < 0)
            {
                continue;
            }

            var last = groups[g].Fragments[^1];
            int open = close - 1;
            while (open > last.Start + 1 && !(IsQuoted(open) && IsColon(open - 1)))
            {
                open--;
            }

            if (open <= last.Start + 1)
            {
                continue;
            }

            groups[g].Fragments[^1] = (last.Start, open - 1);
            AddGroup(groups, cueOwner, c, (open, close + 1));
        }
    }

    /// <summary>
    /// "According to a senior official who spoke on condition of anonymity, the talks collapsed.": an
    /// "according to" that opens its sentence, left without content, reports the untagged clause
    /// after the comma that closes its source, to the end of the sentence (a final period left out,
    /// a closing quote mark and the period inside it kept), when that clause holds a finite verb; the
    /// source runs to that comma.
    /// </summary>
    private void ClaimAccordingToClauses(List<Group> groups, List<(int Start, int End)> cues, int[] cueOwner, (int Start, int End)?[] sourceFor, byte[] tags)
    {
        const int MaxSourceTail = 8;
        var tokens = _doc.TokenData;
        for (int c = 0; c < cues.Count; c++)
        {
            var cue = cues[c];
            if (cueOwner[c] >= 0 || sourceFor[c] is not { } source || source.Start != cue.End
                || cue.End - cue.Start != 2 || Word(cue.Start) != "according" || Word(cue.Start + 1) != "to")
            {
                continue;
            }

            var sentence = _doc.Sentences[tokens[cue.Start].Sentence];
            if (cue.Start != sentence.TokenStart || tokens[source.End - 1].Sentence != tokens[cue.Start].Sentence)
            {
                continue;
            }

            int comma = source.End;
            while (comma < sentence.TokenEnd && comma - source.End <= MaxSourceTail && !IsComma(comma) && tags[comma] == SpanTags.O)
            {
                comma++;
            }

            if (comma >= sentence.TokenEnd || !IsComma(comma))
            {
                continue;
            }

            int end = sentence.TokenEnd;
            if (end - 1 > comma && Word(end - 1) is "." or "!" or "?")
            {
                end--;
            }

            var (words, free, finite, _) = ScanClause(comma + 1, end, tags);
            if (!free || !finite || words < 3)
            {
                continue;
            }

            sourceFor[c] = (source.Start, comma);
            AddGroup(groups, cueOwner, c, (comma + 1, end));
        }
    }

    /// <summary>
    /// Over the tokens <c>[from, to)</c> of a clause a rule would claim: how many are words, whether
    /// none is tagged, whether one is a finite verb and whether one is tagged as a cue.
    /// </summary>
    private (int Words, bool Free, bool Finite, bool InnerCue) ScanClause(int from, int to, byte[] tags)
    {
        int words = 0;
        bool free = true, finite = false, innerCue = false;
        for (int t = from; t < to; t++)
        {
            free &= tags[t] == SpanTags.O;
            innerCue |= SpanTags.KindOf(tags[t]) == 2;
            words += IsMark(t) ? 0 : 1;
            finite |= _doc.TokenData[t].Tag is "VBD" or "VBZ" or "VBP" or "MD";
        }

        return (words, free, finite, innerCue);
    }

    private bool UntaggedWithoutComma(int from, int to, byte[] tags)
    {
        for (int t = from; t < to; t++)
        {
            if (tags[t] != SpanTags.O || IsComma(t) || IsColon(t))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds a content of one fragment owned by <paramref name="cue"/>, as the claiming rules make one.</summary>
    private static void AddGroup(List<Group> groups, int[] cueOwner, int cue, (int Start, int End) fragment)
    {
        var g = new Group { Cue = cue };
        g.Fragments.Add(fragment);
        cueOwner[cue] = groups.Count;
        groups.Add(g);
    }

    /// <summary>True when a colon lies among the tokens <c>[from, to)</c>.</summary>
    private bool ColonBetween(int from, int to)
    {
        for (int t = from; t < to; t++)
        {
            if (IsColon(t))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a cue that may stand before its source: "according to", or one verb in the past or present tense other than "be" or "have" ("said Smith").</summary>
    private bool IsInvertedCue((int Start, int End) cue)
    {
        if (Word(cue.Start) == "according")
        {
            return true;
        }

        return cue.End == cue.Start + 1 && _doc.TokenData[cue.Start].Tag is "VBD" or "VBZ" or "VBP"
            && _doc.TokenData[cue.Start].Lemma is not ("be" or "have");
    }

    /// <summary>Participles whose passive subject is what the cue is about ("was accused of", "has been criticized for", "was once asked").</summary>
    private static readonly string[] TargetParticiples =
    {
        "accused", "charged", "blamed", "criticized", "criticised", "asked", "pressed", "questioned", "endorsed", "backed",
        "praised", "attacked", "ridiculed", "mocked", "discredited", "implicated", "mentioned", "described", "called", "named",
        "approved", "sworn", "told", "urged", "invited", "interviewed", "investigated", "sued", "convicted", "indicted",
        "dogged", "hailed", "condemned", "denounced", "slammed", "blasted", "cleared", "warned", "ordered", "advised",
    };

    /// <summary>
    /// True when the cue is a passive of one of <see cref="TargetParticiples"/>: a form of "be"
    /// (after "has", "not" or adverbs at most) and then the participle.
    /// </summary>
    private bool IsPassiveOnTarget((int Start, int End) cue)
    {
        var tokens = _doc.TokenData;
        bool be = false;
        for (int t = cue.Start; t < cue.End; t++)
        {
            string w = Word(t);
            if (w is "is" or "was" or "were" or "are" or "be" or "been" or "being" or "'s")
            {
                be = true;
                continue;
            }

            if (w is "has" or "have" or "had" or "not" or "n't" || tokens[t].Tag is "RB" or "MD")
            {
                continue;
            }

            return be && tokens[t].Tag == "VBN" && Array.IndexOf(TargetParticiples, w) >= 0;
        }

        return false;
    }

    /// <summary>True when the tokens <c>[from, to)</c> are all punctuation or quote marks.</summary>
    private bool OnlyMarksBetween(int from, int to)
    {
        for (int t = from; t < to; t++)
        {
            if (!IsMark(t))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the tokens <c>[from, to)</c> between two content fragments are a comma, a source and
    /// a cue, and a comma ("Acts of protest, Mr. Obama said, are acts of patriotism"), and the
    /// first fragment, starting at <paramref name="first"/>, opens its sentence.
    /// </summary>
    private bool IsParenthetical(int first, int from, int to, byte[] tags)
    {
        var tokens = _doc.TokenData;
        if (to - from < 4 || !IsComma(from) || !IsComma(to - 1) || tokens[from].Sentence != tokens[to - 1].Sentence
            || first != _doc.Sentences[tokens[first].Sentence].TokenStart)
        {
            return false;
        }

        bool source = false;
        for (int t = from + 1; t < to - 1; t++)
        {
            int kind = SpanTags.KindOf(tags[t]);
            if (kind == 0)
            {
                return false;
            }

            source |= kind == 1;
        }

        return source && SpanTags.KindOf(tags[to - 2]) == 2;
    }

    /// <summary>
    /// Where a sentence reads "untagged words, source cue, content" ("The museum, Mr. Bush said,
    /// celebrated several …"), the untagged words that open the sentence are the content's first
    /// fragment: they are tagged as content, and <see cref="IsParenthetical"/> then joins the two.
    /// Returns <paramref name="tags"/> itself when nothing changes, else a changed copy.
    /// </summary>
    private byte[] ClaimOpeningFragments(byte[] tags)
    {
        byte[]? copy = null;
        foreach (var sentence in _doc.Sentences)
        {
            // The first comma of the sentence, with only untagged words before it.
            int from = sentence.TokenStart;
            while (from < sentence.TokenEnd && tags[from] == SpanTags.O && !IsComma(from))
            {
                from++;
            }

            if (from == sentence.TokenStart || from + 4 > sentence.TokenEnd || !IsComma(from))
            {
                continue;
            }

            // A source and a cue up to the next comma, and a content right after it.
            int to = from + 1;
            while (to < sentence.TokenEnd && SpanTags.KindOf(tags[to]) is 1 or 2)
            {
                to++;
            }

            if (to + 1 >= sentence.TokenEnd || !IsComma(to) || tags[to + 1] != SpanTags.BContent
                || !IsParenthetical(sentence.TokenStart, from, to + 1, tags) || !IsSubjectAndPredicate(sentence.TokenStart, from, to + 1))
            {
                continue;
            }

            copy ??= (byte[])tags.Clone();
            copy[sentence.TokenStart] = SpanTags.BContent;
            for (int t = sentence.TokenStart + 1; t < from; t++)
            {
                copy[t] = t == from - 1 ? (byte)SpanTags.EContent : (byte)SpanTags.IContent;
            }
        }

        return copy ?? tags;
    }

    /// <summary>
    /// True when the words <c>[start, end)</c> read as a noun phrase (they start with a determiner,
    /// noun, pronoun, adjective or number and hold no verb) and the word at <paramref name="predicate"/>
    /// is a verb: the subject and predicate of one clause, not an opening adverbial ("But in recent
    /// days, …", "As for …").
    /// </summary>
    private bool IsSubjectAndPredicate(int start, int end, int predicate)
    {
        var tokens = _doc.TokenData;
        if (tokens[start].Tag is not { } first || !(first is "DT" or "PDT" or "PRP" or "PRP$" or "CD" || first.StartsWith("NN", StringComparison.Ordinal) || first.StartsWith("JJ", StringComparison.Ordinal)))
        {
            return false;
        }

        for (int t = start; t < end; t++)
        {
            if (tokens[t].Tag is { } tag && (tag.StartsWith("VB", StringComparison.Ordinal) || tag == "MD" || tag == "WRB"))
            {
                return false;
            }
        }

        return tokens[predicate].Tag is { } p && (p.StartsWith("VB", StringComparison.Ordinal) || p == "MD");
    }

    private bool IsComma(int token) => _doc.Text[_doc.TokenData[token].Start] == ',' && _doc.TokenData[token].End == _doc.TokenData[token].Start + 1;

    private bool IsQuoted(int token) => _doc.TokenData[token].Kind == TokenKind.Quote;

    /// <summary>True when a cue or source comes right before <paramref name="start"/> in its sentence, with only punctuation and quote marks between ("said: '…").</summary>
    private bool IntroducedBySpan(int start, byte[] tags)
    {
        int t = start - 1;
        while (t >= 0 && IsMark(t) && SpanTags.KindOf(tags[t]) == 0)
        {
            t--;
        }

        return t >= 0 && SpanTags.KindOf(tags[t]) is 1 or 2 && _doc.TokenData[t].Sentence == _doc.TokenData[start].Sentence;
    }

    /// <summary>The sentence of the first cue or source token among <c>[from, to)</c>, or -1.</summary>
    private int SentenceOfFirstSpan(int from, int to, byte[] tags)
    {
        for (int t = from; t < to; t++)
        {
            if (SpanTags.KindOf(tags[t]) is 1 or 2)
            {
                return _doc.TokenData[t].Sentence;
            }
        }

        return -1;
    }

    /// <summary>True for a punctuation token or a quote mark.</summary>
    private bool IsMark(int token) => _doc.TokenData[token].Kind is TokenKind.Punctuation or TokenKind.Quote;

    private bool ContinuesQuote(int token)
    {
        return _continuing.AnyContains(_doc.TokenData[token].Start);
    }

    private AttributionRecord Make((int Start, int End)? source, (int Start, int End)? cue, IReadOnlyList<(int Start, int End)> content, float[] margins)
    {
        var a = new AttributionRecord { Origin = "model" };
        float sum = 0;
        int n = 0;
        if (source is { } s)
        {
            a.Source = _doc.SpanOfTokens(s.Start, s.End);
            sum += Mean(margins, s);
            n++;
        }

        if (cue is { } c)
        {
            a.Cue = _doc.SpanOfTokens(c.Start, c.End);
            a.Stance = _lexicon.StanceOf(_doc.Normalized.Text[_doc.TokenData[c.Start].NormStart.._doc.TokenData[c.End - 1].NormEnd]);
            sum += Mean(margins, c);
            n++;
        }

        int quoted = 0, total = 0;
        foreach (var f in content)
        {
            a.Content.Add(_doc.SpanOfTokens(f.Start, f.End));
            sum += Mean(margins, f);
            n++;
            for (int t = f.Start; t < f.End; t++)
            {
                total++;
                if (InQuote(t))
                {
                    quoted++;
                }
            }
        }

        bool according = cue is { } k && k.End - k.Start == 2 && _doc.Slice(_doc.SpanOfTokens(k.Start, k.Start + 1)).Equals("according", StringComparison.OrdinalIgnoreCase);
        a.Kind = according ? AttributionKind.According
            : total > 0 && quoted == total ? AttributionKind.Direct
            : quoted > 0 ? AttributionKind.Mixed
            : AttributionKind.Indirect;
        double m = n > 0 ? sum / n : 0;
        a.Confidence = Math.Round(1.0 / (1.0 + Math.Exp(-m / 40.0)), 3);
        return a;
    }

    private bool InQuote(int token)
    {
        return _quotes.AnyContains(_doc.TokenData[token].Start);
    }

    private static float Mean(float[] margins, (int Start, int End) span)
    {
        float sum = 0;
        for (int t = span.Start; t < span.End; t++)
        {
            sum += margins[t];
        }

        return sum / Math.Max(1, span.End - span.Start);
    }
}
