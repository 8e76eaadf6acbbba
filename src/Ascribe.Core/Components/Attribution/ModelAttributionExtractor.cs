using Ascribe.Core.Components.Attribution.Model;
using Ascribe.Core.Documents;
using Ascribe.Core.Lexicons;
using Ascribe.Core.Pipeline;
using AttributionRecord = Ascribe.Core.Documents.Attribution;

namespace Ascribe.Core.Components.Attribution;

/// <summary>
/// Finds attributions with a trained <see cref="AttributionModel"/>: the rule extractor's output
/// becomes features, a linear-chain labeler tags sources, cues and content fragments paragraph by
/// paragraph, and <see cref="AttributionLinker"/> joins fragments and links each content to its cue
/// and each cue to its source.
/// </summary>
public sealed class ModelAttributionExtractor : IPipelineComponent
{
    private readonly AttributionModel _model;
    private readonly CueLexicon _lexicon;
    private readonly RuleAttributionExtractor _rules;

    public ModelAttributionExtractor(AttributionModel model, CueLexicon? lexicon = null)
    {
        _model = model;
        _lexicon = lexicon ?? CueLexicon.Default;
        _rules = new RuleAttributionExtractor(_lexicon);
    }

    public string Name => "model-attributions";

    public IReadOnlyList<string> Requires { get; } = new[] { Attr.Tokens, Attr.Sentences, Attr.Quotes };

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Attributions };

    public AttributionModel Model => _model;

    public void Process(Document doc)
    {
        var context = Context(doc, _lexicon, _model.Bits, _rules);
        var tags = Predict(_model, context, Sequences(doc), ChunkTokens, out var margins);
        var found = new AttributionLinker(doc, _lexicon).Link(tags, margins);
        LayoutAttributions.Merge(doc, _lexicon, found);
        doc.Attributions.Clear();
        doc.Attributions.AddRange(found);
    }

    /// <summary>
    /// About how many tokens' features are computed at a time: whole paragraphs until they hold at
    /// least this many tokens. Long articles then need memory for a few chunks of features, not
    /// for the whole article; the tags are the same for any chunk size.
    /// </summary>
    internal const int ChunkTokens = 4096;

    /// <summary>Runs the rule extractor (its tags are features) and computes every token's features. Leaves <see cref="Document.Attributions"/> empty.</summary>
    internal static AttributionFeatures Featurize(Document doc, CueLexicon lexicon, int bits, RuleAttributionExtractor? rules = null)
    {
        var context = Context(doc, lexicon, bits, rules);
        return new AttributionFeatures(doc, lexicon, bits, context.RuleTags);
    }

    /// <summary>Runs the rule extractor (its tags are features) and computes what every token's features read from the whole document. Leaves <see cref="Document.Attributions"/> empty.</summary>
    internal static AttributionFeatures.Context Context(Document doc, CueLexicon lexicon, int bits, RuleAttributionExtractor? rules = null)
    {
        var ruleFound = (rules ?? new RuleAttributionExtractor(lexicon)).Extract(doc);
        doc.Attributions.Clear();
        var ruleTags = TagProjector.Project(doc, ruleFound);
        return new AttributionFeatures.Context(doc, lexicon, bits, ruleTags);
    }

    /// <summary>
    /// Tags of every token: the first stage, then the stacked second stage over the first stage's
    /// tags when the model has one; <paramref name="margins"/> are the last stage's. The features are
    /// computed a chunk of paragraphs (<paramref name="chunkTokens"/>) at a time. The stacked features
    /// of a token read the first stage's tags of its sentence and of the two tokens either side, so the
    /// first stage decodes ahead of the second until those tags are there; at most the first-stage
    /// features of two chunks and the stacked features of one are alive at once.
    /// </summary>
    internal static byte[] Predict(AttributionModel model, AttributionFeatures.Context context, List<(int Start, int End)> sequences, int chunkTokens, out float[] margins)
    {
        int n = context.Doc.TokenCount;
        var first = new byte[n];
        margins = new float[n];
        if (model.Second is not { } second)
        {
            int from = 0;
            while (from < sequences.Count)
            {
                int to = ChunkEnd(sequences, from, chunkTokens);
                var features = AttributionFeatures.Rows(context, sequences[from].Start, sequences[to - 1].End);
                Decode(model, features, sequences, from, to, first, margins);
                features.Release();
                from = to;
            }

            return first;
        }

        var tags = new byte[n];
        var ahead = new Queue<(AttributionFeatures Features, int From, int To)>();
        int decoded = 0; // sequences whose first-stage tags are known
        int done = 0;    // sequences of the second stage
        while (done < sequences.Count)
        {
            if (ahead.Count == 0)
            {
                decoded = DecodeFirst(decoded);
            }

            var (features, from, to) = ahead.Peek();
            int needed = Math.Min(n, sequences[to - 1].End + 2);
            while (decoded < sequences.Count && sequences[decoded].Start < needed)
            {
                decoded = DecodeFirst(decoded);
            }

            ahead.Dequeue();
            var stacked = AttributionFeatures.Stacked(features, first);
            features.Release();
            Decode(second, stacked, sequences, from, to, tags, margins);
            stacked.Release();
            done = to;
        }

        return tags;

        int DecodeFirst(int from)
        {
            int to = ChunkEnd(sequences, from, chunkTokens);
            var features = AttributionFeatures.Rows(context, sequences[from].Start, sequences[to - 1].End);
            Decode(model, features, sequences, from, to, first, null);
            ahead.Enqueue((features, from, to));
            return to;
        }
    }

    /// <summary>The end of the chunk of sequences that starts at <paramref name="from"/>: at least one sequence, then more until they hold <paramref name="chunkTokens"/> tokens.</summary>
    private static int ChunkEnd(List<(int Start, int End)> sequences, int from, int chunkTokens)
    {
        int to = from, tokens = 0;
        while (to < sequences.Count && (to == from || tokens < chunkTokens))
        {
            tokens += sequences[to].End - sequences[to].Start;
            to++;
        }

        return to;
    }

    /// <summary>The decoding units: token ranges of paragraphs.</summary>
    internal static List<(int Start, int End)> Sequences(Document doc)
    {
        var result = new List<(int, int)>();
        int i = 0;
        var sents = doc.Sentences;
        while (i < sents.Count)
        {
            int j = i;
            while (j + 1 < sents.Count && sents[j + 1].Paragraph == sents[i].Paragraph)
            {
                j++;
            }

            if (sents[j].TokenEnd > sents[i].TokenStart)
            {
                result.Add((sents[i].TokenStart, sents[j].TokenEnd));
            }

            i = j + 1;
        }

        return result;
    }

    /// <summary>Viterbi tags for every token, and per token the margin of its tag's emission score over the best other tag.</summary>
    internal static byte[] Decode(AttributionModel model, AttributionFeatures features, List<(int Start, int End)> sequences, int tokenCount, out float[] margins)
    {
        var tags = new byte[tokenCount];
        margins = new float[tokenCount];
        Decode(model, features, sequences, 0, sequences.Count, tags, margins);
        return tags;
    }

    /// <summary>
    /// Viterbi tags of the tokens of <c>sequences[from..to)</c> (which have rows in
    /// <paramref name="features"/>) into <paramref name="tags"/>, and unless
    /// <paramref name="margins"/> is null the margin of each token's tag's emission score over the best other tag.
    /// </summary>
    internal static void Decode(AttributionModel model, AttributionFeatures features, List<(int Start, int End)> sequences, int from, int to, byte[] tags, float[]? margins)
    {
        const int L = SpanTags.Count;
        int longest = 0;
        for (int q = from; q < to; q++)
        {
            longest = Math.Max(longest, sequences[q].End - sequences[q].Start);
        }

        var scores = new float[longest * L];
        for (int q = from; q < to; q++)
        {
            var (s, e) = sequences[q];
            int n = e - s;
            var sc = scores.AsSpan(0, n * L);
            model.Score(features, s, e, sc);
            AttributionModel.Viterbi(sc, model.Transitions, tags.AsSpan(s, n));
            if (margins is null)
            {
                continue;
            }

            for (int i = 0; i < n; i++)
            {
                int y = tags[s + i];
                float other = float.NegativeInfinity;
                for (int k = 0; k < L; k++)
                {
                    if (k != y && SpanTags.KindOf(k) != SpanTags.KindOf(y))
                    {
                        other = Math.Max(other, sc[i * L + k]);
                    }
                }

                margins[s + i] = sc[i * L + y] - other;
            }
        }
    }

    /// <summary>The spans of a tag sequence: (kind, first token, end token).</summary>
    internal static IEnumerable<(int Kind, int Start, int End)> Spans(byte[] tags)
    {
        int t = 0;
        while (t < tags.Length)
        {
            int kind = SpanTags.KindOf(tags[t]);
            if (kind == 0)
            {
                t++;
                continue;
            }

            int e = t + 1;
            while (e < tags.Length && tags[e] == SpanTags.Inside(kind) && tags[t] != SpanTags.EContent)
            {
                e++;
            }

            if (kind == 3 && tags[t] != SpanTags.EContent && e < tags.Length && tags[e] == SpanTags.EContent)
            {
                e++;
            }

            yield return (kind, t, e);
            t = e;
        }
    }
}
