using System.Globalization;
using Ascribe.Core.Models;

namespace Ascribe.Core.Components.Parse;

/// <summary>
/// Greedy arc-hybrid dependency parser with an averaged perceptron, trained with a dynamic
/// oracle (the parser learns from its own mistakes after the first pass). Produces labelled
/// basic dependencies (Universal-Dependencies-style labels as CoreNLP writes them). Immutable and
/// thread-safe once built or loaded.
/// </summary>
public sealed class ParserModel : IParserModel
{
    internal const string Kind = "parser";
    private const int MaxFeatures = 72;
    private static readonly ulong NoneWord = FeatureHash.Text("-NONE-");
    private static readonly ulong RootWord = FeatureHash.Text("-ROOT-");

    private readonly WeightTable _weights;

    internal ParserModel(string[] labels, WeightTable weights)
    {
        Labels = labels;
        _weights = weights;
        ClassCount = 1 + (2 * labels.Length);
    }

    /// <summary>Dependency labels; parses report indices into it.</summary>
    public IReadOnlyList<string> Labels { get; }

    internal int ClassCount { get; }

    public string Description => "greedy arc-hybrid, averaged perceptron";

    void IParserModel.Parse(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, Span<int> heads, Span<int> labels) => Parse(words, tags, heads, labels);

    /// <summary>
    /// Parses one sentence. <paramref name="heads"/> receives the head of each word (0-based in
    /// the sentence, -1 for the root word), <paramref name="labels"/> indices into <see cref="Labels"/>.
    /// </summary>
    internal void Parse(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, Span<int> heads, Span<int> labels)
    {
        int n = words.Length;
        var state = new ParseState(n);
        var w = new ulong[n + 1];
        var t = new ulong[n + 1];
        for (int i = 0; i < n; i++)
        {
            w[i] = words[i].Norm;
            t[i] = tags[i];
        }

        w[n] = RootWord;
        t[n] = RootWord;
        Span<ulong> feats = stackalloc ulong[MaxFeatures];
        Span<float> scores = stackalloc float[ClassCount];
        while (!state.IsFinal)
        {
            int count = Features(state, w, t, feats);
            scores.Clear();
            _weights.AddAll(feats[..count], scores);

            state.Apply(state.BestValid(scores));
        }

        for (int i = 0; i < n; i++)
        {
            heads[i] = state.Heads[i] == n ? -1 : state.Heads[i];
            labels[i] = state.Labels[i];
        }
    }

