using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using Ascribe.Core.Models;

namespace Ascribe.Core.Components.Parse;

/// <summary>Settings of the neural parser's network and its training.</summary>
public sealed record NeuralParserSettings
{
    public int Hidden { get; init; } = 200;

    public int WordDim { get; init; } = 50;

    public int TagDim { get; init; } = 20;

    public int LabelDim { get; init; } = 20;

    /// <summary>Cube activation (Chen and Manning 2014); false for ReLU.</summary>
    public bool Cube { get; init; } = true;

    /// <summary>Words seen fewer times in training share the unknown-word embedding.</summary>
    public int MinCount { get; init; } = 2;

    public int Batch { get; init; } = 64;

    public float LearningRate { get; init; } = 0.001f;

    /// <summary>Share of hidden units dropped during training.</summary>
    public float Dropout { get; init; } = 0.3f;

    /// <summary>Word dropout: a word seen c times is read as unknown with probability a / (a + c) while training.</summary>
    public float WordDropout { get; init; } = 0.25f;

    /// <summary>The learning rate is multiplied by this after every epoch.</summary>
    public float Decay { get; init; } = 0.85f;

    /// <summary>Shards of each batch, computed in parallel where cores allow; part of the recipe (the model depends on it, not on the cores).</summary>
    public int Shards { get; init; } = 2;
}

/// <summary>
/// Trains <see cref="NeuralParserModel"/> on gold trees with the static arc-standard oracle:
/// cross-entropy over the moves valid in each configuration, mini-batch Adam (embedding rows
/// updated only when used), dropout on the hidden layer. The same data, settings and seed give
/// the same model on any machine.
/// </summary>
public static class NeuralParserTrainer
{
    private const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;

