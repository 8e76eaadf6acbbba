using System.Numerics.Tensors;
using Ascribe.Accurate.Encoding;
using Ascribe.Core.Errors;

namespace Ascribe.Accurate.Head;

/// <summary>
/// A one-hidden-layer network over a token's window of three encoder vectors and flags
/// (<see cref="TokenFlags"/>), with three O/B/I outputs per token, one set per role, decoded by a
/// Viterbi pass per role over the tag scores and the role's <see cref="Transitions"/> (I never
/// follows O) after adding its <see cref="BeginBias"/> to the B scores, or, when it has
/// <see cref="JointTransitions"/>, by one Viterbi pass over the seven <see cref="JointTags"/>. A
/// head trained with the per-token softmax has zero transitions; one trained as a linear-chain
/// CRF has learned ones.
/// Immutable after loading; thread-safe.
/// </summary>
public sealed class AccurateHead
{
    internal const int Context = 1;
    private const uint Magic = 0x48435341; // "ASCH"
    private const int Version = 7;

    internal AccurateHead(int[] layers, int hidden, float[] w1, float[] b1, float[] w2, float[] b2)
    {
        Layers = layers;
        EncoderDim = MiniLmEncoder.HiddenSize * layers.Length;
        PerToken = EncoderDim + TokenFlags.Count;
        InputDim = (2 * Context + 1) * PerToken;
        Hidden = hidden;
        W1 = w1;
        B1 = b1;
        W2 = w2;
        B2 = b2;
    }

    public int Hidden { get; }

    /// <summary>Encoder layers (0-based) whose concatenated outputs the head reads.</summary>
    public int[] Layers { get; }

    internal int EncoderDim { get; }

    internal int PerToken { get; }

    internal int InputDim { get; }

    /// <summary>Hidden weights, row-major <c>[Hidden, InputDim]</c>.</summary>
    internal float[] W1 { get; }

    internal float[] B1 { get; }

    /// <summary>Output weights, row-major <c>[Roles.Outputs, Hidden]</c>.</summary>
    internal float[] W2 { get; }

    internal float[] B2 { get; }

    /// <summary>A deep copy of the weights, with copies of <paramref name="tuned"/> (default: this head's) as its tuned layers.</summary>
    internal AccurateHead Copy(IReadOnlyList<(int Layer, LayerWeights Weights)>? tuned = null) => new(Layers, Hidden, (float[])W1.Clone(), (float[])B1.Clone(), (float[])W2.Clone(), (float[])B2.Clone())
    {
        Tuned = (tuned ?? Tuned).Select(x => (x.Layer, x.Weights.Clone())).ToArray(),
        BeginBias = (float[])BeginBias.Clone(),
        Transitions = (float[])Transitions.Clone(),
        JointTransitions = (float[])JointTransitions.Clone(),
        Members = Members,
    };

    /// <summary>
    /// Further heads over the same encoder whose log-probabilities are averaged with this head's
    /// before decoding (an ensemble: heads trained from different random starts err in different
    /// places); empty for a single head. The ensemble decodes with this head's begin biases and
    /// transitions. Format version 6.
    /// </summary>
    public IReadOnlyList<AccurateHead> Members { get; init; } = Array.Empty<AccurateHead>();

    /// <summary>
    /// One ensemble of <paramref name="heads"/>: the first carries the tuned layers, the others
    /// (and their members) become its members; transitions are their mean, begin biases zero
    /// (calibrate the result).
    /// </summary>
    /// <exception cref="ArgumentException">The heads read different encoder layers or were trained over differently tuned layers.</exception>
    public static AccurateHead Ensemble(IReadOnlyList<AccurateHead> heads)
    {
        var first = heads[0];
        var flat = heads.SelectMany(h => h.Members.Prepend(h)).ToArray();
        foreach (var h in heads)
        {
            if (!h.Layers.SequenceEqual(first.Layers) || !SameTuned(h, first))
            {
                throw new ArgumentException("heads of one ensemble must read the same encoder layers, tuned alike", nameof(heads));
            }
        }

        var transitions = new float[TransitionCount];
        foreach (var h in heads)
        {
            TensorPrimitives.Add(transitions, h.Transitions, transitions);
        }

        TensorPrimitives.Divide(transitions, heads.Count, transitions);
        // Joint transitions when any head decodes jointly: a head of role chains contributes their composition.
        var joint = new float[JointTags.TransitionCount];
        if (heads.Any(h => h.IsJoint))
        {
            foreach (var h in heads)
            {
                TensorPrimitives.Add(joint, h.IsJoint ? h.JointTransitions : JointTags.Compose(h.Transitions), joint);
            }

            TensorPrimitives.Divide(joint, heads.Count, joint);
        }

        var members = flat.Skip(1).Select(h => new AccurateHead(h.Layers, h.Hidden, h.W1, h.B1, h.W2, h.B2)).ToArray();
        return new AccurateHead(first.Layers, first.Hidden, first.W1, first.B1, first.W2, first.B2) { Tuned = first.Tuned, Transitions = transitions, JointTransitions = joint, Members = members };
    }