    private static int Features(ParseState st, ulong[] w, ulong[] t, Span<ulong> f)
    {
        int s0 = st.S(0), s1 = st.S(1), s2 = st.S(2);
        int b0 = st.B(0), b1 = st.B(1), b2 = st.B(2);
        int s0l = s0 >= 0 ? st.LeftMost[s0] : -1, s0l2 = s0 >= 0 ? st.LeftSecond[s0] : -1;
        int s0r = s0 >= 0 ? st.RightMost[s0] : -1, s0r2 = s0 >= 0 ? st.RightSecond[s0] : -1;
        int b0l = b0 >= 0 ? st.LeftMost[b0] : -1, b0l2 = b0 >= 0 ? st.LeftSecond[b0] : -1;
        int s1r = s1 >= 0 ? st.RightMost[s1] : -1;
        ulong ws0 = W(s0), ws1 = W(s1), wb0 = W(b0), wb1 = W(b1), wb2 = W(b2);
        ulong ts0 = T(s0), ts1 = T(s1), ts2 = T(s2), tb0 = T(b0), tb1 = T(b1), tb2 = T(b2);
        ulong ts0l = T(s0l), ts0l2 = T(s0l2), ts0r = T(s0r), ts0r2 = T(s0r2), tb0l = T(b0l), tb0l2 = T(b0l2), ts1r = T(s1r);
        ulong ls0l = L(s0l), ls0l2 = L(s0l2), ls0r = L(s0r), ls0r2 = L(s0r2), lb0l = L(b0l), lb0l2 = L(b0l2), ls1r = L(s1r);
        ulong dist = s0 >= 0 && b0 >= 0 ? (ulong)Math.Min(b0 - s0, 6) : 0;
        ulong dist1 = s1 >= 0 ? (ulong)Math.Min(s0 - s1, 6) : 0;
        ulong vs0l = s0 >= 0 ? (ulong)st.LeftCount[s0] : 99, vs0r = s0 >= 0 ? (ulong)st.RightCount[s0] : 99, vb0l = b0 >= 0 ? (ulong)st.LeftCount[b0] : 99;
        int n = 0;
        f[n++] = 0x3000;
        f[n++] = FeatureHash.Combine(0x3001, ws0);
        f[n++] = FeatureHash.Combine(0x3002, ts0);
        f[n++] = FeatureHash.Combine(0x3003, ws0, ts0);
        f[n++] = FeatureHash.Combine(0x3004, ws1);
        f[n++] = FeatureHash.Combine(0x3005, ts1);
        f[n++] = FeatureHash.Combine(0x3006, ws1, ts1);
        f[n++] = FeatureHash.Combine(0x3007, wb0);
        f[n++] = FeatureHash.Combine(0x3008, tb0);
        f[n++] = FeatureHash.Combine(0x3009, wb0, tb0);
        f[n++] = FeatureHash.Combine(0x300A, wb1);
        f[n++] = FeatureHash.Combine(0x300B, tb1);
        f[n++] = FeatureHash.Combine(0x300C, wb1, tb1);
        f[n++] = FeatureHash.Combine(0x300D, wb2, tb2);
        f[n++] = FeatureHash.Combine(0x300E, ts2);
        f[n++] = FeatureHash.Combine(0x300F, W(s0l), ts0l);
        f[n++] = FeatureHash.Combine(0x3010, ls0l);
        f[n++] = FeatureHash.Combine(0x3011, W(s0r), ts0r);
        f[n++] = FeatureHash.Combine(0x3012, ls0r);
        f[n++] = FeatureHash.Combine(0x3013, W(b0l), tb0l);
        f[n++] = FeatureHash.Combine(0x3014, lb0l);
        f[n++] = FeatureHash.Combine(0x3015, ws0, ts0, wb0, tb0);
        f[n++] = FeatureHash.Combine(0x3016, ws0, ts0, wb0);
        f[n++] = FeatureHash.Combine(0x3017, ws0, wb0, tb0);
        f[n++] = FeatureHash.Combine(0x3018, ws0, ts0, tb0);
        f[n++] = FeatureHash.Combine(0x3019, ts0, wb0, tb0);
        f[n++] = FeatureHash.Combine(0x301A, ws0, wb0);
        f[n++] = FeatureHash.Combine(0x301B, ts0, tb0);
        f[n++] = FeatureHash.Combine(0x301C, tb0, tb1);
        f[n++] = FeatureHash.Combine(0x301D, tb0, tb1, tb2);
        f[n++] = FeatureHash.Combine(0x301E, ts0, tb0, tb1);
        f[n++] = FeatureHash.Combine(0x301F, ts1, ts0, tb0);
        f[n++] = FeatureHash.Combine(0x3020, ts0, ts0l, tb0);
        f[n++] = FeatureHash.Combine(0x3021, ts0, ts0r, tb0);
        f[n++] = FeatureHash.Combine(0x3022, ts0, tb0, tb0l);
        f[n++] = FeatureHash.Combine(0x3023, ts0, ts0l, ts0l2);
        f[n++] = FeatureHash.Combine(0x3024, ts0, ts0r, ts0r2);
        f[n++] = FeatureHash.Combine(0x3025, tb0, tb0l, tb0l2);
        f[n++] = FeatureHash.Combine(0x3026, ts1, ts0, ts1r);
        f[n++] = FeatureHash.Combine(0x3027, ws0, dist);
        f[n++] = FeatureHash.Combine(0x3028, ts0, dist);
        f[n++] = FeatureHash.Combine(0x3029, wb0, dist);
        f[n++] = FeatureHash.Combine(0x302A, tb0, dist);
        f[n++] = FeatureHash.Combine(0x302B, ts0, tb0, dist);
        f[n++] = FeatureHash.Combine(0x302C, ws0, wb0, dist);
        f[n++] = FeatureHash.Combine(0x302D, ws0, vs0r);
        f[n++] = FeatureHash.Combine(0x302E, ts0, vs0r);
        f[n++] = FeatureHash.Combine(0x302F, ws0, vs0l);
        f[n++] = FeatureHash.Combine(0x3030, ts0, vs0l);
        f[n++] = FeatureHash.Combine(0x3031, wb0, vb0l);
        f[n++] = FeatureHash.Combine(0x3032, tb0, vb0l);
        f[n++] = FeatureHash.Combine(0x3033, ts0, ls0l, ls0l2);
        f[n++] = FeatureHash.Combine(0x3034, ts0, ls0r, ls0r2);
        f[n++] = FeatureHash.Combine(0x3035, tb0, lb0l, lb0l2);
        f[n++] = FeatureHash.Combine(0x3036, ts1, ts0, dist1);
        f[n++] = FeatureHash.Combine(0x3037, ws1, ws0);
        f[n++] = FeatureHash.Combine(0x3038, ws1, ts1, ts0);
        f[n++] = FeatureHash.Combine(0x3039, ts1, ws0, ts0);
        f[n++] = FeatureHash.Combine(0x303A, ls1r, ts1, ts0);
        f[n++] = FeatureHash.Combine(0x303B, ts0, tb0, ls0l, ls0r);
        f[n++] = FeatureHash.Combine(0x303C, (ulong)st.Depth > 3 ? 3 : (ulong)st.Depth, b0 == st.Count ? 1UL : 0UL);
        return n;

        ulong W(int i) => i < 0 ? NoneWord : w[i];
        ulong T(int i) => i < 0 ? NoneWord : t[i];
        ulong L(int i) => i < 0 ? 0xFFFF : (ulong)st.Labels[i];
    }

