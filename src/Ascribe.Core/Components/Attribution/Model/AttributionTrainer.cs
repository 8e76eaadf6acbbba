using System.Globalization;
using Ascribe.Core.Lexicons;

namespace Ascribe.Core.Components.Attribution.Model;

/// <summary>
/// Trains an <see cref="AttributionModel"/> with the averaged structured perceptron over
/// paragraphs: Viterbi decoding with the current weights, additive updates on the tokens where the
/// decoded tags differ from gold, weights averaged over all steps. With a dev set, every epoch is
/// scored (exact span F1 per kind on Ascribe tokens) and the best epoch's averaged weights are kept.
/// With <see cref="Stacked"/>, a second stage is trained on the same features plus first-stage tags;
/// its training tags come from cross-validation (<see cref="Folds"/>) so they are as noisy as at
/// run time. With <see cref="Margin"/> above 0, decoding while training is loss-augmented.
/// With <see cref="Ensemble"/> K above 1, every stage (and every cross-validation fold) is the
/// average of K perceptrons trained on different shuffles (seeds <c>Seed</c> to <c>Seed + K - 1</c>):
/// one model of the same size and speed, whose scores are the mean of the K members' scores.
/// Deterministic for a given seed.
/// </summary>
public sealed class AttributionTrainer
{
    public int Bits { get; init; } = 20;

    public int Iterations { get; init; } = 10;

    public int Seed { get; init; } = 1;

    /// <summary>Number of perceptrons averaged into each stage (1: a single perceptron).</summary>
    public int Ensemble { get; init; } = 1;

    /// <summary>Train the stacked second stage too.</summary>
    public bool Stacked { get; init; }

    /// <summary>
    /// Loss-augmented training: while training, every wrong tag of a token gets this much added to
    /// its score before decoding, so weights are also updated where the gold tags win by less than
    /// this margin (0: the plain perceptron).
    /// </summary>
    public float Margin { get; init; }

    /// <summary>Cross-validation folds for the stacked stage's first-stage tags (at least 2).</summary>
    public int Folds { get; init; } = 2;

    /// <summary>Receives one line per epoch.</summary>
    public Action<string>? Log { get; init; }

    private sealed record Prepared(AttributionExample Example, AttributionFeatures Features, byte[] Gold, List<(int Start, int End)> Sequences);

    /// <summary>A trained stage: its weights, the epoch kept for each ensemble member, and its dev F1 (empty without dev).</summary>
    private sealed record StageResult(float[] Weights, float[] Transitions, int[] Epochs, double[] DevF1);

    public (AttributionModel Model, int BestEpoch, double[] DevF1) Train(IReadOnlyList<AttributionExample> train, IReadOnlyList<AttributionExample>? dev, string command)
    {
        var lexicon = CueLexicon.Default;
        var trainSet = train.Select(x => Prepare(x, lexicon)).ToList();
        var devSet = dev?.Select(x => Prepare(x, lexicon)).ToList();
        var first = TrainMembers(trainSet, devSet, _ => Iterations, "stage 1");
        var model = new AttributionModel(Bits, first.Weights, first.Transitions, string.Empty);
        var kept = first;
        int folds = Math.Max(2, Folds);
        if (Stacked)
        {
            // Cross-validated first-stage tags for the training documents.
            var stackTags = new byte[trainSet.Count][];
            for (int fold = 0; fold < folds; fold++)
            {
                var part = trainSet.Where((_, i) => i % folds != fold).ToList();
                var r = TrainMembers(part, null, k => first.Epochs[k], $"fold {fold + 1}");
                var foldModel = new AttributionModel(Bits, r.Weights, r.Transitions, string.Empty);
                for (int i = fold; i < trainSet.Count; i += folds)
                {
                    stackTags[i] = ModelAttributionExtractor.Decode(foldModel, trainSet[i].Features, trainSet[i].Sequences, trainSet[i].Gold.Length, out _);
                }
            }

            var trainStacked = trainSet.Select((p, i) => Restack(p, lexicon, stackTags[i])).ToList();
            var devStacked = devSet?.Select(p => Restack(p, lexicon, ModelAttributionExtractor.Decode(model, p.Features, p.Sequences, p.Gold.Length, out _))).ToList();
            var second = TrainMembers(trainStacked, devStacked, _ => Iterations, "stage 2");
            kept = second;
            model = new AttributionModel(Bits, first.Weights, first.Transitions, string.Empty, new AttributionModel(Bits, second.Weights, second.Transitions, string.Empty));
        }

        string record = string.Format(
            CultureInfo.InvariantCulture,
            "command: {0}\nseed: {1}\nepochs run: {2}\nepoch kept: {3}{4}\nhash bits: {5}\nfeatures version: {6}\ntrain documents: {7}\ndev documents: {8}\ndev exact span F1 on Ascribe tokens (source/cue/content): {9}\n",
            command,
            (Ensemble > 1 ? string.Format(CultureInfo.InvariantCulture, "{0} to {1} (ensemble of {2} averaged perceptrons)", Seed, Seed + Ensemble - 1, Ensemble) : Seed.ToString(CultureInfo.InvariantCulture))
                + (Margin != 0 ? string.Format(CultureInfo.InvariantCulture, "\nmargin: {0}", Margin) : string.Empty)
                + (Stacked && folds != 2 ? string.Format(CultureInfo.InvariantCulture, "\ncross-validation folds: {0}", folds) : string.Empty),
            Iterations,
            string.Join(", ", first.Epochs),
            Stacked ? string.Format(CultureInfo.InvariantCulture, " (stage 1), {0} (stacked stage 2)", string.Join(", ", kept.Epochs)) : string.Empty,
            Bits,
            AttributionFeatures.Version,
            train.Count,
            dev?.Count ?? 0,
            kept.DevF1.Length == 3 ? string.Join(" / ", kept.DevF1.Select(x => x.ToString("F1", CultureInfo.InvariantCulture))) : "n/a");
        AttributionModel.RoundToHalf(model.Weights);
        if (model.Second is not null)
        {
            AttributionModel.RoundToHalf(model.Second.Weights);
        }

        var final = new AttributionModel(Bits, model.Weights, model.Transitions, record, model.Second is null ? null : new AttributionModel(Bits, model.Second.Weights, model.Second.Transitions, record));
        return (final, kept.Epochs[0], kept.DevF1);
    }

