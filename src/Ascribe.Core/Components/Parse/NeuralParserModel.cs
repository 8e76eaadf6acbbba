using System.Globalization;
using System.Numerics.Tensors;
using Ascribe.Core.Models;

namespace Ascribe.Core.Components.Parse;

/// <summary>
/// Greedy arc-standard dependency parser scored by a feed-forward network (Chen and Manning
/// 2014): embeddings of 18 words, 18 tags and 12 arc labels around the stack and buffer and of
/// 6 configuration features (distances, dependent counts), one hidden layer, a softmax over moves. Inference adds precomputed hidden-layer contributions of
/// each (feature position, value) pair, so a move costs one pass over the hidden layer and the
/// output layer. Immutable and thread-safe once built or loaded.
/// </summary>
public sealed class NeuralParserModel : IParserModel
{
    internal const string Kind = "parser-nn";
    internal const int FormatVersion = 4;
    internal const int WordSlots = 18;

    /// <summary>Word slots 6-17: the dependents of s0 and s1, whose arc labels are features too.</summary>
    internal const int DependentSlots = 12;

    /// <summary>Arc labels of the dependents, then the 6 configuration features (see <see cref="Features"/>).</summary>
    internal const int LabelSlots = DependentSlots + 6;

    /// <summary>Values each configuration feature may take (they share the label embedding table, after the labels).</summary>
    internal const int MiscValues = 10;
    internal const int Slots = WordSlots + WordSlots + LabelSlots;
    internal const int Null = 0, Root = 1, Unknown = 2;

    /// <summary>Words given a precomputed hidden-layer contribution at every position (the most frequent first).</summary>
    private const int PrecomputedWords = 3000;

    private readonly Dictionary<ulong, int> _words;
    private readonly Dictionary<ulong, int> _tags;
    private readonly NeuralParserNetwork _net;
    private readonly float[] _wordTable, _tagTable, _labelTable;
    private readonly int _precomputed;

    internal NeuralParserModel(string[] labels, ulong[] words, ulong[] tags, NeuralParserNetwork net)
    {
        Labels = labels;
        WordKeys = words;
        TagKeys = tags;
        _net = net;
        _words = Index(words);
        _tags = Index(tags);

        int h = net.Hidden;
        _precomputed = Math.Min(net.WordCount, PrecomputedWords + 3);
        _wordTable = new float[WordSlots * _precomputed * h];
        _tagTable = new float[WordSlots * net.TagCount * h];
        _labelTable = new float[LabelSlots * net.LabelCount * h];
        for (int s = 0; s < WordSlots; s++)
        {
            for (int v = 0; v < _precomputed; v++)
            {
                net.Contribution(s, v, _wordTable.AsSpan(((s * _precomputed) + v) * h, h));
            }

            for (int v = 0; v < net.TagCount; v++)
            {
                net.Contribution(WordSlots + s, v, _tagTable.AsSpan(((s * net.TagCount) + v) * h, h));
            }
        }

        for (int s = 0; s < LabelSlots; s++)
        {
            for (int v = 0; v < net.LabelCount; v++)
            {
                net.Contribution((2 * WordSlots) + s, v, _labelTable.AsSpan(((s * net.LabelCount) + v) * h, h));
            }
        }
    }

    /// <summary>Dependency labels; parses report indices into it.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Number of trained weights.</summary>
    public int FeatureCount => _net.ParameterCount;

    public string Description => string.Create(CultureInfo.InvariantCulture, $"neural arc-standard, {_net.Hidden} hidden units, {_net.WordCount - 3:N0} words");

    internal ulong[] WordKeys { get; }

    internal ulong[] TagKeys { get; }

    internal NeuralParserNetwork Network => _net;

    /// <summary>Rows of the label table: the null label, the labels, the configuration feature values.</summary>
    internal static int LabelTableSize(int labels) => labels + 1 + (6 * MiscValues);

