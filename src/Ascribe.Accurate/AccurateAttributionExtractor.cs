using Ascribe.Accurate.Encoding;
using Ascribe.Accurate.Head;
using Ascribe.Core.Components.Attribution;
using Ascribe.Core.Components.Attribution.Model;
using Ascribe.Core.Documents;
using Ascribe.Core.Lexicons;
using Ascribe.Core.Pipeline;

namespace Ascribe.Accurate;

/// <summary>
/// Accurate mode's attribution stage: the frozen MiniLM encoder reads the document, the trained
/// head tags sources, cues and contents, and the fast model's <see cref="AttributionLinker"/> joins them. It reads the
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

    /// <summary>Tags and links attributions from precomputed token vectors.</summary>
    internal static List<Attribution> Predict(Document doc, ReadOnlySpan<float> vectors, AccurateHead head)
    {
        var flags = TokenFlags.Compute(doc);
        var scores = head.Score(vectors, flags, doc.TokenCount);
        var roles = head.DecodeRoles(scores, doc.TokenCount);

        var (tags, margins) = Flatten(roles, scores, doc.TokenCount);
        var found = new AttributionLinker(doc, CueLexicon.Default).Link(tags, margins);
        foreach (var a in found)
        {
            a.Origin = "accurate";
        }

        LayoutAttributions.Merge(doc, CueLexicon.Default, found);
        return found;
    }

    /// <summary>
    /// One flat BIO layer in the fast model's tag set, for its linker: where roles overlap a cue
    /// wins over a source and a source over content (PolNeAR spans of different kinds rarely
    /// overlap). A span cut by a higher-priority one starts again after it. Margins are the
    /// probability of the tag kept, on the linker's scale.
    /// </summary>
    internal static (byte[] Tags, float[] Margins) Flatten(byte[][] roles, float[] scores, int tokenCount)
    {
        var tags = new byte[tokenCount];
        var margins = new float[tokenCount];
        int prevKind = 0;
        for (int t = 0; t < tokenCount; t++)
        {
            int kind = 0, role = -1;
            foreach (int r in Roles.Priority)
            {
                if (roles[r][t] != Roles.O)
                {
                    kind = r switch { Roles.Source => 1, Roles.Cue => 2, _ => 3 };
                    role = r;
                    break;
                }
            }

            if (kind != 0)
            {
                bool begins = roles[role][t] == Roles.B || prevKind != kind;
                tags[t] = (byte)(begins ? SpanTags.Begin(kind) : SpanTags.Inside(kind));
                margins[t] = Margin(scores[t * Roles.Outputs + role * 3 + roles[role][t]]);
            }

            prevKind = kind;
        }

        return (tags, margins);
    }

    /// <summary>The linker's margin scale: it reports confidence as sigmoid(margin / 40), so this makes confidence the tag's probability.</summary>
    private static float Margin(float logProb)
    {
        float p = Math.Clamp(MathF.Exp(logProb), 1e-4f, 1 - 1e-4f);
        return 40f * MathF.Log(p / (1 - p));
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