    private Prepared Prepare(AttributionExample ex, CueLexicon lexicon)
    {
        var features = ModelAttributionExtractor.Featurize(ex.Doc, lexicon, Bits);
        return new Prepared(ex, features, ex.GoldTags, ModelAttributionExtractor.Sequences(ex.Doc));
    }

    private Prepared Restack(Prepared p, CueLexicon lexicon, byte[] stack) =>
        p with { Features = new AttributionFeatures(p.Example.Doc, lexicon, Bits, p.Features.RuleTags, stack) };

    /// <summary>
    /// Trains <see cref="Ensemble"/> members of one stage (member k with seed <c>Seed + k</c> for
    /// <paramref name="iterations"/>(k) epochs, keeping its best dev epoch) and averages them.
    /// </summary>
    private StageResult TrainMembers(List<Prepared> trainSet, List<Prepared>? devSet, Func<int, int> iterations, string name)
    {
        if (Ensemble <= 1)
        {
            return TrainStage(trainSet, devSet, iterations(0), name, Seed);
        }

        var members = new List<StageResult>();
        for (int k = 0; k < Ensemble; k++)
        {
            members.Add(TrainStage(trainSet, devSet, iterations(k), $"{name} member {k + 1}", Seed + k));
        }

        var weights = new float[members[0].Weights.Length];
        var transitions = new float[members[0].Transitions.Length];
        foreach (var m in members)
        {
            AddScaled(weights, m.Weights, 1f / Ensemble);
            AddScaled(transitions, m.Transitions, 1f / Ensemble);
        }
        var f1 = devSet is null ? Array.Empty<double>() : Score(new AttributionModel(Bits, weights, transitions, string.Empty), devSet);
        if (f1.Length == 3)
        {
            Log?.Invoke(string.Format(CultureInfo.InvariantCulture, "{0} average of {1}: dev exact span F1 source {2:F1} cue {3:F1} content {4:F1}", name, Ensemble, f1[0], f1[1], f1[2]));
        }

        return new StageResult(weights, transitions, members.Select(m => m.Epochs[0]).ToArray(), f1);
    }