    /// <summary>Trains on <paramref name="train"/> with gold tags; with <paramref name="dev"/>, logs dev UAS/LAS (gold tags, gold tokens).</summary>
    public static ParserModel Train(IReadOnlyList<AnnotatedSentence> train, IReadOnlyList<AnnotatedSentence>? dev, TrainOptions options)
    {
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in train.SelectMany(s => s.Labels).Distinct().Order(StringComparer.Ordinal))
        {
            labelIndex[label] = labelIndex.Count;
        }

        var labels = labelIndex.Keys.ToArray();
        int classCount = 1 + (2 * labels.Length);
        var trainer = new PerceptronTrainer(classCount);
        var sentences = train.Where(s => s.Heads.Count(h => h < 0) == 1).ToArray();
        var words = sentences.Select(s => WordHashes(s)).ToArray();
        var tags = sentences.Select(s => TagHashes(s)).ToArray();
        var order = Enumerable.Range(0, sentences.Length).ToArray();
        var rng = new Random(options.Seed);
        var feats = new ulong[MaxFeatures];
        var scores = new float[classCount];
        for (int it = 1; it <= options.Iterations; it++)
        {
            long correct = 0, total = 0;
            foreach (int s in order)
            {
                var sent = sentences[s];
                int n = sent.Count;
                var goldHeads = new int[n + 1];
                var goldLabels = new int[n + 1];
                for (int i = 0; i < n; i++)
                {
                    goldHeads[i] = sent.Heads[i] < 0 ? n : sent.Heads[i];
                    goldLabels[i] = labelIndex[sent.Labels[i]];
                }

                goldHeads[n] = -1;
                var state = new ParseState(n);
                while (!state.IsFinal)
                {
                    int count = Features(state, words[s], tags[s], feats);
                    Array.Clear(scores);
                    trainer.Score(feats.AsSpan(0, count), scores);
                    int guess = state.BestValid(scores);
                    var (shift, right, left) = state.Costs(goldHeads);
                    int s0 = state.S(0);
                    int best = -1, bestCost = int.MaxValue;
                    float bestScore = float.NegativeInfinity;
                    for (int c = 0; c < classCount; c++)
                    {
                        if (!state.IsValid(c))
                        {
                            continue;
                        }

                        int move = ParseState.MoveOf(c);
                        int cost = move == 0 ? shift : move == 1 ? right : left;
                        if (move == 1 && goldHeads[s0] == state.S(1) && ParseState.LabelOf(c) != goldLabels[s0])
                        {
                            cost++;
                        }
                        else if (move == 2 && goldHeads[s0] == state.Front && ParseState.LabelOf(c) != goldLabels[s0])
                        {
                            cost++;
                        }

                        if (cost < bestCost || (cost == bestCost && scores[c] > bestScore))
                        {
                            best = c;
                            bestCost = cost;
                            bestScore = scores[c];
                        }
                    }

                    trainer.Update(best, guess, feats.AsSpan(0, count));

                    // The first pass follows the oracle; later passes explore the model's own choices.
                    state.Apply(it == 1 ? best : guess);
                }

                for (int i = 0; i < n; i++)
                {
                    correct += state.Heads[i] == goldHeads[i] ? 1 : 0;
                }

                total += n;
            }

            rng.Shuffle(order);
            string line = string.Create(CultureInfo.InvariantCulture, $"parser iteration {it}: train UAS {100.0 * correct / Math.Max(1, total):F2}%, {trainer.FeatureCount} features");
            if (dev is not null && (it == options.Iterations || options.Log is not null))
            {
                var model = new ParserModel(labels, trainer.Average(options.Prune));
                options.Checkpoint?.Invoke(model.Save);
                var (uas, las) = model.Evaluate(dev);
                line += string.Create(CultureInfo.InvariantCulture, $", dev UAS {uas:F2}%, LAS {las:F2}%");
            }

            options.Log?.Invoke(line);
        }

