using System.Runtime.Intrinsics;
using System.Numerics.Tensors;

namespace Ascribe.Accurate.Encoding;

/// <summary>
/// One post-LayerNorm BERT encoder layer (self-attention with 12 heads, then a GELU feed-forward
/// block), forward and backward, for fine-tuning the top of the encoder on the CPU. It computes what
/// the ONNX graph computes for a window without padding: <c>h = LN(x + Attn(x))</c>,
/// <c>y = LN(h + W_f GELU(W_i h))</c>, LayerNorm epsilon 1e-12, exact (erf) GELU. While training
/// it can drop units as BERT's fine-tuning does (<see cref="Dropout"/>): attention probabilities,
/// and the attention and feed-forward outputs before each residual sum.
/// </summary>
internal static class TransformerLayer
{
    private const int D = MiniLmEncoder.HiddenSize;
    private const int H = LayerWeights.Heads;
    private const int Dh = D / H;
    private const int F = LayerWeights.Intermediate;
    private const float Epsilon = 1e-12f;

    /// <summary>
    /// Dropout of one forward pass: each unit is kept with probability <c>1 - Rate</c> and then scaled
    /// by <c>1 / (1 - Rate)</c>, so the expected output is the undropped one. The masks come from
    /// <see cref="Seed"/>, so a pass can be repeated exactly.
    /// </summary>
    internal readonly record struct Dropout(float Rate, int Seed);

    /// <summary>What the backward pass needs of one forward pass over <c>N</c> rows.</summary>
    internal sealed class Activations
    {
        public Activations(int n, bool dropout = false)
        {
            N = n;
            if (dropout)
            {
                AttentionMask = new float[H * n * n];
                OutputMask = new float[n * D];
                FfnMask = new float[n * D];
            }

            X = new float[n * D];
            Q = new float[n * D];
            K = new float[n * D];
            V = new float[n * D];
            P = new float[H * n * n];
            Context = new float[n * D];
            Xhat1 = new float[n * D];
            Inv1 = new float[n];
            H1 = new float[n * D];
            Pre = new float[n * F];
            Gelu = new float[n * F];
            Cdf = new float[n * F];
            Xhat2 = new float[n * D];
            Inv2 = new float[n];
            Y = new float[n * D];
        }

        public int N { get; }
        public float[] X { get; }
        public float[] Q { get; }
        public float[] K { get; }
        public float[] V { get; }

        /// <summary>Attention probabilities <c>[head, query, key]</c>.</summary>
        public float[] P { get; }
        public float[] Context { get; }
        public float[] Xhat1 { get; }
        public float[] Inv1 { get; }
        public float[] H1 { get; }
        public float[] Pre { get; }
        public float[] Gelu { get; }

        /// <summary>Φ(<see cref="Pre"/>), the standard normal CDF that GELU multiplies its input by.</summary>
        public float[] Cdf { get; }
        public float[] Xhat2 { get; }
        public float[] Inv2 { get; }

        /// <summary>The layer's output.</summary>
        public float[] Y { get; }

        /// <summary>Dropout masks (0 or the scale of kept units) of the attention probabilities <c>[head, query, key]</c>, the attention output and the feed-forward output; null without dropout.</summary>
        public float[]? AttentionMask { get; }

        /// <inheritdoc cref="AttentionMask"/>
        public float[]? OutputMask { get; }

        /// <inheritdoc cref="AttentionMask"/>
        public float[]? FfnMask { get; }
    }

