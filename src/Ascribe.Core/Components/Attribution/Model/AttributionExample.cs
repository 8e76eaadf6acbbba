using Ascribe.Core.Documents;
using Ascribe.Core.Evaluation;

namespace Ascribe.Core.Components.Attribution.Model;

/// <summary>
/// One training document: the document as the pipeline annotates it before attribution (tokens,
/// sentences, quotes and whatever linguistic layer the pipeline has) and its gold spans.
/// </summary>
public sealed class AttributionExample
{
    public AttributionExample(Document doc, BratAnnotation gold)
    {
        Doc = doc;
        var spans = new List<(int, int, int)>();
        foreach (var (_, kind, fragments) in gold.Spans)
        {
            int k = Array.IndexOf(BratAnnotation.Kinds, kind) + 1;
            if (k == 0)
            {
                continue;
            }

            foreach (var (s, e) in fragments)
            {
                if (s >= 0 && e <= doc.Text.Length)
                {
                    spans.Add((k, s, e));
                }
            }
        }

        GoldTags = TagProjector.Project(doc, spans);
    }

    public Document Doc { get; }

    /// <summary>One <see cref="SpanTags"/> value per token.</summary>
    internal byte[] GoldTags { get; }
}