    /// <summary>True when two heads tuned the same layers to the same weights.</summary>
    private static bool SameTuned(AccurateHead a, AccurateHead b) =>
        a.Tuned.Count == b.Tuned.Count && a.Tuned.Zip(b.Tuned).All(p => p.First.Layer == p.Second.Layer
            && p.First.Weights.Arrays.Zip(p.Second.Weights.Arrays).All(q => q.First.AsSpan().SequenceEqual(q.Second)));

    /// <summary>
    /// The element-wise mean of heads of one shape that tuned the same layers (checkpoint
    /// averaging: the mean of successive epochs of one run often generalizes better than any of
    /// them). Begin biases are zero; calibrate the result.
    /// </summary>
    /// <exception cref="ArgumentException">The heads differ in shape or tuned layers.</exception>
    public static AccurateHead Average(IReadOnlyList<AccurateHead> heads)
    {
        var first = heads[0];
        foreach (var h in heads)
        {
            if (h.InputDim != first.InputDim || h.Hidden != first.Hidden || !h.Layers.SequenceEqual(first.Layers) || !h.TunedLayers.SequenceEqual(first.TunedLayers))
            {
                throw new ArgumentException("heads to average must have one shape and tune the same layers", nameof(heads));
            }

            if (h.Members.Count > 0)
            {
                throw new ArgumentException("an ensemble's heads cannot be averaged", nameof(heads));
            }
        }

        float[] Mean(Func<AccurateHead, float[]> of)
        {
            var sum = new float[of(first).Length];
            foreach (var h in heads)
            {
                TensorPrimitives.Add(sum, of(h), sum);
            }

            TensorPrimitives.Divide(sum, heads.Count, sum);
            return sum;
        }

        var tuned = first.Tuned.Select((t, i) => (t.Layer, new LayerWeights(
            Enumerable.Range(0, t.Weights.Arrays.Length).Select(a => Mean(h => h.Tuned[i].Weights.Arrays[a])).ToArray()))).ToArray();
        return new AccurateHead(first.Layers, first.Hidden, Mean(h => h.W1), Mean(h => h.B1), Mean(h => h.W2), Mean(h => h.B2)) { Tuned = tuned, Transitions = Mean(h => h.Transitions), JointTransitions = Mean(h => h.JointTransitions) };
    }

    /// <summary>
    /// Per role, a constant added to the log-probability of B before decoding: below zero fewer
    /// spans start (precision over recall). Chosen on dev after training (<c>HeadTrainer.Calibrate</c>);
    /// zeros in heads of format version 3 and earlier.
    /// </summary>
    public float[] BeginBias { get; init; } = new float[Roles.Count];

    /// <summary>
    /// Per role, the score of each tag following each tag, <c>[role, previous, next]</c> (O before
    /// the first token), added to the tag scores when decoding; O→I is never allowed and its entry
    /// is unused. Zeros for a head trained tag by tag, learned for a CRF head (format version 5).
    /// </summary>
    public float[] Transitions { get; init; } = new float[TransitionCount];

    /// <summary>Entries of <see cref="Transitions"/>: 3 × 3 per role.</summary>
    internal const int TransitionCount = Roles.Count * 9;

    /// <summary>True when any transition is non-zero (the head was trained as a CRF).</summary>
    public bool IsCrf => Transitions.Any(t => t != 0);

    /// <summary>
    /// Transitions between the seven <see cref="JointTags"/> (<c>[previous, next]</c>): when any is
    /// non-zero the head decodes its three roles as one chain, so that no two roles mark the same
    /// token and the roles' order is scored, instead of one chain per role (format version 7;
    /// zeros in older heads).
    /// </summary>
    public float[] JointTransitions { get; init; } = new float[JointTags.TransitionCount];

    /// <summary>True when the head decodes its roles as one chain (<see cref="JointTransitions"/>).</summary>
    public bool IsJoint => JointTransitions.Any(t => t != 0);

    /// <summary>Encoder layers fine-tuned with this head, which replace the pretrained ones; empty for a head over the frozen encoder.</summary>
    internal IReadOnlyList<(int Layer, LayerWeights Weights)> Tuned { get; init; } = Array.Empty<(int, LayerWeights)>();

