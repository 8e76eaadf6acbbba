using Ascribe.Core.Documents;
using Ascribe.Core.Serialization;

namespace Ascribe.Accurate.Head;

/// <summary>
/// Joins tagged source, cue and content spans into attributions. Each content takes the nearest cue
/// in its own or a neighbouring sentence (contents that share a cue become the fragments of one
/// attribution, as in "X," he said, "Y"); each cue takes the nearest source in its sentence that lies
/// outside its content. Spans left over go to the unlinked span groups so they are still reported.
/// </summary>
internal static class SpanLinker
{
    private const int MaxCueGap = 40;
    private const int MaxSourceGap = 25;

    public static List<Attribution> Link(Document doc, List<(int Start, int End)>[] spans, string origin)
    {
        var sources = spans[Roles.Source];
        var cues = spans[Roles.Cue];
        var contents = spans[Roles.Content];
        var byCue = new List<(int Start, int End)>[cues.Count];
        var loose = new List<(int Start, int End)>();
        foreach (var c in contents)
        {
            int best = -1, bestGap = int.MaxValue;
            int sc = SentenceOf(doc, c.Start), ec = SentenceOf(doc, c.End - 1);
            for (int k = 0; k < cues.Count; k++)
            {
                var cue = cues[k];
                if (cue.Start >= c.Start && cue.End <= c.End)
                {
                    continue;
                }

                int s = SentenceOf(doc, cue.Start);
                if (s < sc - 1 || s > ec + 1)
                {
                    continue;
                }

                // A cue in the content's own sentences beats one in a neighbouring sentence.
                int gap = Gap(cue, c) + (s < sc || s > ec ? 1000 : 0);
                if (gap < bestGap && Gap(cue, c) <= MaxCueGap)
                {
                    bestGap = gap;
                    best = k;
                }
            }

            if (best < 0)
            {
                loose.Add(c);
            }
            else
            {
                (byCue[best] ??= new()).Add(c);
            }
        }

        var used = new bool[sources.Count];
        var result = new List<Attribution>();
        for (int k = 0; k < cues.Count; k++)
        {
            var cue = cues[k];
            var parts = byCue[k];
            var a = new Attribution { Cue = doc.SpanOfTokens(cue.Start, cue.End), Origin = origin };
            if (parts is not null)
            {
                parts.Sort();
                foreach (var p in parts)
                {
                    a.Content.Add(doc.SpanOfTokens(p.Start, p.End));
                }
            }

            int src = NearestSource(doc, sources, cue, parts);
            if (src >= 0)
            {
                used[src] = true;
                a.Source = doc.SpanOfTokens(sources[src].Start, sources[src].End);
            }

            if (parts is null)
            {
                // A cue with no content is no attribution: keep the spans for the component scores only.
                doc.SpanGroup(BratWriter.UnlinkedGroup("Cue")).Add(a.Cue.Value);
                if (a.Source is { } s)
                {
                    doc.SpanGroup(BratWriter.UnlinkedGroup("Source")).Add(s);
                }

                continue;
            }

            a.Kind = KindOf(doc, a);
            result.Add(a);
        }

        foreach (var c in loose)
        {
            doc.SpanGroup(BratWriter.UnlinkedGroup("Content")).Add(doc.SpanOfTokens(c.Start, c.End));
        }

        for (int i = 0; i < sources.Count; i++)
        {
            if (!used[i])
            {
                doc.SpanGroup(BratWriter.UnlinkedGroup("Source")).Add(doc.SpanOfTokens(sources[i].Start, sources[i].End));
            }
        }

        result.Sort((x, y) => (x.Content.Count > 0 ? x.Content[0].Start : x.Cue!.Value.Start).CompareTo(y.Content.Count > 0 ? y.Content[0].Start : y.Cue!.Value.Start));
        return result;
    }

    private static int NearestSource(Document doc, List<(int Start, int End)> sources, (int Start, int End) cue, List<(int Start, int End)>? contents)
    {
        int sentence = SentenceOf(doc, cue.Start);
        int best = -1, bestGap = int.MaxValue;
        for (int i = 0; i < sources.Count; i++)
        {
            var s = sources[i];
            if (SentenceOf(doc, s.Start) != sentence || (contents is not null && contents.Exists(c => s.Start >= c.Start && s.End <= c.End)))
            {
                continue;
            }

            int gap = Gap(s, cue);
            if (gap < bestGap && gap <= MaxSourceGap)
            {
                bestGap = gap;
                best = i;
            }
        }

        return best;
    }

    private static AttributionKind KindOf(Document doc, Attribution a)
    {
        if (a.Cue is { } cue && doc.Slice(cue).StartsWith("according", StringComparison.OrdinalIgnoreCase))
        {
            return AttributionKind.According;
        }

        bool quoted = a.Content.Count > 0 && a.Content.TrueForAll(c => doc.Quotes.Exists(q => q.Outer.Start <= c.Start && q.Outer.End >= c.End));
        return quoted ? AttributionKind.Direct : AttributionKind.Indirect;
    }

    /// <summary>Tokens strictly between two token intervals (0 when they touch or overlap).</summary>
    private static int Gap((int Start, int End) a, (int Start, int End) b) => Math.Max(0, Math.Max(a.Start - b.End, b.Start - a.End));

    private static int SentenceOf(Document doc, int token) => doc[token].Sentence;
}
