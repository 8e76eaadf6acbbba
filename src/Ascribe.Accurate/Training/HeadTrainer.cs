using System.Numerics.Tensors;
using Ascribe.Accurate.Encoding;
using Ascribe.Accurate.Head;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Accurate.Training;

/// <summary>Settings of one training run; the defaults made the shipped head.</summary>
public sealed record HeadTrainingOptions
{
    public int Hidden { get; init; } = 128;
    public int Epochs { get; init; } = 4;
    public int BatchSize { get; init; } = 32;
    public float LearningRate { get; init; } = 1e-3f;
    public float Dropout { get; init; } = 0.2f;
    public int Seed { get; init; } = 13;

    /// <summary>Encoder layers (0-based) the head reads, concatenated.</summary>
    public int[] Layers { get; init; } = { 5 };

    /// <summary>Top encoder layers trained with the head (0 = frozen encoder); the head then reads the last layer.</summary>
    public int TuneLayers { get; init; }

    /// <summary>Peak Adam learning rate of the tuned encoder layers.</summary>
    public float EncoderLearningRate { get; init; } = 5e-5f;

    /// <summary>With <see cref="TuneLayers"/>: the dropout rate inside the tuned layers while training (attention probabilities, attention and feed-forward outputs), as BERT is fine-tuned; 0 drops nothing.</summary>
    public float EncoderDropout { get; init; }

    /// <summary>A tuned head to continue training from (its head weights and tuned layers), instead of a fresh head over the pretrained layers.</summary>
    public AccurateHead? Start { get; init; }

    /// <summary>Layers to encode and cache (a superset of <see cref="Layers"/>), so that several choices can be tried on one cache; null = <see cref="Layers"/>.</summary>
    public int[]? CacheLayers { get; init; }

    /// <summary>With <see cref="TuneLayers"/>: where to write each epoch's head, uncalibrated (<c>{EpochFiles}{epoch}.bin</c>), for averaging later; null = not written.</summary>
    public string? EpochFiles { get; init; }

    /// <summary>Train each role as a linear-chain CRF over whole documents (learning the head's transitions) instead of with a softmax per token.</summary>
    public bool Crf { get; init; }

    /// <summary>
    /// With <see cref="Crf"/>: train the three roles as one CRF over the seven joint tags
    /// (<see cref="JointTags"/>), learning how the roles follow each other, and decode them jointly;
    /// with no epochs, decode the start head's role chains jointly (their composed transitions).
    /// </summary>
    public bool Joint { get; init; }

    /// <summary>With <see cref="Start"/> and no <see cref="TuneLayers"/>: train a new head from random weights over the start head's tuned encoder (a member for an ensemble) instead of continuing its head.</summary>
    public bool NewHead { get; init; }

    /// <summary>
    /// A new head that does not read the fast extractor's marks (<see cref="TokenFlags.FastMarksStart"/>):
    /// their input weights start and stay zero, so the head errs apart from the heads stacked on
    /// the fast extractor, as an ensemble member should.
    /// </summary>
    public bool IgnoreFastMarks { get; init; }

    /// <summary>Train on every annotator's attributions of a training article, each as one more example (PolNeAR: 919 annotations of 840 articles), instead of the first annotator's alone.</summary>
    public bool AllAnnotators { get; init; }

    /// <summary>Begin biases (source, cue, content) to keep instead of calibrating each role's on dev; null = calibrate.</summary>
    public float[]? BeginBiases { get; init; }
}

/// <summary>
/// Trains <see cref="AccurateHead"/> on gold articles with Adam and cross-entropy over the three
/// O/B/I role tags, keeping the epoch with the best mean exact-span F1 on the development articles
/// (spans compared on Ascribe tokens). Deterministic for a given seed, data and encoder.
/// </summary>
public sealed class HeadTrainer
{
    private readonly HeadTrainingOptions _options;
    private readonly Action<string> _log;

    public HeadTrainer(HeadTrainingOptions options, Action<string> log)
    {
        _options = options;
        _log = log;
    }

    /// <summary>A document prepared for training: text layer, fast attributions, vectors, flags and gold tags.</summary>
    internal sealed record Example(Document Doc, Half[] Vectors, float[] Flags, byte[] Tags);

    /// <summary>The pipeline whose output the head reads: the text layer and the fast extractor.</summary>
    public static Pipeline FeaturePipeline() => AccuratePipeline.FeatureLayer().Build();