    /// <summary>The encoder layers (0-based) this head fine-tuned; empty over the frozen encoder.</summary>
    public int[] TunedLayers => Tuned.Select(t => t.Layer).ToArray();

    /// <summary>Fills <paramref name="x"/> with token <paramref name="t"/>'s input: neighbours' rows, zeros beyond the document.</summary>
    internal void Input(ReadOnlySpan<float> vectors, ReadOnlySpan<float> flags, int tokenCount, int t, Span<float> x)
    {
        for (int k = -Context; k <= Context; k++)
        {
            var dst = x.Slice((k + Context) * PerToken, PerToken);
            int u = t + k;
            if ((uint)u >= (uint)tokenCount)
            {
                dst.Clear();
                continue;
            }

            vectors.Slice(u * EncoderDim, EncoderDim).CopyTo(dst);
            flags.Slice(u * TokenFlags.Count, TokenFlags.Count).CopyTo(dst[EncoderDim..]);
        }
    }

    /// <summary>Hidden activations (after ReLU) and output logits for one input row.</summary>
    internal void Forward(ReadOnlySpan<float> x, Span<float> hidden, Span<float> logits)
    {
        for (int j = 0; j < Hidden; j++)
        {
            float a = B1[j] + TensorPrimitives.Dot(W1.AsSpan(j * InputDim, InputDim), x);
            hidden[j] = a > 0 ? a : 0;
        }

        for (int k = 0; k < Roles.Outputs; k++)
        {
            logits[k] = B2[k] + TensorPrimitives.Dot(W2.AsSpan(k * Hidden, Hidden), hidden);
        }
    }

    /// <summary>Log-probabilities <c>[tokenCount, Roles.Outputs]</c> for a document's vectors and flags, averaged over the <see cref="Members"/>.</summary>
    internal float[] Score(ReadOnlySpan<float> vectors, ReadOnlySpan<float> flags, int tokenCount)
    {
        var scores = ScoreAlone(vectors, flags, tokenCount);
        if (Members.Count > 0)
        {
            foreach (var member in Members)
            {
                TensorPrimitives.Add(scores, member.ScoreAlone(vectors, flags, tokenCount), scores);
            }

            TensorPrimitives.Divide(scores, Members.Count + 1, scores);
        }

        return scores;
    }

    /// <summary>This head's own log-probabilities, without its members.</summary>
    internal float[] ScoreAlone(ReadOnlySpan<float> vectors, ReadOnlySpan<float> flags, int tokenCount)
    {
        // The hidden layer of a block of tokens is one matrix product (Gemm's register-blocked
        // kernel reads each weight once per four tokens); W1 is transposed afresh for every call,
        // since training changes it in place.
        const int Block = 128;
        var scores = new float[tokenCount * Roles.Outputs];
        int rows = Math.Min(Block, tokenCount);
        // Pooled: the buffers are large-object-heap sized, and a fresh set per document and head grows the heap.
        var pool = System.Buffers.ArrayPool<float>.Shared;
        var w1T = pool.Rent(InputDim * Hidden);
        var x = pool.Rent(rows * InputDim);
        var hidden = pool.Rent(rows * Hidden);
        Gemm.Transpose(W1, Hidden, InputDim, w1T);
        for (int start = 0; start < tokenCount; start += Block)
        {
            int n = Math.Min(Block, tokenCount - start);
            for (int i = 0; i < n; i++)
            {
                Input(vectors, flags, tokenCount, start + i, x.AsSpan(i * InputDim, InputDim));
                B1.CopyTo(hidden, i * Hidden);
            }

            Gemm.MultiplyAdd(x, w1T, hidden, n, InputDim, Hidden);
            for (int i = 0; i < n; i++)
            {
                var h = hidden.AsSpan(i * Hidden, Hidden);
                TensorPrimitives.Max(h, 0f, h);
                var logits = scores.AsSpan((start + i) * Roles.Outputs, Roles.Outputs);
                for (int k = 0; k < Roles.Outputs; k++)
                {
                    logits[k] = B2[k] + TensorPrimitives.Dot(W2.AsSpan(k * Hidden, Hidden), h);
                }

                for (int r = 0; r < Roles.Count; r++)
                {
                    LogSoftmax(logits.Slice(r * 3, 3));
                }
            }
        }

        pool.Return(w1T);
        pool.Return(x);
        pool.Return(hidden);
        return scores;
    }

    internal static void LogSoftmax(Span<float> z)
    {
        float max = TensorPrimitives.Max(z);
        float sum = 0;
        foreach (var v in z)
        {
            sum += MathF.Exp(v - max);
        }

        float log = max + MathF.Log(sum);
        TensorPrimitives.Subtract(z, log, z);
    }