    private StageResult TrainStage(List<Prepared> trainSet, List<Prepared>? devSet, int iterations, string name, int seed)
    {
        const int L = SpanTags.Count;
        var order = new List<(int Doc, int Start, int End)>();
        for (int d = 0; d < trainSet.Count; d++)
        {
            foreach (var (s, e) in trainSet[d].Sequences)
            {
                order.Add((d, s, e));
            }
        }

        int size = (1 << Bits) * L;
        var w = new float[size];
        var u = new float[size];
        var tw = new float[(L + 1) * L];
        var tu = new float[(L + 1) * L];
        float c = 1;
        var rng = new Random(seed);
        var scores = new float[1024 * L];
        var pred = new byte[1024];
        float[]? best = null, bestT = null;
        double bestScore = -1;
        int bestEpoch = 0;
        double[] bestF1 = Array.Empty<double>();
        var current = new AttributionModel(Bits, w, tw, string.Empty);
        for (int epoch = 1; epoch <= iterations; epoch++)
        {
            Shuffle(order, rng);
            int errors = 0, tokens = 0;
            foreach (var (d, s, e) in order)
            {
                var ex = trainSet[d];
                int n = e - s;
                if (scores.Length < n * L)
                {
                    scores = new float[n * L * 2];
                    pred = new byte[n * 2];
                }

                var sc = scores.AsSpan(0, n * L);
                var pr = pred.AsSpan(0, n);
                current.Emissions(ex.Features, s, e, sc);
                if (Margin != 0)
                {
                    for (int i = 0; i < n; i++)
                    {
                        int g = ex.Gold[s + i];
                        for (int t = 0; t < L; t++)
                        {
                            sc[i * L + t] += t == g ? 0 : Margin;
                        }
                    }
                }

                AttributionModel.Viterbi(sc, tw, pr);
                tokens += n;
                bool wrong = false;
                for (int i = 0; i < n; i++)
                {
                    int g = ex.Gold[s + i];
                    int p = pr[i];
                    if (g == p)
                    {
                        continue;
                    }

                    wrong = true;
                    errors++;
                    for (int f = ex.Features.Offsets[s + i]; f < ex.Features.Offsets[s + i + 1]; f++)
                    {
                        int b = ex.Features.Buckets[f] * L;
                        w[b + g] += 1;
                        u[b + g] += c;
                        w[b + p] -= 1;
                        u[b + p] -= c;
                    }
                }

                if (wrong)
                {
                    for (int i = 0; i < n; i++)
                    {
                        int gp = i == 0 ? 0 : ex.Gold[s + i - 1] + 1;
                        int pp = i == 0 ? 0 : pr[i - 1] + 1;
                        int g = ex.Gold[s + i], p = pr[i];
                        if (gp == pp && g == p)
                        {
                            continue;
                        }

                        tw[gp * L + g] += 1;
                        tu[gp * L + g] += c;
                        tw[pp * L + p] -= 1;
                        tu[pp * L + p] -= c;
                    }
                }

                c++;
            }

            string line = string.Format(CultureInfo.InvariantCulture, "{0} epoch {1}: train token error {2:F2}%", name, epoch, 100.0 * errors / Math.Max(1, tokens));
            if (devSet is not null)
            {
                var avg = Average(w, u, c);
                var avgT = Average(tw, tu, c);
                var f1 = Score(new AttributionModel(Bits, avg, avgT, string.Empty), devSet);
                double mean = f1.Average();
                line += string.Format(CultureInfo.InvariantCulture, "; dev exact span F1 source {0:F1} cue {1:F1} content {2:F1}", f1[0], f1[1], f1[2]);
                if (mean > bestScore)
                {
                    bestScore = mean;
                    best = avg;
                    bestT = avgT;
                    bestEpoch = epoch;
                    bestF1 = f1;
                }
            }
            else if (epoch == iterations)
            {
                best = Average(w, u, c);
                bestT = Average(tw, tu, c);
                bestEpoch = epoch;
            }

            Log?.Invoke(line);
        }

        return new StageResult(best!, bestT!, new[] { bestEpoch }, bestF1);
    }

    private static void AddScaled(float[] sum, float[] x, float scale)
    {
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] += x[i] * scale;
        }
    }

    private static float[] Average(float[] w, float[] u, float c)
    {
        var avg = new float[w.Length];
        for (int i = 0; i < w.Length; i++)
        {
            avg[i] = w[i] - u[i] / c;
        }

        return avg;
    }

    private static void Shuffle<T>(List<T> list, Random rng)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    /// <summary>Exact span F1 per kind (source, cue, content) of the model's tags against gold tags.</summary>
    private static double[] Score(AttributionModel model, List<Prepared> set)
    {
        var tp = new int[4];
        var np = new int[4];
        var ng = new int[4];
        foreach (var ex in set)
        {
            var tags = ModelAttributionExtractor.Decode(model, ex.Features, ex.Sequences, ex.Gold.Length, out _);
            var gs = SpansOf(ex.Gold);
            var ps = SpansOf(tags);
            foreach (var sp in ps)
            {
                np[sp.Kind]++;
                if (gs.Contains(sp))
                {
                    tp[sp.Kind]++;
                }
            }

            foreach (var sp in gs)
            {
                ng[sp.Kind]++;
            }
        }

        var f1 = new double[3];
        for (int k = 1; k <= 3; k++)
        {
            f1[k - 1] = np[k] + ng[k] == 0 ? 0 : 200.0 * tp[k] / (np[k] + ng[k]);
        }

        return f1;
    }

    internal static HashSet<(int Kind, int Start, int End)> SpansOf(byte[] tags)
    {
        var set = new HashSet<(int, int, int)>();
        foreach (var sp in ModelAttributionExtractor.Spans(tags))
        {
            set.Add(sp);
        }

        return set;
    }
}