    private static void FillMask(Random rng, float rate, float[] mask)
    {
        float scale = 1f / (1f - rate);
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = rng.NextSingle() >= rate ? scale : 0f;
        }
    }

    /// <summary>Runs the layer over <paramref name="x"/> (<c>n × 384</c>); the output is <see cref="Activations.Y"/>.</summary>
    public static Activations Forward(LayerWeights w, ReadOnlySpan<float> x, Dropout dropout = default)
    {
        int n = x.Length / D;
        var a = new Activations(n, dropout.Rate > 0);
        if (dropout.Rate > 0)
        {
            var rng = new Random(dropout.Seed);
            FillMask(rng, dropout.Rate, a.AttentionMask!);
            FillMask(rng, dropout.Rate, a.OutputMask!);
            FillMask(rng, dropout.Rate, a.FfnMask!);
        }

        x.CopyTo(a.X);
        Linear(a.X, n, D, w.Wq, w.Bq, D, a.Q);
        Linear(a.X, n, D, w.Wk, w.Bk, D, a.K);
        Linear(a.X, n, D, w.Wv, w.Bv, D, a.V);
        float scale = 1f / MathF.Sqrt(Dh);
        var qh = new float[n * Dh];
        var kt = new float[Dh * n];
        var vh = new float[n * Dh];
        var part = new float[n * Dh];
        var dropped = a.AttentionMask is null ? null : new float[n * n];
        for (int h = 0; h < H; h++)
        {
            // Per head: scores = softmax(Q Kᵀ / √d) row by row, context = scores V (scores dropped out while training).
            Gather(a.Q, n, h, qh);
            Gather(a.K, n, h, part);
            Gemm.Transpose(part, n, Dh, kt);
            Gather(a.V, n, h, vh);
            var p = a.P.AsSpan(h * n * n, n * n);
            Gemm.MultiplyAdd(qh, kt, p, n, Dh, n);
            TensorPrimitives.Multiply(p, scale, p);
            for (int i = 0; i < n; i++)
            {
                var row = p.Slice(i * n, n);
                TensorPrimitives.SoftMax(row, row);
            }

            Array.Clear(part);
            if (dropped is null)
            {
                Gemm.MultiplyAdd(p, vh, part, n, n, Dh);
            }
            else
            {
                TensorPrimitives.Multiply(p, a.AttentionMask.AsSpan(h * n * n, n * n), dropped);
                Gemm.MultiplyAdd(dropped, vh, part, n, n, Dh);
            }

            Scatter(part, n, h, a.Context);
        }

        var sum = new float[n * D];
        Linear(a.Context, n, D, w.Wo, w.Bo, D, sum);
        if (a.OutputMask is not null)
        {
            TensorPrimitives.Multiply(sum, a.OutputMask, sum);
        }

        TensorPrimitives.Add(sum, a.X, sum);
        LayerNorm(sum, n, w.Ln1G, w.Ln1B, a.Xhat1, a.Inv1, a.H1);
        Linear(a.H1, n, D, w.Wi, w.Bi, F, a.Pre);
        NormalCdf(a.Pre, a.Cdf);
        TensorPrimitives.Multiply(a.Pre, a.Cdf, a.Gelu);
        Linear(a.Gelu, n, F, w.Wf, w.Bf, D, sum);
        if (a.FfnMask is not null)
        {
            TensorPrimitives.Multiply(sum, a.FfnMask, sum);
        }

        TensorPrimitives.Add(sum, a.H1, sum);
        LayerNorm(sum, n, w.Ln2G, w.Ln2B, a.Xhat2, a.Inv2, a.Y);
        return a;
    }

    /// <summary>
    /// Back-propagates <paramref name="dy"/> (the loss gradient of <see cref="Activations.Y"/>),
    /// adds the weight gradients to <paramref name="grad"/> and returns the gradient of the input,
    /// or null when <paramref name="inputGradient"/> is false (the bottom tuned layer, whose input
    /// is frozen), which skips the three input products of the attention projections.
    /// </summary>
    public static float[]? Backward(LayerWeights w, Activations a, float[] dy, LayerWeights grad, bool inputGradient = true)
    {
        int n = a.N;
        // Second LayerNorm; its input was ffn + h1.
        var dz = new float[n * D];
        LayerNormBackward(dy, n, w.Ln2G, a.Xhat2, a.Inv2, dz, grad.Ln2G, grad.Ln2B);
        var dh1 = (float[])dz.Clone();
        if (a.FfnMask is not null)
        {
            TensorPrimitives.Multiply(dz, a.FfnMask, dz);
        }

        var dGelu = new float[n * F];
        LinearBackward(a.Gelu, n, F, w.Wf, D, dz, dGelu, grad.Wf, grad.Bf);
        // GELU'(v) = Φ(v) + v φ(v).
        var slope = Scratch(ref _slope, n * F);
        TensorPrimitives.Multiply(a.Pre, a.Pre, slope);
        TensorPrimitives.Multiply(slope, -0.5f, slope);
        TensorPrimitives.Exp(slope, slope);
        TensorPrimitives.Multiply(slope, 0.39894228f, slope);
        TensorPrimitives.FusedMultiplyAdd(a.Pre, slope, a.Cdf, slope);
        TensorPrimitives.Multiply(dGelu, slope, dGelu);

        var dFromFfn = new float[n * D];
        LinearBackward(a.H1, n, D, w.Wi, F, dGelu, dFromFfn, grad.Wi, grad.Bi);
        TensorPrimitives.Add(dh1, dFromFfn, dh1);

        // First LayerNorm; its input was attention output + x.
        var dz1 = new float[n * D];
        LayerNormBackward(dh1, n, w.Ln1G, a.Xhat1, a.Inv1, dz1, grad.Ln1G, grad.Ln1B);
        var dx = (float[])dz1.Clone();
        if (a.OutputMask is not null)
        {
            TensorPrimitives.Multiply(dz1, a.OutputMask, dz1);
        }

        var dContext = new float[n * D];
        LinearBackward(a.Context, n, D, w.Wo, D, dz1, dContext, grad.Wo, grad.Bo);

        var dq = new float[n * D];
        var dk = new float[n * D];
        var dv = new float[n * D];
        float scale = 1f / MathF.Sqrt(Dh);
        var dctx = new float[n * Dh];
        var head = new float[n * Dh];
        var headT = new float[Dh * n];
        var part = new float[n * Dh];
        var dp = new float[n * n];
        var square = new float[n * n];
        var droppedP = a.AttentionMask is null ? null : new float[n * n];
        for (int h = 0; h < H; h++)
        {
            var p = a.P.AsSpan(h * n * n, n * n);
            Gather(dContext, n, h, dctx);

            // dP = dctx Vᵀ; dV = Pᵀ dctx, with P as dropped out in the forward pass, and dP through that mask.
            Gather(a.V, n, h, head);
            Gemm.Transpose(head, n, Dh, headT);
            Array.Clear(dp);
            Gemm.MultiplyAdd(dctx, headT, dp, n, Dh, n);
            if (a.AttentionMask is not null)
            {
                var mask = a.AttentionMask.AsSpan(h * n * n, n * n);
                TensorPrimitives.Multiply(p, mask, droppedP);
                Gemm.Transpose(droppedP, n, n, square);
                TensorPrimitives.Multiply(dp, mask, dp);
            }
            else
            {
                Gemm.Transpose(p, n, n, square);
            }

            Array.Clear(part);
            Gemm.MultiplyAdd(square, dctx, part, n, n, Dh);
            Scatter(part, n, h, dv);

            // Through the softmax: dS = P ∘ (dP − rowsum(dP ∘ P)), times the score scale.
            for (int i = 0; i < n; i++)
            {
                var pi = p.Slice(i * n, n);
                var di = dp.AsSpan(i * n, n);
                float dot = TensorPrimitives.Dot(di, pi);
                TensorPrimitives.Subtract(di, dot, di);
                TensorPrimitives.Multiply(di, pi, di);
                TensorPrimitives.Multiply(di, scale, di);
            }

            // dQ = dS K; dK = dSᵀ Q.
            Gather(a.K, n, h, head);
            Array.Clear(part);
            Gemm.MultiplyAdd(dp, head, part, n, n, Dh);
            Scatter(part, n, h, dq);
            Gather(a.Q, n, h, head);
            Gemm.Transpose(dp, n, n, square);
            Array.Clear(part);
            Gemm.MultiplyAdd(square, head, part, n, n, Dh);
            Scatter(part, n, h, dk);
        }

        // The frozen input of the bottom tuned layer needs no gradient: an empty dxPart skips those products.
        var dxPart = inputGradient ? new float[n * D] : Array.Empty<float>();
        foreach (var (weights, d, gw, gb) in new[] { (w.Wq, dq, grad.Wq, grad.Bq), (w.Wk, dk, grad.Wk, grad.Bk), (w.Wv, dv, grad.Wv, grad.Bv) })
        {
            LinearBackward(a.X, n, D, weights, D, d, dxPart, gw, gb);
            if (inputGradient)
            {
                TensorPrimitives.Add(dx, dxPart, dx);
            }
        }

        return inputGradient ? dx : null;
    }

    /// <summary>Copies head <paramref name="h"/>'s columns of <paramref name="all"/> (<c>n × 384</c>) into <paramref name="head"/> (<c>n × 32</c>).</summary>
    private static void Gather(ReadOnlySpan<float> all, int n, int h, Span<float> head)
    {
        for (int i = 0; i < n; i++)
        {
            all.Slice(i * D + h * Dh, Dh).CopyTo(head.Slice(i * Dh, Dh));
        }
    }

    /// <summary>Writes <paramref name="head"/> (<c>n × 32</c>) over head <paramref name="h"/>'s columns of <paramref name="all"/>.</summary>
    private static void Scatter(ReadOnlySpan<float> head, int n, int h, Span<float> all)
    {
        for (int i = 0; i < n; i++)
        {
            head.Slice(i * Dh, Dh).CopyTo(all.Slice(i * D + h * Dh, Dh));
        }
    }

    /// <summary><c>y[n, o] = x[n, i] W[i, o] + b</c>.</summary>
    internal static void Linear(ReadOnlySpan<float> x, int n, int inDim, float[] weights, float[] bias, int outDim, Span<float> y)
    {
        for (int r = 0; r < n; r++)
        {
            bias.CopyTo(y.Slice(r * outDim, outDim));
        }

        Gemm.MultiplyAdd(x, weights, y, n, inDim, outDim);
    }

    /// <summary>Gradients of <see cref="Linear"/>: <c>dx = dy Wᵀ</c> (overwritten; skipped when <paramref name="dx"/> is empty), <c>dW += xᵀ dy</c>, <c>db += Σ dy</c>.</summary>
    internal static void LinearBackward(ReadOnlySpan<float> x, int n, int inDim, float[] weights, int outDim, ReadOnlySpan<float> dy, Span<float> dx, float[] dWeights, float[] dBias)
    {
        for (int r = 0; r < n; r++)
        {
            TensorPrimitives.Add(dBias, dy.Slice(r * outDim, outDim), dBias);
        }

        // Transposes go to per-thread buffers (as does GELU's slope in Backward): at these sizes fresh arrays would land on the large-object heap.
        var xt = Scratch(ref _xt, inDim * n);
        Gemm.Transpose(x, n, inDim, xt);
        Gemm.MultiplyAdd(xt, dy, dWeights, inDim, n, outDim);
        if (!dx.IsEmpty)
        {
            var wt = Scratch(ref _wt, outDim * inDim);
            Gemm.Transpose(weights, inDim, outDim, wt);
            dx[..(n * inDim)].Clear();
            Gemm.MultiplyAdd(dy, wt, dx, n, outDim, inDim);
        }
    }

    [ThreadStatic]
    private static float[]? _xt;

    [ThreadStatic]
    private static float[]? _wt;

    [ThreadStatic]
    private static float[]? _slope;

    /// <summary>The first <paramref name="length"/> values of a per-thread buffer, grown when short; callers overwrite them.</summary>
    private static Span<float> Scratch(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new float[length];
        }

        return buffer.AsSpan(0, length);
    }

    private static void LayerNorm(ReadOnlySpan<float> x, int n, float[] gain, float[] bias, Span<float> xhat, Span<float> inv, Span<float> y)
    {
        for (int r = 0; r < n; r++)
        {
            var xr = x.Slice(r * D, D);
            var hr = xhat.Slice(r * D, D);
            float mean = TensorPrimitives.Sum(xr) / D;
            TensorPrimitives.Subtract(xr, mean, hr);
            float variance = TensorPrimitives.Dot(hr, hr) / D;
            inv[r] = 1f / MathF.Sqrt(variance + Epsilon);
            TensorPrimitives.Multiply(hr, inv[r], hr);
            var yr = y.Slice(r * D, D);
            TensorPrimitives.FusedMultiplyAdd(hr, gain, bias, yr);
        }
    }

    private static void LayerNormBackward(ReadOnlySpan<float> dy, int n, float[] gain, ReadOnlySpan<float> xhat, ReadOnlySpan<float> inv, Span<float> dx, float[] dGain, float[] dBias)
    {
        Span<float> g = stackalloc float[D];
        for (int r = 0; r < n; r++)
        {
            var dyr = dy.Slice(r * D, D);
            var hr = xhat.Slice(r * D, D);
            TensorPrimitives.FusedMultiplyAdd(dyr, hr, dGain, dGain);
            TensorPrimitives.Add(dBias, dyr, dBias);
            TensorPrimitives.Multiply(dyr, gain, g);
            float meanG = TensorPrimitives.Sum(g) / D;
            float meanGx = TensorPrimitives.Dot(g, hr) / D;
            var dxr = dx.Slice(r * D, D);
            for (int k = 0; k < D; k++)
            {
                dxr[k] = inv[r] * (g[k] - meanG - hr[k] * meanGx);
            }
        }
    }

    /// <summary>
    /// Φ(x) = (1 + erf(x / √2)) / 2 for every value, with Abramowitz and Stegun's 7.1.26 for erf
    /// (absolute error under 1.5e-7) on 256-bit vectors.
    /// </summary>
    internal static void NormalCdf(ReadOnlySpan<float> x, Span<float> cdf)
    {
        const float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<float>.Count <= x.Length; i += Vector256<float>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<float>.Count)) * 0.70710678f;
                var z = Vector256.Abs(v);
                var t = Vector256<float>.One / ((z * P) + Vector256<float>.One);
                var poly = ((((((((A5 * t) + Vector256.Create(A4)) * t) + Vector256.Create(A3)) * t) + Vector256.Create(A2)) * t) + Vector256.Create(A1)) * t;
                var erf = Vector256<float>.One - (poly * Vector256.Exp(-(z * z)));
                erf = Vector256.ConditionalSelect(Vector256.LessThan(v, Vector256<float>.Zero), -erf, erf);
                (0.5f * (Vector256<float>.One + erf)).CopyTo(cdf.Slice(i, Vector256<float>.Count));
            }
        }

        for (; i < x.Length; i++)
        {
            cdf[i] = 0.5f * (1 + Erf(x[i] * 0.70710678f));
        }
    }

    /// <summary>The error function, from Numerical Recipes' Chebyshev fit of erfc (fractional error under 1.2e-7).</summary>
    internal static float Erf(float x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return (float)(x >= 0 ? 1 - r : r - 1);
    }
}