    /// <summary>
    /// Best O/B/I sequence of role <paramref name="role"/> under the rule that I continues a B or an
    /// I, with <paramref name="beginBias"/> added to every B score and, when given, the role's
    /// <paramref name="transitions"/> (<see cref="Transitions"/> layout) between tags.
    /// </summary>
    internal static byte[] Decode(ReadOnlySpan<float> scores, int tokenCount, int role, float beginBias = 0, ReadOnlySpan<float> transitions = default)
    {
        Span<float> a = stackalloc float[9];
        Crf.Matrix(transitions.IsEmpty ? default : transitions.Slice(role * 9, 9), a);
        var emissions = new float[tokenCount * 3];
        for (int t = 0; t < tokenCount; t++)
        {
            scores.Slice(t * Roles.Outputs + role * 3, 3).CopyTo(emissions.AsSpan(t * 3, 3));
            emissions[t * 3 + Roles.B] += beginBias;
        }

        return Crf.Viterbi(emissions, a, 3, tokenCount);
    }

    /// <summary>Best tags of <paramref name="role"/> under this head's begin bias and transitions.</summary>
    internal byte[] Decode(ReadOnlySpan<float> scores, int tokenCount, int role) => Decode(scores, tokenCount, role, BeginBias[role], Transitions);

    /// <summary>Each role's tags under this head's begin biases: one joint chain when <see cref="IsJoint"/>, else a chain per role.</summary>
    internal byte[][] DecodeRoles(ReadOnlySpan<float> scores, int tokenCount)
    {
        if (IsJoint)
        {
            return DecodeJoint(scores, tokenCount, BeginBias, JointTransitions);
        }

        var roles = new byte[Roles.Count][];
        for (int r = 0; r < Roles.Count; r++)
        {
            roles[r] = Decode(scores, tokenCount, r);
        }

        return roles;
    }

    /// <summary>Each role's tags from the best joint tag sequence under <paramref name="beginBias"/> and <paramref name="jointTransitions"/>.</summary>
    internal static byte[][] DecodeJoint(ReadOnlySpan<float> scores, int tokenCount, ReadOnlySpan<float> beginBias, ReadOnlySpan<float> jointTransitions)
    {
        Span<float> a = stackalloc float[JointTags.TransitionCount];
        JointTags.Matrix(jointTransitions, a);
        var emissions = JointTags.Emissions(scores, tokenCount, beginBias);
        return JointTags.Split(Crf.Viterbi(emissions, a, JointTags.Count, tokenCount));
    }

    public void Save(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Version);
        w.Write(Layers.Length);
        foreach (int layer in Layers)
        {
            w.Write(layer);
        }

        w.Write(InputDim);
        w.Write(Hidden);
        WriteWeights(w);