    /// <param name="select">Positions, in the cached layers, of the layers to keep.</param>
    internal static List<Example> Prepare(IEnumerable<GoldArticle> articles, EncodingCache cache, int[] select, Action<string> log)
    {
        var pipeline = FeaturePipeline();
        var examples = new List<Example>();
        foreach (var a in articles)
        {
            var doc = pipeline.Run(a.Id, a.Text);
            examples.Add(new Example(doc, Select(cache.Get(doc), cache.Width, select), TokenFlags.Compute(doc), GoldTags(doc, a)));
            if (examples.Count % 100 == 0)
            {
                log($"prepared {examples.Count} articles");
            }
        }

        return examples;
    }

    private static Half[] Select(Half[] rows, int width, int[] select)
    {
        int layers = width / MiniLmEncoder.HiddenSize;
        if (select.Length == layers && select.Select((l, i) => l == i).All(x => x))
        {
            return rows;
        }

        int n = rows.Length / width, outWidth = select.Length * MiniLmEncoder.HiddenSize;
        var result = new Half[n * outWidth];
        for (int t = 0; t < n; t++)
        {
            for (int k = 0; k < select.Length; k++)
            {
                rows.AsSpan(t * width + select[k] * MiniLmEncoder.HiddenSize, MiniLmEncoder.HiddenSize).CopyTo(result.AsSpan(t * outWidth + k * MiniLmEncoder.HiddenSize));
            }
        }

        return result;
    }

    /// <summary>Gold O/B/I tags <c>[tokenCount, 3]</c>; a span nested in a longer span of the same role is dropped.</summary>
    internal static byte[] GoldTags(Document doc, GoldArticle a)
    {
        var tags = new byte[doc.TokenCount * Roles.Count];
        for (int r = 0; r < Roles.Count; r++)
        {
            var ranges = new List<(int Start, int End)>();
            foreach (var (_, kind, fragments) in a.Gold.Spans)
            {
                if (kind != Roles.Names[r])
                {
                    continue;
                }

                foreach (var (s, e) in fragments)
                {
                    var range = doc.TokenRange(new TextSpan(s, e));
                    if (e > s && range.End > range.Start)
                    {
                        ranges.Add(range);
                    }
                }
            }

            foreach (var (s, e) in ranges.OrderByDescending(x => x.End - x.Start).ThenBy(x => x.Start))
            {
                bool free = true;
                for (int t = s; t < e && free; t++)
                {
                    free = tags[t * Roles.Count + r] == Roles.O;
                }

                if (!free)
                {
                    continue;
                }

                for (int t = s; t < e; t++)
                {
                    tags[t * Roles.Count + r] = t == s ? Roles.B : Roles.I;
                }
            }
        }

        return tags;
    }

    /// <summary>A head with He-initialized weights for <see cref="HeadTrainingOptions.Layers"/>.</summary>
    internal static AccurateHead NewHead(HeadTrainingOptions options, Random rng)
    {
        int h = options.Hidden, o = Roles.Outputs;
        int d = (2 * AccurateHead.Context + 1) * (MiniLmEncoder.HiddenSize * options.Layers.Length + TokenFlags.Count);
        var w1 = new float[h * d];
        var w2 = new float[o * h];
        float s1 = MathF.Sqrt(2f / d), s2 = MathF.Sqrt(1f / h);
        for (int i = 0; i < w1.Length; i++)
        {
            w1[i] = Gaussian(rng) * s1;
        }

        for (int i = 0; i < w2.Length; i++)
        {
            w2[i] = Gaussian(rng) * s2;
        }

        if (options.IgnoreFastMarks)
        {
            int per = d / (2 * AccurateHead.Context + 1), flags = per - TokenFlags.Count;
            for (int j = 0; j < h; j++)
            {
                for (int k = 0; k < 2 * AccurateHead.Context + 1; k++)
                {
                    w1.AsSpan((j * d) + (k * per) + flags + TokenFlags.FastMarksStart, TokenFlags.FastMarksCount).Clear();
                }
            }
        }

        return new AccurateHead(options.Layers, h, w1, new float[h], w2, new float[o]);
    }

    /// <summary>With <see cref="HeadTrainingOptions.Joint"/>, a head of role chains starts joint training, or decoding, from their composition.</summary>
    internal static void StartJoint(AccurateHead head, HeadTrainingOptions options)
    {
        if (options.Joint && !head.IsJoint)
        {
            JointTags.Compose(head.Transitions).CopyTo(head.JointTransitions, 0);
        }
    }