    /// <summary>Embedding row of each vocabulary key: after the null, root and unknown rows, in vocabulary order.</summary>
    internal static Dictionary<ulong, int> Index(ulong[] keys)
    {
        var index = new Dictionary<ulong, int>(keys.Length);
        for (int i = 0; i < keys.Length; i++)
        {
            index[keys[i]] = i + 3;
        }

        return index;
    }

    internal static int Id(Dictionary<ulong, int> index, ulong key) => index.TryGetValue(key, out int id) ? id : Unknown;

    void IParserModel.Parse(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, Span<int> heads, Span<int> labels) => Parse(words, tags, heads, labels);

    internal void Parse(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, Span<int> heads, Span<int> labels)
    {
        int n = words.Length;
        var w = new int[n + 1];
        var t = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            w[i] = Id(_words, words[i].Norm);
            t[i] = Id(_tags, tags[i]);
        }

        w[n] = Root;
        t[n] = Root;
        var state = new ArcStandardState(n);
        int h = _net.Hidden;
        Span<int> feats = stackalloc int[Slots];
        var hidden = new float[h];
        var scores = new float[_net.Classes];
        while (!state.IsFinal)
        {
            Features(state, w, t, Labels.Count, feats);
            Score(feats, hidden, scores);
            state.Apply(state.BestValid(scores));
        }