        return new ParserModel(labels, trainer.Average(options.Prune));
    }

    private static ulong[] WordHashes(AnnotatedSentence sent)
    {
        var infos = WordInfo.Compute(sent.Words, sent.SpaceBefore, sent.SpaceAfter);
        return infos.Select(i => i.Norm).Append(RootWord).ToArray();
    }

    private static ulong[] TagHashes(AnnotatedSentence sent) => sent.Tags.Select(t => Models.TagHashes.Of(t)).Append(RootWord).ToArray();

    /// <summary>UAS and LAS (percent, punctuation included) on sentences with their own tokens and tags.</summary>
    public (double Uas, double Las) Evaluate(IReadOnlyList<AnnotatedSentence> sentences) => ParserEvaluation.Evaluate(this, sentences);

    /// <summary>The same parser without weights smaller than <paramref name="threshold"/>: smaller and faster, slightly less accurate.</summary>
    public ParserModel Prune(float threshold) => new((string[])Labels, _weights.Prune(threshold));

    public int FeatureCount => _weights.FeatureCount;

    public void Save(Stream stream)
    {
        using var writer = ModelFile.OpenWrite(stream, Kind);
        ModelFile.WriteStrings(writer, (IReadOnlyList<string>)Labels);
        _weights.Write(writer);
    }

    /// <exception cref="Errors.AscribeException">The stream is not a parser model (code ModelCorrupt).</exception>
    public static ParserModel Load(Stream stream, string source)
    {
        using var reader = ModelFile.OpenRead(stream, Kind, source);
        return ModelReading.Guard(source, () =>
        {
            var labels = ModelFile.ReadStrings(reader, source);
            return new ParserModel(labels, WeightTable.Read(reader, 1 + (2 * labels.Length), source));
        });
    }
}
