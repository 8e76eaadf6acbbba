using System.Numerics.Tensors;
using Ascribe.Accurate.Encoding;
using Ascribe.Accurate.Head;

namespace Ascribe.Accurate.Training;

/// <summary>
/// Trains the head together with the top <see cref="HeadTrainingOptions.TuneLayers"/> encoder layers.
/// The layers below are frozen: their output for every window is computed once by ONNX Runtime
/// (<see cref="MiniLmEncoder.EncodeWindows"/>) and kept as halves. Each document then runs the tuned
/// layers forward in C# (<see cref="TransformerLayer"/>), the head takes the first piece of every
/// token from the window that owns it, exactly as at inference, and the head's input gradients flow
/// back through the tuned layers. The head steps with Adam every batch of tokens, the encoder once a
/// document, with a linear warm-up. The epoch with the best mean dev F1 is kept. Repeatable to
/// within rounding only: parallel threads sum the windows' gradients in the order they finish.
/// </summary>
internal sealed class EncoderTuner
{
    private readonly HeadTrainingOptions _options;
    private readonly Action<string> _log;

    public EncoderTuner(HeadTrainingOptions options, Action<string> log)
    {
        _options = options;
        _log = log;
    }

    /// <summary>A training document: the head's example (without vectors), its pieces, windows and frozen window inputs.</summary>
    internal sealed record Document(HeadTrainer.Example Example, WordPieces Pieces, List<(int Start, int Length)> Windows, int[] Owner, Half[][] Inputs);

    /// <summary>The first tuned layer: the frozen encoder's output below it is what <see cref="Document.Inputs"/> holds.</summary>
    public static int FirstTuned(HeadTrainingOptions options) => MiniLmEncoder.LayerCount - options.TuneLayers;

    internal static Document Prepare(HeadTrainer.Example example, MiniLmEncoder below)
    {
        var pieces = below.Splitter.Split(example.Doc);
        var windows = below.WindowsOf(pieces);
        var owner = MiniLmEncoder.Owners(pieces.Ids.Length, windows);
        var inputs = below.EncodeWindows(pieces).Select(rows =>
        {
            var halves = new Half[rows.Length];
            TensorPrimitives.ConvertToHalf(rows, halves);
            return halves;
        }).ToArray();
        return new Document(example, pieces, windows, owner, inputs);
    }

    /// <summary>Throws when <see cref="HeadTrainingOptions.Start"/> does not fit the run: it tuned a layer this run keeps frozen, or has another hidden size.</summary>
    /// <exception cref="ArgumentException">The starting head does not fit.</exception>
    public static void CheckStart(HeadTrainingOptions options)
    {
        if (options.Start is not { } start)
        {
            return;
        }

        int first = FirstTuned(options);
        if (start.Hidden != options.Hidden || start.TunedLayers.Any(l => l < first))
        {
            throw new ArgumentException($"the starting head tuned layers {string.Join(", ", start.TunedLayers)} with {start.Hidden} hidden units; this run tunes layers {first}-{MiniLmEncoder.LayerCount - 1} with {options.Hidden}");
        }
    }

    /// <returns>
    /// The head (with its tuned layers) of the best epoch, the starting head counting as epoch 0,
    /// with its begin biases calibrated on dev, and its dev F1 per role.
    /// </returns>
    public (AccurateHead Head, double[] DevF1) Train(List<Document> train, List<Document> dev, byte[] model)
    {
        CheckStart(_options);
        var rng = new Random(_options.Seed);
        var head = _options.Start?.Copy() ?? HeadTrainer.NewHead(_options, rng);
        HeadTrainer.StartJoint(head, _options);
        var step = new HeadTrainer.HeadStep(head, _options, rng);
        int first = FirstTuned(_options);
        var tuned = Enumerable.Range(first, _options.TuneLayers).Select(l => LayerWeights.Read(model, l)).ToArray();
        foreach (var (layer, weights) in _options.Start?.Tuned ?? Array.Empty<(int, LayerWeights)>())
        {
            // Continue from a tuned head: its layers replace the pretrained ones they tuned.
            tuned[layer - first] = weights.Clone();
        }

        var adam = tuned.Select(w => w.Arrays.Select(a => new HeadTrainer.Adam(a.Length)).ToArray()).ToArray();
        int tokens = train.Sum(d => d.Example.Doc.TokenCount);
        int warmup = Math.Max(1, train.Count / 10), encoderStep = 0;
        _log($"tuning layers {first}-{MiniLmEncoder.LayerCount - 1} with the head on {tokens} tokens, {train.Sum(d => d.Windows.Count)} windows; encoder learning rate {_options.EncoderLearningRate:G3}{(_options.EncoderDropout > 0 ? $", dropout {_options.EncoderDropout:G3}" : string.Empty)}, warm-up {warmup} documents{(_options.Crf ? ", CRF loss per document" : string.Empty)}");

        var epochs = new HeadTrainer.EpochSelector(_log, _options.BeginBiases);
        // Each epoch also competes averaged with the one before it; a head's dev examples are encoded with its own tuned layers.
        void Offer(int epoch, double? loss) => epochs.OfferEpoch(
            epoch,
            loss,
            head.Copy(tuned.Select((w, i) => (first + i, w)).ToArray()),
            h => dev.Select(d => Encode(h.Tuned.Select(t => t.Weights).ToArray(), d)).ToList(),
            _options.EpochFiles,
            averageWithPrevious: true);

        if (_options.Start is not null)
        {
            // The starting head competes as epoch 0, so more epochs never keep a worse head.
            Offer(0, null);
        }

        var order = Enumerable.Range(0, train.Count).ToArray();
        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double loss = 0;
            int seen = 0, docs = 0;
            foreach (int di in order)
            {
                var doc = train[di];
                int n = doc.Example.Doc.TokenCount;
                if (n == 0)
                {
                    continue;
                }

                var acts = ForwardWindows(tuned, doc, _options.EncoderDropout, _options.EncoderDropout > 0 ? rng.Next() : 0);
                var vectors = TokenVectors(doc, acts.Select(a => a[^1].Y).ToArray());

                // At a zero encoder rate only the head learns, and nothing flows back into the layers.
                bool tuneEncoder = _options.EncoderLearningRate > 0;
                var dVectors = tuneEncoder ? new float[vectors.Length] : Array.Empty<float>();
                if (_options.Crf)
                {
                    loss += step.Sequence(vectors, doc.Example, dVectors);
                }
                else
                {
                    var positions = Enumerable.Range(0, n).ToArray();
                    rng.Shuffle(positions);
                    foreach (int t in positions)
                    {
                        loss += step.Token(vectors, doc.Example, t, dVectors);
                    }
                }

                if (tuneEncoder)
                {
                    var grads = BackwardWindows(tuned, doc, acts, dVectors);
                    encoderStep++;
                    float lr = _options.EncoderLearningRate * Math.Min(1f, (float)encoderStep / warmup);
                    for (int l = 0; l < tuned.Length; l++)
                    {
                        for (int k = 0; k < tuned[l].Arrays.Length; k++)
                        {
                            adam[l][k].Step(tuned[l].Arrays[k], grads[l].Arrays[k], 1f / n, lr, encoderStep);
                        }
                    }
                }

                seen += n;
                if (++docs % 100 == 0)
                {
                    _log($"epoch {epoch}: {docs} documents, {seen} tokens, mean loss {loss / seen:F4}");
                }
            }

            Offer(epoch, loss / tokens);
        }

