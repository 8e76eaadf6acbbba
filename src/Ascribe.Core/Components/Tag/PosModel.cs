using System.Globalization;
using Ascribe.Core.Models;

namespace Ascribe.Core.Components.Tag;

/// <summary>
/// Greedy left-to-right averaged-perceptron part-of-speech tagger (Penn Treebank tags) with a
/// tag dictionary for frequent unambiguous words, plus the <see cref="Lemmatizer"/> trained on
/// the same data. Immutable and thread-safe once built or loaded.
/// </summary>
public sealed class PosModel
{
    internal const string Kind = "pos";

    private readonly WeightTable _weights;
    private readonly Dictionary<ulong, int> _tagDict;
    private readonly ulong[] _tagHashes;

    internal PosModel(string[] tags, WeightTable weights, Dictionary<ulong, int> tagDict, Lemmatizer lemmatizer)
    {
        Tags = tags;
        _weights = weights;
        _tagDict = tagDict;
        Lemmatizer = lemmatizer;
        _tagHashes = tags.Select(t => FeatureHash.Text(t)).ToArray();
    }

    /// <summary>The tag set; predictions are indices into it.</summary>
    public IReadOnlyList<string> Tags { get; }

    public Lemmatizer Lemmatizer { get; }

    public int FeatureCount => _weights.FeatureCount;

    /// <summary>Tags <paramref name="words"/> (one sentence) into <paramref name="tags"/> (indices into <see cref="Tags"/>).</summary>
    internal void Predict(ReadOnlySpan<WordInfo> words, Span<int> tags)
    {
        Span<ulong> feats = stackalloc ulong[MaxFeatures];
        Span<float> scores = stackalloc float[Tags.Count];
        for (int i = 0; i < words.Length; i++)
        {
            if (_tagDict.TryGetValue(words[i].Exact, out int fixedTag))
            {
                tags[i] = fixedTag;
                continue;
            }

            int n = Features(words, i, tags, _tagHashes, feats);
            scores.Clear();
            _weights.AddAll(feats[..n], scores);

            tags[i] = ArgMax(scores);
        }
    }

    /// <summary>The predicted tags of a sentence with its own tokenization.</summary>
    public string[] Tag(AnnotatedSentence sent)
    {
        var words = WordInfo.Compute(sent.Words, sent.SpaceBefore, sent.SpaceAfter);
        var predicted = new int[sent.Count];
        Predict(words, predicted);
        return predicted.Select(t => Tags[t]).ToArray();
    }

    internal static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        float max = scores[0];
        for (int k = 1; k < scores.Length; k++)
        {
            if (scores[k] > max)
            {
                max = scores[k];
                best = k;
            }
        }