        w.Write(Tuned.Count);
        foreach (var (layer, weights) in Tuned)
        {
            w.Write(layer);
            foreach (var array in weights.Arrays)
            {
                // Half precision: the tuned layers are most of the file, and ONNX Runtime reads them back as float32.
                var halves = new Half[array.Length];
                TensorPrimitives.ConvertToHalf(array, halves);
                w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves.AsSpan()));
            }
        }

        foreach (float bias in BeginBias)
        {
            w.Write(bias);
        }

        foreach (float t in Transitions)
        {
            w.Write(t);
        }

        foreach (float t in JointTransitions)
        {
            w.Write(t);
        }

        w.Write(Members.Count);
        foreach (var member in Members)
        {
            w.Write(member.Hidden);
            member.WriteWeights(w);
        }
    }

    /// <summary>The hidden and output layers' weights and biases, float32, in the order <see cref="Load"/> reads them.</summary>
    private void WriteWeights(BinaryWriter w)
    {
        foreach (var array in new[] { W1, B1, W2, B2 })
        {
            w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan()));
        }
    }

    /// <exception cref="AscribeException">ASC0004 when the stream is not a head of this version and shape.</exception>
    public static AccurateHead Load(Stream stream, string name)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        int version = 0;
        if (stream.Length < 16 || r.ReadUInt32() != Magic || (version = r.ReadInt32()) is not (2 or 3 or 4 or 5 or 6 or Version))
        {
            ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, "not an accurate-mode head");
        }

        int layerCount = r.ReadInt32();
        if (layerCount is < 1 or > MiniLmEncoder.LayerCount)
        {
            ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, $"bad layer count {layerCount}");
        }

        var layers = new int[layerCount];
        for (int i = 0; i < layerCount; i++)
        {
            layers[i] = r.ReadInt32();
            if ((uint)layers[i] >= MiniLmEncoder.LayerCount)
            {
                ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, $"bad layer {layers[i]}");
            }
        }

        int inputDim = r.ReadInt32();
        int hidden = r.ReadInt32();
        int expected = (2 * Context + 1) * (MiniLmEncoder.HiddenSize * layerCount + TokenFlags.Count);
        long header = 8 + 4 * (1 + layerCount) + 8;
        long body = header + 4L * ((long)hidden * inputDim + hidden + (long)Roles.Outputs * hidden + Roles.Outputs);
        if (inputDim != expected || hidden <= 0 || hidden > 4096 || stream.Length < body)
        {
            ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, $"unexpected shape {inputDim}x{hidden}");
        }

        float[] Read(int n)
        {
            var a = new float[n];
            stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()));
            return a;
        }

        var w1 = Read(hidden * inputDim);
        var b1 = Read(hidden);
        var w2 = Read(Roles.Outputs * hidden);
        var b2 = Read(Roles.Outputs);
        var tuned = new List<(int, LayerWeights)>();
        if (version >= 3)
        {
            // Version 3 adds the fine-tuned encoder layers: a count, then per layer its index and its parameters as halves.
            int count = stream.Length >= body + 4 ? r.ReadInt32() : -1;
            long perLayer = 4 + 2L * LayerWeights.Sizes.Sum();
            long biases = (version >= 4 ? 4L * Roles.Count : 0) + (version >= 5 ? 4L * TransitionCount : 0) + (version >= 7 ? 4L * JointTags.TransitionCount : 0);
            long end = body + 4 + count * perLayer + biases;
            if (count is < 0 or > MiniLmEncoder.LayerCount || (version >= 6 ? stream.Length < end + 4 : stream.Length != end))
            {
                ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, "unexpected tuned-layer section");
            }

            for (int i = 0; i < count; i++)
            {
                int layer = r.ReadInt32();
                if ((uint)layer >= MiniLmEncoder.LayerCount)
                {
                    ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, $"bad tuned layer {layer}");
                }

                tuned.Add((layer, new LayerWeights(LayerWeights.Sizes.Select(n =>
                {
                    var halves = new Half[n];
                    stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves.AsSpan()));
                    var values = new float[n];
                    TensorPrimitives.ConvertToSingle(halves, values);
                    return values;
                }).ToArray())));
            }
        }
        else if (stream.Length != body)
        {
            ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, $"unexpected shape {inputDim}x{hidden}");
        }

        var beginBias = new float[Roles.Count];
        if (version >= 4)
        {
            // Version 4 adds the per-role begin biases after the tuned layers.
            for (int i = 0; i < beginBias.Length; i++)
            {
                beginBias[i] = r.ReadSingle();
                if (!float.IsFinite(beginBias[i]))
                {
                    ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, "bad begin bias");
                }
            }
        }

        float[] ReadTransitions(int count)
        {
            var scores = Read(count);
            if (!scores.All(float.IsFinite))
            {
                ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, "bad transition score");
            }

            return scores;
        }

        // Version 5 adds the CRF transitions after the begin biases, version 7 the joint transitions after them.
        var transitions = version >= 5 ? ReadTransitions(TransitionCount) : new float[TransitionCount];
        var joint = version >= 7 ? ReadTransitions(JointTags.TransitionCount) : new float[JointTags.TransitionCount];

        var members = new List<AccurateHead>();
        if (version >= 6)
        {
            // Version 6 adds the ensemble's other heads: a count, then per head its hidden size and weights.
            int count = r.ReadInt32();
            if (count is < 0 or > 64)
            {
                ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, $"bad member count {count}");
            }

            for (int i = 0; i < count; i++)
            {
                int h = stream.Length - stream.Position >= 4 ? r.ReadInt32() : -1;
                if (h is <= 0 or > 4096 || stream.Length - stream.Position < 4L * ((long)h * inputDim + h + (long)Roles.Outputs * h + Roles.Outputs))
                {
                    ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, $"bad ensemble member {i + 1}");
                }

                members.Add(new AccurateHead(layers, h, Read(h * inputDim), Read(h), Read(Roles.Outputs * h), Read(Roles.Outputs)));
            }

            if (stream.Position != stream.Length)
            {
                ThrowHelper.Throw(ErrorCodes.ModelCorrupt, name, "trailing bytes");
            }
        }

        return new AccurateHead(layers, hidden, w1, b1, w2, b2) { Tuned = tuned, BeginBias = beginBias, Transitions = transitions, JointTransitions = joint, Members = members };
    }
}
