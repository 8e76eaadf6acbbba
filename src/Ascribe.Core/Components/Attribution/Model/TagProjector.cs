using Ascribe.Core.Documents;
using AttributionRecord = Ascribe.Core.Documents.Attribution;

namespace Ascribe.Core.Components.Attribution.Model;

/// <summary>Turns character spans of sources, cues and contents into one BIO tag per token.</summary>
internal static class TagProjector
{
    /// <summary>
    /// Tags each token covered by a span; the first span to claim a token keeps it. A span is
    /// (kind 1 source / 2 cue / 3 content, start, end) in original-text offsets.
    /// </summary>
    public static byte[] Project(Document doc, IEnumerable<(int Kind, int Start, int End)> spans)
    {
        var tags = new byte[doc.TokenCount];
        var ordered = spans.Where(s => s.End > s.Start).OrderBy(s => s.Start).ThenByDescending(s => s.End).ThenBy(s => s.Kind);
        foreach (var (kind, start, end) in ordered)
        {
            var (s, e) = doc.TokenRange(new TextSpan(start, end));
            bool free = true;
            for (int t = s; t < e; t++)
            {
                free &= tags[t] == SpanTags.O;
            }

            if (!free || e <= s)
            {
                continue;
            }

            tags[s] = (byte)SpanTags.Begin(kind);
            for (int t = s + 1; t < e; t++)
            {
                tags[t] = (byte)SpanTags.Inside(kind);
            }

            if (kind == 3 && e - s > 1)
            {
                tags[e - 1] = SpanTags.EContent;
            }
        }

        return tags;
    }

    /// <summary>The tags of a list of attributions (a rule extractor's output used as features).</summary>
    public static byte[] Project(Document doc, IReadOnlyList<AttributionRecord> attributions)
    {
        var spans = new List<(int, int, int)>();
        foreach (var a in attributions)
        {
            if (a.Source is { } src)
            {
                spans.Add((1, src.Start, src.End));
            }

            if (a.Cue is { } cue)
            {
                spans.Add((2, cue.Start, cue.End));
            }

            foreach (var c in a.Content)
            {
                spans.Add((3, c.Start, c.End));
            }
        }

        return Project(doc, spans);
    }
}