    /// <returns>The head of the best epoch, its begin biases calibrated on dev, and its dev F1 per role.</returns>
    internal (AccurateHead Head, double[] DevF1) Train(List<Example> train, List<Example> dev)
    {
        var rng = new Random(_options.Seed);
        var head = _options.Start is not { } start ? NewHead(_options, rng)
            : _options.NewHead ? NewHead(_options, rng).Copy(start.Tuned) : start.Copy();
        bool continues = _options.Start is not null && !_options.NewHead;
        StartJoint(head, _options);
        var step = new HeadStep(head, _options, rng);
        var order = new List<(int Doc, int Token)>();
        for (int i = 0; i < train.Count; i++)
        {
            for (int t = 0; t < train[i].Doc.TokenCount; t++)
            {
                order.Add((i, t));
            }
        }

        _log($"training on {order.Count} tokens, input {head.InputDim}, hidden {head.Hidden}{(_options.Crf ? ", CRF loss per document" : string.Empty)}");
        var floats = new float[train.Count == 0 ? 0 : train.Max(e => e.Vectors.Length)];
        int floatsDoc = -1;
        var epochs = new EpochSelector(_log, _options.BeginBiases);
        // A run from a start head, continued or new: each epoch also competes averaged with the one before it.
        void Offer(int epoch, double? loss) => epochs.OfferEpoch(epoch, loss, head.Copy(), _ => dev, _options.EpochFiles, averageWithPrevious: _options.Start is not null);

        if (continues)
        {
            // The starting head competes as epoch 0, so more epochs never keep a worse head.
            Offer(0, null);
        }

        var docs = Enumerable.Range(0, train.Count).ToArray();
        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            double loss = 0;
            if (_options.Crf)
            {
                // The CRF reads whole documents, in random order.
                rng.Shuffle(docs);
                foreach (int di in docs)
                {
                    var ex = train[di];
                    TensorPrimitives.ConvertToSingle(ex.Vectors, floats.AsSpan(0, ex.Vectors.Length));
                    loss += step.Sequence(floats.AsSpan(0, ex.Vectors.Length), ex, default);
                }
            }
            else
            {
                var shuffled = order.ToArray();
                rng.Shuffle(shuffled);
                int seen = 0;
                foreach (var (di, t) in GroupByDocument(shuffled, rng))
                {
                    var ex = train[di];
                    if (floatsDoc != di)
                    {
                        TensorPrimitives.ConvertToSingle(ex.Vectors, floats.AsSpan(0, ex.Vectors.Length));
                        floatsDoc = di;
                    }

                    loss += step.Token(floats.AsSpan(0, ex.Vectors.Length), ex, t, default);
                    if (++seen % 100_000 == 0)
                    {
                        _log($"epoch {epoch}: {seen} tokens, mean loss {loss / seen:F4}");
                    }
                }
            }

            Offer(epoch, loss / order.Count);
        }