        return epochs.Finish();
    }

    /// <summary>The head's example for <paramref name="doc"/> with token vectors from the tuned layers.</summary>
    internal static HeadTrainer.Example Encode(LayerWeights[] tuned, Document doc)
    {
        var acts = ForwardWindows(tuned, doc);
        var vectors = TokenVectors(doc, acts.Select(a => a[^1].Y).ToArray());
        var halves = new Half[vectors.Length];
        TensorPrimitives.ConvertToHalf(vectors, halves);
        return doc.Example with { Vectors = halves };
    }

    /// <summary>
    /// Activations of every tuned layer for every window: <c>[window][layer]</c>; with a
    /// <paramref name="dropout"/> rate, each window and layer drops units with masks drawn from
    /// <paramref name="seed"/>.
    /// </summary>
    private static TransformerLayer.Activations[][] ForwardWindows(LayerWeights[] tuned, Document doc, float dropout = 0, int seed = 0)
    {
        var acts = new TransformerLayer.Activations[doc.Inputs.Length][];
        Parallel.For(0, doc.Inputs.Length, w =>
        {
            var x = new float[doc.Inputs[w].Length];
            TensorPrimitives.ConvertToSingle(doc.Inputs[w], x);
            acts[w] = new TransformerLayer.Activations[tuned.Length];
            for (int l = 0; l < tuned.Length; l++)
            {
                acts[w][l] = TransformerLayer.Forward(tuned[l], x, new TransformerLayer.Dropout(dropout, unchecked((seed * 1_000_003) + (w * 64) + l)));
                x = acts[w][l].Y;
            }
        });
        return acts;
    }

    /// <summary>Each token's vector: its first piece's row in the window that owns that piece.</summary>
    private static float[] TokenVectors(Document doc, float[][] outputs)
    {
        const int D = MiniLmEncoder.HiddenSize;
        var pieces = doc.Pieces;
        var vectors = new float[pieces.TokenCount * D];
        for (int t = 0; t < pieces.TokenCount; t++)
        {
            var (w, pos) = Row(doc, t);
            outputs[w].AsSpan(pos * D, D).CopyTo(vectors.AsSpan(t * D, D));
        }

        return vectors;
    }

    private static (int Window, int Row) Row(Document doc, int token) => MiniLmEncoder.RowOf(doc.Pieces, doc.Windows, doc.Owner, token);

    /// <summary>Back-propagates the token-vector gradients through the tuned layers of every window; returns the summed weight gradients per layer.</summary>
    private static LayerWeights[] BackwardWindows(LayerWeights[] tuned, Document doc, TransformerLayer.Activations[][] acts, float[] dVectors)
    {
        const int D = MiniLmEncoder.HiddenSize;
        var dy = acts.Select(a => new float[a[^1].Y.Length]).ToArray();
        for (int t = 0; t < doc.Pieces.TokenCount; t++)
        {
            var (w, pos) = Row(doc, t);
            dVectors.AsSpan(t * D, D).CopyTo(dy[w].AsSpan(pos * D, D));
        }

        var total = tuned.Select(_ => LayerWeights.Zeros()).ToArray();
        var gate = new object();
        Parallel.For(
            0,
            acts.Length,
            () => tuned.Select(_ => LayerWeights.Zeros()).ToArray(),
            (w, _, local) =>
            {
                var d = dy[w];
                for (int l = tuned.Length - 1; l >= 0; l--)
                {
                    d = TransformerLayer.Backward(tuned[l], acts[w][l], d!, local[l], inputGradient: l > 0);
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (int l = 0; l < total.Length; l++)
                    {
                        for (int k = 0; k < total[l].Arrays.Length; k++)
                        {
                            TensorPrimitives.Add(total[l].Arrays[k], local[l].Arrays[k], total[l].Arrays[k]);
                        }
                    }
                }
            });
        return total;
    }
}
