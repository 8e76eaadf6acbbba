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
        var features = Featurize(doc, _lexicon, _model.Bits, _rules);
        var tags = Predict(_model, doc, _lexicon, features, Sequences(doc), out var margins);
        var found = new AttributionLinker(doc, _lexicon).Link(tags, margins);
        LayoutAttributions.Merge(doc, _lexicon, found);
        doc.Attributions.Clear();
        doc.Attributions.AddRange(found);
    }

    /// <summary>Runs the rule extractor (its tags are features) and computes every token's features. Leaves <see cref="Document.Attributions"/> empty.</summary>
    internal static AttributionFeatures Featurize(Document doc, CueLexicon lexicon, int bits, RuleAttributionExtractor? rules = null)
    {
        var ruleFound = (rules ?? new RuleAttributionExtractor(lexicon)).Extract(doc);
        doc.Attributions.Clear();
        var ruleTags = TagProjector.Project(doc, ruleFound);
        return new AttributionFeatures(doc, lexicon, bits, ruleTags);
    }

    /// <summary>Tags of every token: the first stage, then the stacked second stage over the first stage's tags when the model has one.</summary>
    internal static byte[] Predict(AttributionModel model, Document doc, CueLexicon lexicon, AttributionFeatures features, List<(int Start, int End)> sequences, out float[] margins)
    {
        var tags = Decode(model, features, sequences, doc.TokenCount, out margins);
        if (model.Second is { } second)
        {
            var stacked = AttributionFeatures.Stacked(features, tags);
            tags = Decode(second, stacked, sequences, doc.TokenCount, out margins);
        }

        return tags;
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
        const int L = SpanTags.Count;
        var tags = new byte[tokenCount];
        margins = new float[tokenCount];
        int longest = sequences.Count == 0 ? 0 : sequences.Max(s => s.End - s.Start);
        var scores = new float[longest * L];
        foreach (var (s, e) in sequences)
        {
            int n = e - s;
            var sc = scores.AsSpan(0, n * L);
            model.Score(features, s, e, sc);
            AttributionModel.Viterbi(sc, model.Transitions, tags.AsSpan(s, n));
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

        return tags;
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
            while (e < tags.Length && tags[e] == SpanTags.Inside(kind))
            {
                e++;
            }

            yield return (kind, t, e);
            t = e;
        }
    }
}