        return epochs.Finish();
    }

    /// <summary>
    /// Logs each epoch's loss, calibrates its begin biases (<see cref="Calibrate"/>, which logs the
    /// dev F1 before and after) and keeps the head of the epoch with the best mean calibrated F1 (the
    /// first of equals), so that epochs are compared as they would be shipped.
    /// </summary>
    internal sealed class EpochSelector
    {
        private readonly Action<string> _log;
        private readonly float[]? _biases;
        private double _bestMean = -1;

        /// <param name="biases">Begin biases every offered head gets instead of calibrated ones; null = calibrate.</param>
        public EpochSelector(Action<string> log, float[]? biases = null)
        {
            _log = log;
            _biases = biases;
        }

        public AccurateHead? Best { get; private set; }

        public double[] BestF1 { get; private set; } = Array.Empty<double>();

        private AccurateHead? _previous;

        /// <summary>
        /// Offers one epoch's head and, when <paramref name="averageWithPrevious"/>, its element-wise
        /// mean with the head offered here before it (checkpoint averaging: at a constant learning
        /// rate successive epochs scatter around a minimum, and their mean often lies nearer its
        /// centre than either). Writes the head, uncalibrated, to <c>{epochFiles}{epoch}.bin</c> when
        /// given. Calibration sets the biases and may drop a role's transitions, so the selector
        /// calibrates a copy and the mean with the next epoch reads the transitions as learned.
        /// </summary>
        /// <param name="head">The epoch's head (with its tuned layers); not changed.</param>
        /// <param name="devOf">The development examples as a head sees them (over tuned layers, re-encoded with that head's).</param>
        public void OfferEpoch(int epoch, double? loss, AccurateHead head, Func<AccurateHead, List<Example>> devOf, string? epochFiles, bool averageWithPrevious)
        {
            if (epochFiles is { } prefix)
            {
                AccurateTraining.Save(head, $"{prefix}{epoch}.bin");
            }

            Offer(epoch, loss, devOf(head), head.Copy());
            if (averageWithPrevious && _previous is not null)
            {
                var mean = AccurateHead.Average(new[] { _previous, head });
                Offer(epoch, loss, devOf(mean), mean, averaged: true);
            }

            _previous = head;
        }

        /// <param name="loss">The epoch's mean training loss; null for the starting head (epoch 0), which was not trained.</param>
        /// <param name="head">A copy of the epoch's head (with its tuned layers), which calibration changes and the selector may keep.</param>
        /// <param name="averaged">The head is the mean of epoch <paramref name="epoch"/> and the one before it.</param>
        public void Offer(int epoch, double? loss, List<Example> dev, AccurateHead head, bool averaged = false)
        {
            _log(averaged ? $"epoch {epoch} averaged with epoch {epoch - 1}" : $"epoch {epoch}: {(loss is { } l ? $"loss {l:F4}" : "starting head")}");
            double[] f1;
            if (_biases is null)
            {
                f1 = Calibrate(head, dev, _log);
            }
            else
            {
                _biases.CopyTo(head.BeginBias, 0);
                f1 = Evaluate(head, dev);
                _log($"begin biases {string.Join(" / ", _biases.Select(b => b.ToString("+0.00;-0.00;0", System.Globalization.CultureInfo.InvariantCulture)))} (given): dev exact F1 on Ascribe tokens {f1[0]:F1} / {f1[1]:F1} / {f1[2]:F1}");
            }

            double mean = (f1[0] + f1[1] + f1[2]) / 3;
            if (mean > _bestMean)
            {
                _bestMean = mean;
                Best = head;
                BestF1 = f1;
            }
        }

        /// <summary>The kept head, its begin biases calibrated, and its dev F1 with them.</summary>
        public (AccurateHead Head, double[] DevF1) Finish()
        {
            var head = Best ?? throw new InvalidOperationException("no epoch was offered");
            _log($"kept the head with dev exact F1 on Ascribe tokens source {BestF1[0]:F1} cue {BestF1[1]:F1} content {BestF1[2]:F1}");
            return (head, BestF1);
        }
    }

    /// <summary>
    /// The head's forward and backward passes with dropout, and an Adam step every
    /// <see cref="HeadTrainingOptions.BatchSize"/> tokens: one token at a time with the per-token
    /// softmax (<see cref="Token"/>), or a whole document as a linear-chain CRF per role
    /// (<see cref="Sequence"/>), which also learns the head's transitions. Optionally adds the
    /// gradient of the tokens' input vectors (their windows of encoder rows) to a per-token array.
    /// </summary>
    internal sealed class HeadStep
    {
        private readonly AccurateHead _head;
        private readonly HeadTrainingOptions _options;
        private readonly Random _rng;
        private readonly Adam[] _adam;
        private readonly Adam _adamTransitions = new(AccurateHead.TransitionCount);
        private readonly Adam _adamJoint = new(JointTags.TransitionCount);
        private readonly float[] _g1, _gb1, _g2, _gb2, _gTransitions = new float[AccurateHead.TransitionCount], _gJoint = new float[JointTags.TransitionCount];
        private readonly float[] _x, _dx, _hidden, _logits, _dh;
        private readonly bool[] _keep;
        private int _inBatch, _step, _transitionStep;

        /// <summary>Adam rate of the CRF transitions: a few hundred documents move them by whole units.</summary>
        private const float TransitionLearningRate = 1e-2f;

        public HeadStep(AccurateHead head, HeadTrainingOptions options, Random rng)
        {
            _head = head;
            _options = options;
            _rng = rng;
            int h = head.Hidden, o = Roles.Outputs, d = head.InputDim;
            _adam = new[] { new Adam(h * d), new Adam(h), new Adam(o * h), new Adam(o) };
            _g1 = new float[h * d];
            _gb1 = new float[h];
            _g2 = new float[o * h];
            _gb2 = new float[o];
            _x = new float[d];
            _dx = new float[d];
            _hidden = new float[h];
            _logits = new float[o];
            _dh = new float[h];
            _keep = new bool[h];
        }

        /// <returns>The token's loss (summed over the three roles).</returns>
        /// <param name="dVectors">Empty, or <c>[tokenCount × EncoderDim]</c> to receive the input gradient.</param>
        public double Token(ReadOnlySpan<float> vectors, Example ex, int t, Span<float> dVectors)
        {
            Forward(vectors, ex, t, _hidden, _keep, _logits);
            double loss = 0;
            for (int r = 0; r < Roles.Count; r++)
            {
                var z = _logits.AsSpan(r * 3, 3);
                AccurateHead.LogSoftmax(z);
                int gold = ex.Tags[t * Roles.Count + r];
                loss -= z[gold];
                for (int k = 0; k < 3; k++)
                {
                    z[k] = MathF.Exp(z[k]) - (k == gold ? 1 : 0);
                }
            }

            Backward(vectors, ex, t, _hidden, _keep, _logits, dVectors);
            return loss;
        }

        /// <summary>
        /// One document as a linear-chain CRF per role: the tag scores of every token (with
        /// dropout) and the role's transitions score each tag sequence; the loss is the negative
        /// log-likelihood of the gold sequence, whose gradient is each tag's marginal probability
        /// (forward-backward) minus its gold indicator. With <see cref="HeadTrainingOptions.Joint"/>,
        /// one CRF over the joint tags instead (<see cref="JointSequence"/>).
        /// </summary>
        /// <returns>The document's loss (summed over the three roles, or the joint chain's).</returns>
        public double Sequence(ReadOnlySpan<float> vectors, Example ex, Span<float> dVectors)
        {
            int n = ex.Doc.TokenCount, h = _head.Hidden, o = Roles.Outputs;
            if (n == 0)
            {
                return 0;
            }

            var hidden = new float[n * h];
            var keep = new bool[n * h];
            var logits = new float[n * o];
            for (int t = 0; t < n; t++)
            {
                Forward(vectors, ex, t, hidden.AsSpan(t * h, h), keep.AsSpan(t * h, h), logits.AsSpan(t * o, o));
            }

            if (_options.Joint)
            {
                return JointSequence(vectors, ex, dVectors, hidden, keep, logits);
            }

            double loss = 0;
            var gold = new byte[n];
            var emissions = new float[n * 3];
            var dEmissions = new float[n * 3];
            for (int r = 0; r < Roles.Count; r++)
            {
                for (int t = 0; t < n; t++)
                {
                    gold[t] = ex.Tags[t * Roles.Count + r];
                    logits.AsSpan(t * o + r * 3, 3).CopyTo(emissions.AsSpan(t * 3, 3));
                }

                loss += Crf.Gradient(emissions, _head.Transitions.AsSpan(r * 9, 9), gold, dEmissions, _gTransitions.AsSpan(r * 9, 9));
                for (int t = 0; t < n; t++)
                {
                    dEmissions.AsSpan(t * 3, 3).CopyTo(logits.AsSpan(t * o + r * 3, 3));
                }
            }

            for (int t = 0; t < n; t++)
            {
                Backward(vectors, ex, t, hidden.AsSpan(t * h, h), keep.AsSpan(t * h, h), logits.AsSpan(t * o, o), dVectors);
            }

            // The transitions step once a document, on its mean gradient per token.
            _adamTransitions.Step(_head.Transitions, _gTransitions, 1f / n, TransitionLearningRate, ++_transitionStep);
            return loss;
        }

        /// <summary>
        /// The document's loss as one CRF over the joint tags: each joint tag's emission is the sum
        /// of its role tags' logits, so a role tag's gradient is the sum of its joint tags'.
        /// </summary>
        private double JointSequence(ReadOnlySpan<float> vectors, Example ex, Span<float> dVectors, float[] hidden, bool[] keep, float[] logits)
        {
            int n = ex.Doc.TokenCount, h = _head.Hidden, o = Roles.Outputs;
            const int J = JointTags.Count;
            var emissions = JointTags.Emissions(logits, n, default);
            var dEmissions = new float[n * J];
            Span<float> a = stackalloc float[JointTags.TransitionCount];
            JointTags.Matrix(_head.JointTransitions, a);
            double loss = Head.Crf.Gradient(emissions, a, J, JointTags.Gold(ex.Tags, n), dEmissions, _gJoint);
            Array.Clear(logits);
            for (int t = 0; t < n; t++)
            {
                for (int j = 0; j < J; j++)
                {
                    float g = dEmissions[t * J + j];
                    for (int r = 0; r < Roles.Count; r++)
                    {
                        logits[t * o + r * 3 + JointTags.RoleTag(j, r)] += g;
                    }
                }
            }

            for (int t = 0; t < n; t++)
            {
                Backward(vectors, ex, t, hidden.AsSpan(t * h, h), keep.AsSpan(t * h, h), logits.AsSpan(t * o, o), dVectors);
            }

            // Forbidden moves have no gradient to give; keep their stored scores at zero.
            for (int i = 0; i < _gJoint.Length; i++)
            {
                if (float.IsNegativeInfinity(a[i]))
                {
                    _gJoint[i] = 0;
                }
            }

            _adamJoint.Step(_head.JointTransitions, _gJoint, 1f / n, TransitionLearningRate, ++_transitionStep);
            return loss;
        }

        /// <summary>Token <paramref name="t"/>'s input row into <c>_x</c>, without the fast extractor's marks when the head ignores them (so their weights get no gradient).</summary>
        private void Input(ReadOnlySpan<float> vectors, Example ex, int t)
        {
            _head.Input(vectors, ex.Flags, ex.Doc.TokenCount, t, _x);
            if (_options.IgnoreFastMarks)
            {
                for (int k = 0; k < (2 * AccurateHead.Context) + 1; k++)
                {
                    _x.AsSpan((k * _head.PerToken) + _head.EncoderDim + TokenFlags.FastMarksStart, TokenFlags.FastMarksCount).Clear();
                }
            }
        }

        /// <summary>Token <paramref name="t"/>'s hidden layer after dropout (kept units scaled up) and its logits on it.</summary>
        private void Forward(ReadOnlySpan<float> vectors, Example ex, int t, Span<float> hidden, Span<bool> keep, Span<float> logits)
        {
            var head = _head;
            int h = head.Hidden;
            float dropout = _options.Dropout;
            Input(vectors, ex, t);
            head.Forward(_x, hidden, logits);
            for (int j = 0; j < h; j++)
            {
                keep[j] = _rng.NextSingle() >= dropout;
                hidden[j] = keep[j] ? hidden[j] / (1 - dropout) : 0;
            }

            // Logits are recomputed on the dropped-out hidden layer.
            for (int k = 0; k < Roles.Outputs; k++)
            {
                logits[k] = head.B2[k] + TensorPrimitives.Dot(head.W2.AsSpan(k * h, h), hidden);
            }
        }

        /// <summary>Backpropagates the logits' gradient <paramref name="dLogits"/> of token <paramref name="t"/> and steps Adam when a batch is full.</summary>
        private void Backward(ReadOnlySpan<float> vectors, Example ex, int t, ReadOnlySpan<float> hidden, ReadOnlySpan<bool> keep, ReadOnlySpan<float> dLogits, Span<float> dVectors)
        {
            var head = _head;
            int h = head.Hidden, o = Roles.Outputs, d = head.InputDim;
            float dropout = _options.Dropout;
            Input(vectors, ex, t);
            Array.Clear(_dh);
            for (int k = 0; k < o; k++)
            {
                _gb2[k] += dLogits[k];
                TensorPrimitives.MultiplyAdd(hidden, dLogits[k], _g2.AsSpan(k * h, h), _g2.AsSpan(k * h, h));
                TensorPrimitives.MultiplyAdd(head.W2.AsSpan(k * h, h), dLogits[k], _dh, _dh);
            }

            bool wantInput = !dVectors.IsEmpty;
            if (wantInput)
            {
                Array.Clear(_dx);
            }

            for (int j = 0; j < h; j++)
            {
                if (!keep[j] || hidden[j] <= 0)
                {
                    continue;
                }

                float g = _dh[j] / (1 - dropout);
                _gb1[j] += g;
                TensorPrimitives.MultiplyAdd(_x, g, _g1.AsSpan(j * d, d), _g1.AsSpan(j * d, d));
                if (wantInput)
                {
                    TensorPrimitives.MultiplyAdd(head.W1.AsSpan(j * d, d), g, _dx, _dx);
                }
            }

            if (wantInput)
            {
                int n = ex.Doc.TokenCount, dim = head.EncoderDim;
                for (int k = -AccurateHead.Context; k <= AccurateHead.Context; k++)
                {
                    int u = t + k;
                    if ((uint)u < (uint)n)
                    {
                        var dst = dVectors.Slice(u * dim, dim);
                        TensorPrimitives.Add(dst, _dx.AsSpan((k + AccurateHead.Context) * head.PerToken, dim), dst);
                    }
                }
            }

            if (++_inBatch == _options.BatchSize)
            {
                _step++;
                float scale = 1f / _inBatch;
                _adam[0].Step(head.W1, _g1, scale, _options.LearningRate, _step);
                _adam[1].Step(head.B1, _gb1, scale, _options.LearningRate, _step);
                _adam[2].Step(head.W2, _g2, scale, _options.LearningRate, _step);
                _adam[3].Step(head.B2, _gb2, scale, _options.LearningRate, _step);
                _inBatch = 0;
            }
        }
    }

    /// <summary>
    /// Visits every (document, token) pair once in random order, documents in random order and
    /// tokens shuffled within a document, so vectors are converted from halves once per document.
    /// </summary>
    private static IEnumerable<(int Doc, int Token)> GroupByDocument((int Doc, int Token)[] shuffled, Random rng)
    {
        var byDoc = shuffled.GroupBy(p => p.Doc).Select(g => g.ToArray()).ToArray();
        rng.Shuffle(byDoc);
        foreach (var tokens in byDoc)
        {
            foreach (var p in tokens)
            {
                yield return p;
            }
        }
    }

    /// <summary>Exact-span F1 per role on Ascribe tokens, decoded with the head's begin biases.</summary>
    internal static double[] Evaluate(AccurateHead head, List<Example> dev)
    {
        var scored = Score(head, dev);
        if (head.IsJoint)
        {
            return JointF1(scored, Enumerable.Range(0, Roles.Count).Select(r => GoldSpans(dev, r)).ToArray(), head.BeginBias, head.JointTransitions);
        }

        return Enumerable.Range(0, Roles.Count).Select(r => RoleF1(scored, GoldSpans(dev, r), r, head.BeginBias[r], head.Transitions)).ToArray();
    }

    /// <summary>
    /// Sets each role's <see cref="AccurateHead.BeginBias"/> to the value on a grid from -4 to 2
    /// (step 0.25) with the best exact-span F1 on <paramref name="dev"/> (the one nearest zero of
    /// equals), and returns the F1 per role with the chosen biases. For a CRF head each role is
    /// also decoded without its transitions, and they are dropped (set to zero) when that scores
    /// better: a role's transitions are learned jointly with the others and need not help it.
    /// </summary>
    internal static double[] Calibrate(AccurateHead head, List<Example> dev, Action<string> log)
    {
        if (head.IsJoint)
        {
            return CalibrateJoint(head, dev, log);
        }

        var scored = Score(head, dev);
        var f1 = new double[Roles.Count];
        var none = new float[AccurateHead.TransitionCount];
        for (int r = 0; r < Roles.Count; r++)
        {
            var gold = GoldSpans(dev, r);
            double before = RoleF1(scored, gold, r, head.BeginBias[r], head.Transitions);
            var (bias, best, drop) = (0f, -1.0, false);
            bool learned = head.Transitions.AsSpan(r * 9, 9).ContainsAnyExcept(0f);
            foreach (bool without in learned ? new[] { false, true } : new[] { false })
            {
                foreach (float b in Enumerable.Range(-16, 25).Select(i => i * 0.25f).OrderBy(MathF.Abs))
                {
                    double score = RoleF1(scored, gold, r, b, without ? none : head.Transitions);
                    if (score > best + 1e-9)
                    {
                        (bias, best, drop) = (b, score, without);
                    }
                }
            }

            head.BeginBias[r] = bias;
            if (drop)
            {
                head.Transitions.AsSpan(r * 9, 9).Clear();
            }

            f1[r] = best;
            log($"{Roles.Names[r]} begin bias {bias:+0.00;-0.00;0}{(drop ? ", transitions dropped" : string.Empty)}: dev exact F1 on Ascribe tokens {before:F1} -> {best:F1}");
        }

        return f1;
    }

    /// <summary>
    /// <see cref="Calibrate"/> for a head decoded as one chain: a role's bias moves the other
    /// roles' spans too, so the biases are chosen a role at a time, twice over, each for the best
    /// mean F1 of the three roles with the others' fixed.
    /// </summary>
    private static double[] CalibrateJoint(AccurateHead head, List<Example> dev, Action<string> log)
    {
        var scored = Score(head, dev);
        var gold = Enumerable.Range(0, Roles.Count).Select(r => GoldSpans(dev, r)).ToArray();
        var before = JointF1(scored, gold, head.BeginBias, head.JointTransitions);
        var biases = new float[Roles.Count];
        var best = JointF1(scored, gold, biases, head.JointTransitions);
        for (int sweep = 0; sweep < 2; sweep++)
        {
            for (int r = 0; r < Roles.Count; r++)
            {
                float keep = biases[r];
                foreach (float b in Enumerable.Range(-16, 25).Select(i => i * 0.25f).OrderBy(MathF.Abs))
                {
                    biases[r] = b;
                    var f1 = JointF1(scored, gold, biases, head.JointTransitions);
                    if (f1.Average() > best.Average() + 1e-9)
                    {
                        (best, keep) = (f1, b);
                    }
                }

                biases[r] = keep;
            }
        }

        biases.CopyTo(head.BeginBias, 0);
        log($"joint begin biases {string.Join(" / ", biases.Select(b => b.ToString("+0.00;-0.00;0", System.Globalization.CultureInfo.InvariantCulture)))}: dev exact F1 on Ascribe tokens {before[0]:F1} / {before[1]:F1} / {before[2]:F1} -> {best[0]:F1} / {best[1]:F1} / {best[2]:F1}");
        return best;
    }

    private static double[] JointF1(List<(Example Example, float[] Scores)> scored, HashSet<(int, int)>[][] gold, float[] biases, float[] joint)
    {
        var counts = new SpanCounts[Roles.Count];
        for (int d = 0; d < scored.Count; d++)
        {
            var (ex, scores) = scored[d];
            var roles = AccurateHead.DecodeJoint(scores, ex.Doc.TokenCount, biases, joint);
            for (int r = 0; r < Roles.Count; r++)
            {
                counts[r].Add(roles[r], gold[r][d]);
            }
        }

        return counts.Select(c => c.F1).ToArray();
    }

    private static List<(Example Example, float[] Scores)> Score(AccurateHead head, List<Example> dev) => dev.Select(ex =>
    {
        var floats = new float[ex.Vectors.Length];
        TensorPrimitives.ConvertToSingle(ex.Vectors, floats);
        return (ex, head.Score(floats, ex.Flags, ex.Doc.TokenCount));
    }).ToList();

    /// <summary>Each example's gold spans of <paramref name="role"/>, in <paramref name="dev"/> order.</summary>
    private static HashSet<(int, int)>[] GoldSpans(List<Example> dev, int role) => dev.Select(ex =>
    {
        var tags = new byte[ex.Doc.TokenCount];
        for (int t = 0; t < tags.Length; t++)
        {
            tags[t] = ex.Tags[t * Roles.Count + role];
        }

        return AccurateAttributionExtractor.Spans(tags).ToHashSet();
    }).ToArray();

    private static double RoleF1(List<(Example Example, float[] Scores)> scored, HashSet<(int, int)>[] gold, int role, float bias, float[] transitions)
    {
        var counts = default(SpanCounts);
        for (int d = 0; d < scored.Count; d++)
        {
            var (ex, scores) = scored[d];
            counts.Add(AccurateHead.Decode(scores, ex.Doc.TokenCount, role, bias, transitions), gold[d]);
        }

        return counts.F1;
    }

    /// <summary>Exact-span matches of one role summed over documents.</summary>
    private struct SpanCounts
    {
        private int _hit, _predicted, _gold;

        /// <summary>Exact-span F1 in percent: twice the matches over predicted plus gold spans.</summary>
        public readonly double F1 => _hit == 0 ? 0 : 200.0 * _hit / (_predicted + _gold);

        /// <summary>Counts the spans of one document's decoded <paramref name="tags"/> against its <paramref name="gold"/> spans.</summary>
        public void Add(byte[] tags, HashSet<(int, int)> gold)
        {
            var pred = AccurateAttributionExtractor.Spans(tags).ToHashSet();
            _hit += pred.Count(gold.Contains);
            _predicted += pred.Count;
            _gold += gold.Count;
        }
    }

    internal static float Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>Adam moments of one weight array; <see cref="Step"/> applies and clears the gradient.</summary>
    internal sealed class Adam
    {
        private readonly float[] _m;
        private readonly float[] _v;

        public Adam(int n)
        {
            _m = new float[n];
            _v = new float[n];
        }

        public void Step(float[] w, float[] g, float scale, float lr, int step)
        {
            const float B1 = 0.9f, B2 = 0.999f, Eps = 1e-8f;
            float c1 = 1 - MathF.Pow(B1, step), c2 = 1 - MathF.Pow(B2, step);
            for (int i = 0; i < w.Length; i++)
            {
                float gi = g[i] * scale;
                _m[i] = B1 * _m[i] + (1 - B1) * gi;
                _v[i] = B2 * _v[i] + (1 - B2) * gi * gi;
                w[i] -= lr * (_m[i] / c1) / (MathF.Sqrt(_v[i] / c2) + Eps);
            }

            Array.Clear(g);
        }
    }
}