    public static NeuralParserModel Train(IReadOnlyList<AnnotatedSentence> train, IReadOnlyList<AnnotatedSentence>? dev, TrainOptions options, NeuralParserSettings settings)
    {
        var labels = train.SelectMany(s => s.Labels).Distinct().Order(StringComparer.Ordinal).ToArray();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var sentences = train.Where(s => s.Count > 0 && s.Heads.Count(h => h < 0) == 1).ToArray();
        var norms = sentences.Select(s => WordInfo.Compute(s.Words, s.SpaceBefore, s.SpaceAfter).Select(i => i.Norm).ToArray()).ToArray();
        var wordCounts = norms.SelectMany(n => n).CountBy(k => k).ToDictionary(p => p.Key, p => p.Value);
        var wordKeys = Vocabulary(wordCounts, settings.MinCount);
        var drop = new float[wordKeys.Length + 3];
        for (int i = 0; i < wordKeys.Length; i++)
        {
            drop[i + 3] = settings.WordDropout / (settings.WordDropout + wordCounts[wordKeys[i]]);
        }

        var tagKeys = Vocabulary(sentences.SelectMany(s => s.Tags).CountBy(t => TagHashes.Of(t)), 1);
        var net = new NeuralParserNetwork(wordKeys.Length + 3, tagKeys.Length + 3, NeuralParserModel.LabelTableSize(labels.Length), 1 + (2 * labels.Length), settings.WordDim, settings.TagDim, settings.LabelDim, settings.Hidden, settings.Cube);
        var rng = new Random(options.Seed);
        Initialize(net, rng);
        var examples = Examples(sentences, norms, labelIndex, NeuralParserModel.Index(wordKeys), NeuralParserModel.Index(tagKeys), out int skipped);
        options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"neural parser: {examples.Count:N0} moves from {sentences.Length - skipped:N0} sentences ({skipped} non-projective skipped), {wordKeys.Length:N0} words, {tagKeys.Length} tags, {labels.Length} labels, {net.ParameterCount:N0} weights"));

        int threads = Math.Clamp(settings.Shards, 1, 16);
        var workers = Enumerable.Range(0, threads).Select(_ => new Worker(net, settings.Dropout, drop)).ToArray();
        var adam = new Adam(net);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        NeuralParserModel? model = null;
        for (int epoch = 1; epoch <= options.Iterations; epoch++)
        {
            rng.Shuffle(order);
            double loss = 0;
            for (int start = 0; start < order.Length; start += settings.Batch)
            {
                int count = Math.Min(settings.Batch, order.Length - start);
                int per = (count + threads - 1) / threads;
                int batchStart = start;
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(threads, Environment.ProcessorCount) }, k =>
                {
                    int from = batchStart + (k * per), to = Math.Min(batchStart + count, from + per);
                    workers[k].Run(examples, order, from, to, Mix(options.Seed, epoch, batchStart, k));
                });
                for (int k = 1; k < threads; k++)
                {
                    workers[0].Absorb(workers[k]);
                }

                loss += workers[0].TakeLoss();
                adam.Step(workers[0], settings.LearningRate * MathF.Pow(settings.Decay, epoch - 1), 1f / count);
            }

            string line = string.Create(CultureInfo.InvariantCulture, $"neural parser epoch {epoch}: loss {loss / order.Length:F4}");
            if (dev is not null)
            {
                // The model as it would be saved: building it precomputes its hidden-layer tables.
                model = new NeuralParserModel(labels, wordKeys, tagKeys, net.HalfPrecisionCopy());
                options.Checkpoint?.Invoke(model.Save);
                var (uas, las) = model.Evaluate(dev);
                line += string.Create(CultureInfo.InvariantCulture, $", dev UAS {uas:F2}%, LAS {las:F2}%");
            }

            options.Log?.Invoke(line);
        }

        return model ?? new NeuralParserModel(labels, wordKeys, tagKeys, net.HalfPrecisionCopy());
    }

    /// <summary>Keys seen at least <paramref name="minCount"/> times, the most frequent first (ties by key).</summary>
    private static ulong[] Vocabulary(IEnumerable<KeyValuePair<ulong, int>> counts, int minCount) =>
        counts.Where(p => p.Value >= minCount).OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key).ToArray();

    private static void Initialize(NeuralParserNetwork net, Random rng)
    {
        Fill(net.Words, 0.5f);
        Fill(net.Tags, 0.5f);
        Fill(net.Labels, 0.5f);
        Fill(net.HiddenWeights, MathF.Sqrt(6f / (net.Input + net.Hidden)));
        Fill(net.OutputWeights, MathF.Sqrt(6f / (net.Hidden + net.Classes)));
        if (!net.Cube)
        {
            Array.Fill(net.HiddenBias, 0.01f);
        }

        void Fill(float[] array, float scale)
        {
            for (int i = 0; i < array.Length; i++)
            {
                array[i] = (float)((rng.NextDouble() * 2) - 1) * scale;
            }
        }
    }

    /// <summary>Every oracle move of every projective training sentence: 48 feature values, the valid moves and the gold move.</summary>
    private static ExampleSet Examples(AnnotatedSentence[] sentences, ulong[][] norms, Dictionary<string, int> labelIndex, Dictionary<ulong, int> words, Dictionary<ulong, int> tags, out int skipped)
    {
        var set = new ExampleSet();
        skipped = 0;
        Span<int> feats = stackalloc int[NeuralParserModel.Slots];
        for (int s = 0; s < sentences.Length; s++)
        {
            var sent = sentences[s];
            int n = sent.Count;
            var w = new int[n + 1];
            var t = new int[n + 1];
            var gold = new int[n + 1];
            var goldLabels = new int[n + 1];
            var goldChildren = new int[n + 1];
            for (int i = 0; i < n; i++)
            {
                w[i] = NeuralParserModel.Id(words, norms[s][i]);
                t[i] = NeuralParserModel.Id(tags, TagHashes.Of(sent.Tags[i]));
                gold[i] = sent.Heads[i] < 0 ? n : sent.Heads[i];
                goldLabels[i] = labelIndex[sent.Labels[i]];
            }

            w[n] = NeuralParserModel.Root;
            t[n] = NeuralParserModel.Root;
            gold[n] = -1;
            for (int i = 0; i < n; i++)
            {
                goldChildren[gold[i]]++;
            }

            var state = new ArcStandardState(n);
            int mark = set.Count;
            bool ok = true;
            while (!state.IsFinal)
            {
                int move = state.Oracle(gold, goldLabels, goldChildren);
                if (move < 0)
                {
                    ok = false;
                    break;
                }

                NeuralParserModel.Features(state, w, t, labelIndex.Count, feats);
                int valid = (state.CanShift ? 1 : 0) | (state.CanLeft ? 2 : 0) | (state.CanRight ? 4 : 0);
                set.Add(feats, valid, move);
                state.Apply(move);
            }

            if (!ok)
            {
                set.Truncate(mark);
                skipped++;
            }
        }

        return set;
    }

    private sealed class ExampleSet
    {
        private readonly List<int> _features = new();
        private readonly List<byte> _valid = new();
        private readonly List<int> _gold = new();

        public int Count => _gold.Count;

        public void Add(ReadOnlySpan<int> feats, int valid, int gold)
        {
            foreach (int f in feats)
            {
                _features.Add(f);
            }

            _valid.Add((byte)valid);
            _gold.Add(gold);
        }

        public void Truncate(int count)
        {
            _features.RemoveRange(count * NeuralParserModel.Slots, _features.Count - (count * NeuralParserModel.Slots));
            _valid.RemoveRange(count, _valid.Count - count);
            _gold.RemoveRange(count, _gold.Count - count);
        }

        public ReadOnlySpan<int> Features(int i) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_features).Slice(i * NeuralParserModel.Slots, NeuralParserModel.Slots);

        public bool IsValid(int i, int cls) => (_valid[i] & (1 << ArcStandardState.MoveOf(cls))) != 0;

        public int Gold(int i) => _gold[i];
    }

    /// <summary>One thread's share of a batch: forward and backward passes into its own gradients.</summary>
    private sealed class Worker
    {
        private readonly NeuralParserNetwork _net;
        private readonly float _keep;
        private readonly float[] _drop;
        private readonly int[] _ids = new int[NeuralParserModel.Slots];
        private readonly bool[] _touched;
        private readonly float[] _x, _pre, _h, _mask, _scores, _dh, _dx;
        private double _loss;

        public Worker(NeuralParserNetwork net, float dropout, float[] wordDrop)
        {
            _net = net;
            _drop = wordDrop;
            _keep = 1f - dropout;
            Grad = new NeuralParserNetwork(net.WordCount, net.TagCount, net.LabelCount, net.Classes, net.WordDim, net.TagDim, net.LabelDim, net.Hidden, net.Cube);
            _touched = new bool[net.WordCount];
            _x = new float[net.Input];
            _dx = new float[net.Input];
            _pre = new float[net.Hidden];
            _h = new float[net.Hidden];
            _mask = new float[net.Hidden];
            _dh = new float[net.Hidden];
            _scores = new float[net.Classes];
        }

        public NeuralParserNetwork Grad { get; }

        /// <summary>Word embedding rows with a gradient in this batch.</summary>
        public List<int> Touched { get; } = new();

        public void ClearTouched()
        {
            foreach (int v in Touched)
            {
                _touched[v] = false;
            }

            Touched.Clear();
        }

        public double TakeLoss()
        {
            double loss = _loss;
            _loss = 0;
            return loss;
        }

        public void Absorb(Worker other)
        {
            var mine = Grad.Arrays();
            var theirs = other.Grad.Arrays();
            for (int a = 1; a < mine.Count; a++)
            {
                TensorPrimitives.Add(mine[a], theirs[a], mine[a]);
                Array.Clear(theirs[a]);
            }

            int d = _net.WordDim;
            foreach (int v in other.Touched)
            {
                var src = other.Grad.Words.AsSpan(v * d, d);
                TensorPrimitives.Add(Grad.Words.AsSpan(v * d, d), src, Grad.Words.AsSpan(v * d, d));
                src.Clear();
                Touch(v);
            }

            other.ClearTouched();
            _loss += other.TakeLoss();
        }

        private void Touch(int row)
        {
            if (!_touched[row])
            {
                _touched[row] = true;
                Touched.Add(row);
            }
        }

        public void Run(ExampleSet examples, int[] order, int from, int to, uint seed)
        {
            uint state = seed;
            for (int i = from; i < to; i++)
            {
                Example(examples, order[i], ref state);
            }
        }

        private void Example(ExampleSet examples, int e, ref uint rng)
        {
            var net = _net;
            int input = net.Input, hidden = net.Hidden;
            var feats = _ids;
            examples.Features(e).CopyTo(feats);
            for (int s = 0; s < NeuralParserModel.WordSlots; s++)
            {
                if (_drop[feats[s]] > 0f && Uniform(ref rng) < _drop[feats[s]])
                {
                    feats[s] = NeuralParserModel.Unknown;
                }
            }

            for (int s = 0; s < NeuralParserModel.Slots; s++)
            {
                var (table, dim, offset) = net.Slot(s);
                table.AsSpan(feats[s] * dim, dim).CopyTo(_x.AsSpan(offset, dim));
            }

            var w1 = net.HiddenWeights;
            for (int k = 0; k < hidden; k++)
            {
                _pre[k] = net.HiddenBias[k] + TensorPrimitives.Dot(w1.AsSpan(k * input, input), _x);
            }

            float scale = 1f / _keep;
            for (int k = 0; k < hidden; k++)
            {
                _mask[k] = Uniform(ref rng) < _keep ? scale : 0f;
                float p = _pre[k];
                _h[k] = (net.Cube ? p * p * p : MathF.Max(p, 0f)) * _mask[k];
            }

            int gold = examples.Gold(e);
            float max = float.NegativeInfinity;
            for (int c = 0; c < net.Classes; c++)
            {
                if (examples.IsValid(e, c))
                {
                    _scores[c] = net.OutputBias[c] + TensorPrimitives.Dot(net.OutputWeights.AsSpan(c * hidden, hidden), _h);
                    max = MathF.Max(max, _scores[c]);
                }
            }

            float sum = 0;
            for (int c = 0; c < net.Classes; c++)
            {
                if (examples.IsValid(e, c))
                {
                    _scores[c] = MathF.Exp(_scores[c] - max);
                    sum += _scores[c];
                }
            }

            _loss -= Math.Log(Math.Max(_scores[gold] / sum, 1e-30));
            Array.Clear(_dh);
            for (int c = 0; c < net.Classes; c++)
            {
                if (!examples.IsValid(e, c))
                {
                    continue;
                }

                float g = (_scores[c] / sum) - (c == gold ? 1f : 0f);
                TensorPrimitives.MultiplyAdd(net.OutputWeights.AsSpan(c * hidden, hidden), g, _dh, _dh);
                TensorPrimitives.MultiplyAdd(_h, g, Grad.OutputWeights.AsSpan(c * hidden, hidden), Grad.OutputWeights.AsSpan(c * hidden, hidden));
                Grad.OutputBias[c] += g;
            }

            Array.Clear(_dx);
            var gw1 = Grad.HiddenWeights;
            for (int k = 0; k < hidden; k++)
            {
                float p = _pre[k];
                float g = _dh[k] * _mask[k] * (net.Cube ? 3f * p * p : p > 0 ? 1f : 0f);
                if (g == 0f)
                {
                    continue;
                }

                Grad.HiddenBias[k] += g;
                TensorPrimitives.MultiplyAdd(_x, g, gw1.AsSpan(k * input, input), gw1.AsSpan(k * input, input));
                TensorPrimitives.MultiplyAdd(w1.AsSpan(k * input, input), g, _dx, _dx);
            }

            for (int s = 0; s < NeuralParserModel.Slots; s++)
            {
                var (table, dim, offset) = Grad.Slot(s);
                int v = feats[s];
                var row = table.AsSpan(v * dim, dim);
                TensorPrimitives.Add(row, _dx.AsSpan(offset, dim), row);
                if (s < NeuralParserModel.WordSlots)
                {
                    Touch(v);
                }
            }
        }
    }

    /// <summary>A dropout seed for one shard of one batch; the same in every process (unlike <see cref="HashCode"/>).</summary>
    private static uint Mix(int seed, int epoch, int batch, int shard)
    {
        ulong x = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)epoch << 48) ^ ((ulong)(uint)batch << 8) ^ (uint)shard;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return (uint)(x ^ (x >> 31)) | 1u;
    }

    /// <summary>A number in [0, 1) from a xorshift generator.</summary>
    private static float Uniform(ref uint state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return (state >> 8) * (1f / (1 << 24));
    }

    /// <summary>Adam over the dense weights, and over the word embedding rows a batch used.</summary>
    private sealed class Adam
    {
        private readonly NeuralParserNetwork _net;
        private readonly float[][] _m, _v;
        private int _step;

        public Adam(NeuralParserNetwork net)
        {
            _net = net;
            _m = net.Arrays().Select(a => new float[a.Length]).ToArray();
            _v = net.Arrays().Select(a => new float[a.Length]).ToArray();
        }

        public void Step(Worker worker, float rate, float gradScale)
        {
            _step++;
            float lr = rate * MathF.Sqrt(1 - MathF.Pow(Beta2, _step)) / (1 - MathF.Pow(Beta1, _step));
            var parameters = _net.Arrays();
            var grads = worker.Grad.Arrays();
            for (int a = 1; a < parameters.Count; a++)
            {
                Update(parameters[a], grads[a], _m[a], _v[a], 0, parameters[a].Length, lr, gradScale);
                Array.Clear(grads[a]);
            }

            int d = _net.WordDim;
            foreach (int row in worker.Touched)
            {
                Update(parameters[0], grads[0], _m[0], _v[0], row * d, d, lr, gradScale);
                grads[0].AsSpan(row * d, d).Clear();
            }

            worker.ClearTouched();
        }

        private static void Update(float[] p, float[] g, float[] m, float[] v, int start, int length, float lr, float gradScale)
        {
            int i = start, end = start + length;
            var b1 = new Vector<float>(Beta1);
            var b2 = new Vector<float>(Beta2);
            var c1 = new Vector<float>(1 - Beta1);
            var c2 = new Vector<float>(1 - Beta2);
            var scale = new Vector<float>(gradScale);
            var step = new Vector<float>(lr);
            var eps = new Vector<float>(Epsilon);
            for (; i <= end - Vector<float>.Count; i += Vector<float>.Count)
            {
                var gi = new Vector<float>(g, i) * scale;
                var mi = (b1 * new Vector<float>(m, i)) + (c1 * gi);
                var vi = (b2 * new Vector<float>(v, i)) + (c2 * gi * gi);
                mi.CopyTo(m, i);
                vi.CopyTo(v, i);
                (new Vector<float>(p, i) - (step * mi / (Vector.SquareRoot(vi) + eps))).CopyTo(p, i);
            }

            for (; i < end; i++)
            {
                float gi = g[i] * gradScale;
                m[i] = (Beta1 * m[i]) + ((1 - Beta1) * gi);
                v[i] = (Beta2 * v[i]) + ((1 - Beta2) * gi * gi);
                p[i] -= lr * m[i] / (MathF.Sqrt(v[i]) + Epsilon);
            }
        }
    }
}