        return best;
    }

    private const int MaxFeatures = 24;

    private static readonly WordInfo Pad = WordInfo.Compute("-PAD-", true, true);
    private static readonly ulong StartTag = FeatureHash.Text("-START-");
    private static readonly ulong StartTag2 = FeatureHash.Text("-START2-");

    /// <summary>Feature hashes for word <paramref name="i"/> given the tags already chosen left of it.</summary>
    private static int Features(ReadOnlySpan<WordInfo> words, int i, ReadOnlySpan<int> tags, ulong[] tagHashes, Span<ulong> f)
    {
        ref readonly var w = ref words[i];
        ref readonly var wm1 = ref i >= 1 ? ref words[i - 1] : ref Pad;
        ref readonly var wm2 = ref i >= 2 ? ref words[i - 2] : ref Pad;
        ref readonly var wp1 = ref i + 1 < words.Length ? ref words[i + 1] : ref Pad;
        ref readonly var wp2 = ref i + 2 < words.Length ? ref words[i + 2] : ref Pad;
        ulong p1 = i >= 1 ? tagHashes[tags[i - 1]] : StartTag;
        ulong p2 = i >= 2 ? tagHashes[tags[i - 2]] : StartTag2;
        int n = 0;
        f[n++] = 0x1000;
        f[n++] = FeatureHash.Combine(0x1001, w.Suffix3);
        f[n++] = FeatureHash.Combine(0x1002, w.Prefix1);
        f[n++] = FeatureHash.Combine(0x1003, p1);
        f[n++] = FeatureHash.Combine(0x1004, p2);
        f[n++] = FeatureHash.Combine(0x1005, p1, p2);
        f[n++] = FeatureHash.Combine(0x1006, w.Norm);
        f[n++] = FeatureHash.Combine(0x1007, p1, w.Norm);
        f[n++] = FeatureHash.Combine(0x1008, wm1.Norm);
        f[n++] = FeatureHash.Combine(0x1009, wm1.Suffix3);
        f[n++] = FeatureHash.Combine(0x100A, wm2.Norm);
        f[n++] = FeatureHash.Combine(0x100B, wp1.Norm);
        f[n++] = FeatureHash.Combine(0x100C, wp1.Suffix3);
        f[n++] = FeatureHash.Combine(0x100D, wp2.Norm);
        f[n++] = FeatureHash.Combine(0x100E, w.Shape);
        f[n++] = FeatureHash.Combine(0x100F, w.Suffix2);
        f[n++] = FeatureHash.Combine(0x1010, w.Suffix4);
        f[n++] = FeatureHash.Combine(0x1011, w.Exact);
        f[n++] = FeatureHash.Combine(0x1012, (ulong)(i == 0 ? 1 : 0), (ulong)(w.Flags & (WordFlags.InitialCap | WordFlags.AllCaps)));
        f[n++] = FeatureHash.Combine(0x1013, w.Spacing);
        f[n++] = FeatureHash.Combine(0x1014, p1, w.Suffix3);
        f[n++] = FeatureHash.Combine(0x1015, w.Norm, wp1.Norm);
        f[n++] = FeatureHash.Combine(0x1016, wm1.Norm, w.Norm);
        return n;
    }

    /// <summary>Trains on <paramref name="train"/>; with <paramref name="dev"/>, logs dev accuracy after each iteration.</summary>
    public static PosModel Train(IReadOnlyList<AnnotatedSentence> train, IReadOnlyList<AnnotatedSentence>? dev, TrainOptions options)
    {
        var tagIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tag in train.SelectMany(s => s.Tags).Distinct().Order(StringComparer.Ordinal))
        {
            tagIndex[tag] = tagIndex.Count;
        }

        var tags = tagIndex.Keys.ToArray();
        var tagHashes = tags.Select(t => FeatureHash.Text(t)).ToArray();
        var tagDict = BuildTagDict(train, tagIndex);
        var words = train.Select(s => WordInfo.Compute(s.Words, s.SpaceBefore, s.SpaceAfter)).ToArray();
        var gold = train.Select(s => s.Tags.Select(t => tagIndex[t]).ToArray()).ToArray();
        var trainer = new PerceptronTrainer(tags.Length);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var rng = new Random(options.Seed);
        var feats = new ulong[MaxFeatures];
        var scores = new float[tags.Length];
        var lemmatizer = Lemmatizer.Train(train);
        for (int it = 1; it <= options.Iterations; it++)
        {
            int correct = 0, total = 0;
            foreach (int s in order)
            {
                var sent = words[s];
                var predicted = new int[sent.Length];
                for (int i = 0; i < sent.Length; i++)
                {
                    if (tagDict.TryGetValue(sent[i].Exact, out int fixedTag))
                    {
                        predicted[i] = fixedTag;
                    }
                    else
                    {
                        int n = Features(sent, i, predicted, tagHashes, feats);
                        Array.Clear(scores);
                        trainer.Score(feats.AsSpan(0, n), scores);
                        predicted[i] = ArgMax(scores);
                        trainer.Update(gold[s][i], predicted[i], feats.AsSpan(0, n));
                    }

                    correct += predicted[i] == gold[s][i] ? 1 : 0;
                    total++;
                }
            }

            rng.Shuffle(order);
            string line = string.Create(CultureInfo.InvariantCulture, $"pos iteration {it}: train {100.0 * correct / Math.Max(1, total):F2}%, {trainer.FeatureCount} features");
            if (dev is not null && (it == options.Iterations || options.Log is not null))
            {
                var model = new PosModel(tags, trainer.Average(options.Prune), tagDict, lemmatizer);
                options.Checkpoint?.Invoke(model.Save);
                var (acc, lemmaAcc) = model.Evaluate(dev);
                line += string.Create(CultureInfo.InvariantCulture, $", dev tag {acc:F2}%, dev lemma {lemmaAcc:F2}%");
            }

            options.Log?.Invoke(line);
        }

        return new PosModel(tags, trainer.Average(options.Prune), tagDict, lemmatizer);
    }

    /// <summary>Tag and lemma accuracy (percent) on sentences with their own tokenization.</summary>
    public (double Tag, double Lemma) Evaluate(IReadOnlyList<AnnotatedSentence> sentences)
    {
        int correct = 0, lemmaCorrect = 0, total = 0;
        foreach (var sent in sentences)
        {
            var predicted = Tag(sent);
            for (int i = 0; i < sent.Count; i++)
            {
                correct += predicted[i] == sent.Tags[i] ? 1 : 0;
                lemmaCorrect += Lemmatizer.Lemmatize(sent.Words[i], predicted[i]) == sent.Lemmas[i] ? 1 : 0;
                total++;
            }
        }

        return (100.0 * correct / Math.Max(1, total), 100.0 * lemmaCorrect / Math.Max(1, total));
    }

    private static Dictionary<ulong, int> BuildTagDict(IReadOnlyList<AnnotatedSentence> train, Dictionary<string, int> tagIndex)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var sent in train)
        {
            for (int i = 0; i < sent.Count; i++)
            {
                if (!counts.TryGetValue(sent.Words[i], out var byTag))
                {
                    byTag = new Dictionary<string, int>(StringComparer.Ordinal);
                    counts[sent.Words[i]] = byTag;
                }

                byTag[sent.Tags[i]] = byTag.GetValueOrDefault(sent.Tags[i]) + 1;
            }
        }

        var dict = new Dictionary<ulong, int>();
        foreach (var (word, byTag) in counts)
        {
            int n = byTag.Values.Sum();
            var (tag, count) = byTag.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value)).First();
            if (n >= 20 && count >= 0.99 * n)
            {
                dict[FeatureHash.Text(word)] = tagIndex[tag];
            }
        }

        return dict;
    }

    /// <summary>The same tagger without weights smaller than <paramref name="threshold"/>.</summary>
    public PosModel Prune(float threshold) => new((string[])Tags, _weights.Prune(threshold), _tagDict, Lemmatizer);

    public void Save(Stream stream)
    {
        using var writer = ModelFile.OpenWrite(stream, Kind);
        ModelFile.WriteStrings(writer, (IReadOnlyList<string>)Tags);
        writer.Write(_tagDict.Count);
        foreach (var (key, tag) in _tagDict.OrderBy(t => t.Key))
        {
            writer.Write(key);
            writer.Write((ushort)tag);
        }

        Lemmatizer.Write(writer);
        _weights.Write(writer);
    }

    /// <exception cref="Errors.AscribeException">The stream is not a POS model (code ModelCorrupt).</exception>
    public static PosModel Load(Stream stream, string source)
    {
        using var reader = ModelFile.OpenRead(stream, Kind, source);
        return ModelReading.Guard(source, () =>
        {
            var tags = ModelFile.ReadStrings(reader, source);
            int n = reader.ReadInt32();
            var tagDict = new Dictionary<ulong, int>(n);
            for (int i = 0; i < n; i++)
            {
                ulong key = reader.ReadUInt64();
                tagDict[key] = reader.ReadUInt16();
            }

            var lemmatizer = Lemmatizer.Read(reader);
            var weights = WeightTable.Read(reader, tags.Length, source);
            return new PosModel(tags, weights, tagDict, lemmatizer);
        });
    }
}