        for (int i = 0; i < n; i++)
        {
            heads[i] = state.Heads[i] == n ? -1 : state.Heads[i];
            labels[i] = state.Labels[i];
        }
    }

    private void Score(ReadOnlySpan<int> feats, Span<float> hidden, Span<float> scores)
    {
        int h = _net.Hidden;
        _net.HiddenBias.CopyTo(hidden);
        for (int s = 0; s < WordSlots; s++)
        {
            int v = feats[s];
            if (v < _precomputed)
            {
                TensorPrimitives.Add(hidden, _wordTable.AsSpan(((s * _precomputed) + v) * h, h), hidden);
            }
            else
            {
                _net.AddContribution(s, v, hidden);
            }

            TensorPrimitives.Add(hidden, _tagTable.AsSpan(((s * _net.TagCount) + feats[WordSlots + s]) * h, h), hidden);
        }

        for (int s = 0; s < LabelSlots; s++)
        {
            TensorPrimitives.Add(hidden, _labelTable.AsSpan(((s * _net.LabelCount) + feats[(2 * WordSlots) + s]) * h, h), hidden);
        }

        _net.Activate(hidden);
        _net.Output(hidden, scores);
    }

    /// <summary>
    /// The 54 feature values of a configuration: words (slots 0-17), tags (18-35) and arc labels
    /// (36-47) of s0-s2, b0-b2, the two leftmost and rightmost dependents of s0 and s1, and the
    /// leftmost dependent of their leftmost dependent and the rightmost of their rightmost; then
    /// (48-53) the distances s0-s1 and s0-b0 and the left and right dependent counts of s0 and s1,
    /// as ids after the <paramref name="labels"/> labels and the null label.
    /// </summary>
    internal static void Features(ArcStandardState st, int[] w, int[] t, int labels, Span<int> f)
    {
        int s0 = st.S(0), s1 = st.S(1);
        int misc = (2 * WordSlots) + DependentSlots, first = labels + 1;
        f[misc] = first + Distance(s0, s1, st.Count);
        f[misc + 1] = first + MiscValues + Distance(s0, st.B(0), st.Count);
        f[misc + 2] = first + (2 * MiscValues) + Count(st.LeftCount, s0);
        f[misc + 3] = first + (3 * MiscValues) + Count(st.RightCount, s0);
        f[misc + 4] = first + (4 * MiscValues) + Count(st.LeftCount, s1);
        f[misc + 5] = first + (5 * MiscValues) + Count(st.RightCount, s1);
        Put(st, w, t, f, 0, s0, false);
        Put(st, w, t, f, 1, s1, false);
        Put(st, w, t, f, 2, st.S(2), false);
        Put(st, w, t, f, 3, st.B(0), false);
        Put(st, w, t, f, 4, st.B(1), false);
        Put(st, w, t, f, 5, st.B(2), false);
        Children(st, w, t, f, 6, s0);
        Children(st, w, t, f, 12, s1);
    }

    private static void Children(ArcStandardState st, int[] w, int[] t, Span<int> f, int slot, int item)
    {
        int lc1 = Child(st.LeftMost, item), rc1 = Child(st.RightMost, item);
        Put(st, w, t, f, slot, lc1, true);
        Put(st, w, t, f, slot + 1, rc1, true);
        Put(st, w, t, f, slot + 2, Child(st.LeftSecond, item), true);
        Put(st, w, t, f, slot + 3, Child(st.RightSecond, item), true);
        Put(st, w, t, f, slot + 4, Child(st.LeftMost, lc1), true);
        Put(st, w, t, f, slot + 5, Child(st.RightMost, rc1), true);
    }

    private static int Child(int[] children, int item) => item < 0 ? -1 : children[item];

    /// <summary>0 when either item is missing or the root, else the distance in buckets 1, 2, 3, 4, 5-6, 7-10, 11+.</summary>
    private static int Distance(int a, int b, int root)
    {
        if (a < 0 || b < 0 || a == root || b == root)
        {
            return 0;
        }

        int d = Math.Abs(a - b);
        return d <= 4 ? d : d <= 6 ? 5 : d <= 10 ? 6 : 7;
    }

    private static int Count(int[] counts, int item) => item < 0 ? 0 : 1 + Math.Min(counts[item], 4);

    private static void Put(ArcStandardState st, int[] w, int[] t, Span<int> f, int slot, int item, bool labelled)
    {
        f[slot] = item < 0 ? Null : w[item];
        f[WordSlots + slot] = item < 0 ? Null : t[item];
        if (labelled)
        {
            f[(2 * WordSlots) + slot - (WordSlots - DependentSlots)] = item < 0 ? Null : st.Labels[item] + 1;
        }
    }

    /// <summary>UAS and LAS (percent, punctuation included) on sentences with their own tokens and tags.</summary>
    public (double Uas, double Las) Evaluate(IReadOnlyList<AnnotatedSentence> sentences) => ParserEvaluation.Evaluate(this, sentences);

    public void Save(Stream stream)
    {
        using var writer = ModelFile.OpenWrite(stream, Kind, FormatVersion);
        ModelFile.WriteStrings(writer, (IReadOnlyList<string>)Labels);
        writer.Write(WordKeys.Length);
        foreach (ulong k in WordKeys)
        {
            writer.Write(k);
        }

        writer.Write(TagKeys.Length);
        foreach (ulong k in TagKeys)
        {
            writer.Write(k);
        }

        _net.Write(writer);
    }

    /// <exception cref="Errors.AscribeException">The stream is not a neural parser model (code ModelCorrupt).</exception>
    public static NeuralParserModel Load(Stream stream, string source)
    {
        using var reader = ModelFile.OpenRead(stream, Kind, source, FormatVersion);
        return ModelReading.Guard(source, () =>
        {
            var labels = ModelFile.ReadStrings(reader, source);
            var words = ReadKeys(reader);
            var tags = ReadKeys(reader);
            var net = NeuralParserNetwork.Read(reader, words.Length + 3, tags.Length + 3, LabelTableSize(labels.Length), 1 + (2 * labels.Length));
            return new NeuralParserModel(labels, words, tags, net);
        });
    }

    private static ulong[] ReadKeys(BinaryReader reader)
    {
        int n = reader.ReadInt32();
        if (n < 0 || n > 1 << 22)
        {
            throw new FormatException("bad vocabulary size");
        }

        var keys = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = reader.ReadUInt64();
        }

        return keys;
    }
}
