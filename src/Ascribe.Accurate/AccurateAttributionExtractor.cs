using Ascribe.Accurate.Encoding;
using Ascribe.Accurate.Head;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Accurate;

/// <summary>
/// Accurate mode's attribution stage: the frozen MiniLM encoder reads the document, the trained
/// head tags sources, cues and contents, and <see cref="SpanLinker"/> joins them. It reads the
/// fast extractor's attributions as features and replaces them with its own.
/// </summary>
public sealed class AccurateAttributionExtractor : IPipelineComponent
{
    private readonly MiniLmEncoder _encoder;
    private readonly AccurateHead _head;

    public AccurateAttributionExtractor(MiniLmEncoder encoder, AccurateHead head)
    {
        _encoder = encoder;
        _head = head;
    }

    public string Name => "accurate-attributions";

    public IReadOnlyList<string> Requires { get; } = new[] { Attr.Tokens, Attr.Sentences, Attr.Quotes, Attr.Attributions };

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Attributions };

    public void Process(Document doc)
    {
        var vectors = _encoder.Encode(doc);
        var attributions = Predict(doc, vectors, _head);
        doc.Attributions.Clear();
        doc.Attributions.AddRange(attributions);
    }

    /// <summary>Tags and links attributions from precomputed token vectors; writes only the unlinked span groups.</summary>
    internal static List<Attribution> Predict(Document doc, ReadOnlySpan<float> vectors, AccurateHead head)
    {
        var spans = Tag(doc, vectors, head);
        return SpanLinker.Link(doc, spans, "accurate");
    }

    /// <summary>Token intervals of each role.</summary>
    internal static List<(int Start, int End)>[] Tag(Document doc, ReadOnlySpan<float> vectors, AccurateHead head)
    {
        var flags = TokenFlags.Compute(doc);
        var scores = head.Score(vectors, flags, doc.TokenCount);
        var spans = new List<(int Start, int End)>[Roles.Count];
        for (int r = 0; r < Roles.Count; r++)
        {
            spans[r] = Spans(AccurateHead.Decode(scores, doc.TokenCount, r));
        }

        return spans;
    }

    internal static List<(int Start, int End)> Spans(byte[] tags)
    {
        var spans = new List<(int, int)>();
        for (int t = 0; t < tags.Length; t++)
        {
            if (tags[t] != Roles.B)
            {
                continue;
            }

            int e = t + 1;
            while (e < tags.Length && tags[e] == Roles.I)
            {
                e++;
            }

            spans.Add((t, e));
        }

        return spans;
    }
}
