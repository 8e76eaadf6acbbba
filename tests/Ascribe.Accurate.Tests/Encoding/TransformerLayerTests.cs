using Ascribe.Accurate.Encoding;
using Ascribe.Core.Pipeline;

namespace Ascribe.Accurate.Tests.Encoding;

public sealed class TransformerLayerTests
{
    private const int D = MiniLmEncoder.HiddenSize;

    private const string Text =
        "\u201cWe will not negotiate under fire,\u201d the ministry official told Reuters on Tuesday. "
        + "According to Andriy Tschernak, the talks in Z\u00fcrich collapsed after three hours.";

    private static readonly Lazy<byte[]> Model = new(() => EncoderLocator.Read().Model);

    [Fact]
    public void Forward_OfLayerFiveOverLayerFour_MatchesTheOnnxGraph()
    {
        var doc = DefaultPipeline.PosLayer().Build().Run("t", Text);
        using var below = new MiniLmEncoder(Model.Value, EncoderLocator.Read().Vocab, new[] { 4 });
        using var top = new MiniLmEncoder(Model.Value, EncoderLocator.Read().Vocab, new[] { 5 });
        var pieces = below.Splitter.Split(doc);
        var inputs = below.EncodeWindows(pieces);
        var expected = top.EncodeWindows(pieces);
        var weights = LayerWeights.Read(Model.Value, 5);

        Assert.Single(inputs);
        var y = TransformerLayer.Forward(weights, inputs[0]).Y;
        Assert.Equal(expected[0].Length, y.Length);
        for (int i = 0; i < y.Length; i++)
        {
            Assert.True(Math.Abs(y[i] - expected[0][i]) < 2e-3f, $"value {i}: {y[i]} vs {expected[0][i]}");
        }
    }

    [Fact]
    public void Patch_ReplacesTheLayerThatTheGraphRuns()
    {
        // Scaling the last LayerNorm's gain by 2 (bias 0) doubles every output value.
        var weights = LayerWeights.Read(Model.Value, 5);
        var changed = weights.Clone();
        for (int i = 0; i < D; i++)
        {
            changed.Ln2G[i] *= 2;
            changed.Ln2B[i] = 0;
        }

        var doc = DefaultPipeline.PosLayer().Build().Run("t", Text);
        using var encoder = new MiniLmEncoder(LayerWeights.Patch(Model.Value, new[] { (5, changed) }), EncoderLocator.Read().Vocab, new[] { 5 });
        using var below = new MiniLmEncoder(Model.Value, EncoderLocator.Read().Vocab, new[] { 4 });
        var pieces = encoder.Splitter.Split(doc);
        var patched = encoder.EncodeWindows(pieces)[0];
        var ours = TransformerLayer.Forward(changed, below.EncodeWindows(pieces)[0]).Y;
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.True(Math.Abs(ours[i] - patched[i]) < 4e-3f, $"value {i}: {ours[i]} vs {patched[i]}");
        }

        Assert.Equal(weights.Wq, LayerWeights.Read(LayerWeights.Patch(Model.Value, new[] { (5, weights) }), 5).Wq);
    }

    [Theory]
    [InlineData(5, 0f)] // products narrower than the 16-column strips take the row-at-a-time path
    [InlineData(16, 0f)] // every product, the attention scores too, takes the blocked kernel
    [InlineData(16, 0.3f)] // with dropout: the same seed drops the same units in every pass
    public void Backward_AgreesWithFiniteDifferences(int n, float dropoutRate)
    {
        var dropout = new TransformerLayer.Dropout(dropoutRate, 17);
        // Loss = Σ c·y over an n-row input; compare analytic gradients with central differences
        // (the forward pass is float, so the tolerance is relative).
        var weights = LayerWeights.Read(Model.Value, 5);
        var rng = new Random(3);
        var x = new float[n * D];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        }

        var c = new float[n * D];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = (float)(rng.NextDouble() * 2 - 1);
        }

        double Loss(float[] input)
        {
            var y = TransformerLayer.Forward(weights, input, dropout).Y;
            double s = 0;
            for (int i = 0; i < y.Length; i++)
            {
                s += (double)c[i] * y[i];
            }

            return s;
        }

        var grads = LayerWeights.Zeros();
        var act = TransformerLayer.Forward(weights, x, dropout);
        var dx = TransformerLayer.Backward(weights, act, (float[])c.Clone(), grads)!;

        // Central difference of the loss in one value of an array the forward pass reads.
        double Numeric(float[] array, int index)
        {
            const float h = 1e-2f;
            float keep = array[index];
            array[index] = keep + h;
            double up = Loss(x);
            array[index] = keep - h;
            double down = Loss(x);
            array[index] = keep;
            return (up - down) / (2 * h);
        }

        foreach (int i in new[] { 0, 7, D + 100, 3 * D + 383, 4 * D + 5 })
        {
            double numeric = Numeric(x, i);
            Assert.True(Math.Abs(numeric - dx[i]) < 0.03 * Math.Max(1, Math.Abs(numeric)), $"dx[{i}]: {dx[i]} vs {numeric}");
        }

        foreach (var (array, index) in new[] { (0, 1000), (2, 5), (4, 77), (6, 384 * 20 + 3), (8, 10), (10, 12345), (11, 40), (12, 999), (14, 3), (15, 300) })
        {
            double numeric = Numeric(weights.Arrays[array], index);
            float analytic = grads.Arrays[array][index];
            Assert.True(Math.Abs(numeric - analytic) < 0.03 * Math.Max(1, Math.Abs(numeric)), $"{LayerWeights.Names[array]}[{index}]: {analytic} vs {numeric}");
        }

        // Without the input gradient (the bottom tuned layer) the weight gradients are the same.
        var weightOnly = LayerWeights.Zeros();
        Assert.Null(TransformerLayer.Backward(weights, act, (float[])c.Clone(), weightOnly, inputGradient: false));
        for (int k = 0; k < grads.Arrays.Length; k++)
        {
            Assert.Equal(grads.Arrays[k], weightOnly.Arrays[k]);
        }
    }

    [Fact]
    public void Forward_WithDropout_RepeatsForASeed_AndDropsUnits()
    {
        var weights = LayerWeights.Read(Model.Value, 5);
        var rng = new Random(5);
        var x = new float[8 * D];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        }

        var plain = TransformerLayer.Forward(weights, x);
        var a = TransformerLayer.Forward(weights, x, new TransformerLayer.Dropout(0.1f, 1));
        var again = TransformerLayer.Forward(weights, x, new TransformerLayer.Dropout(0.1f, 1));
        var other = TransformerLayer.Forward(weights, x, new TransformerLayer.Dropout(0.1f, 2));
        Assert.Null(plain.OutputMask);
        Assert.Equal(a.Y, again.Y);
        Assert.NotEqual(a.Y, other.Y);
        Assert.NotEqual(plain.Y, a.Y);

        // About a tenth of the units are dropped, and the kept ones are scaled by 1 / 0.9.
        int dropped = a.FfnMask!.Count(m => m == 0);
        Assert.InRange(dropped, 8 * D / 20, 8 * D / 5);
        Assert.All(a.FfnMask!.Where(m => m != 0), m => Assert.Equal(1f / 0.9f, m, 5));
    }

    [Fact]
    public void NormalCdf_AgreesWithTheScalarErf_OnVectorsAndTheTail()
    {
        // 1,203 values from -6 to 6: whole vectors, then three values past the last one.
        var x = Enumerable.Range(0, 1203).Select(i => -6 + i * 0.01f).ToArray();
        var cdf = new float[x.Length];
        TransformerLayer.NormalCdf(x, cdf);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = 0.5 * (1 + TransformerLayer.Erf(x[i] * 0.70710678f));
            Assert.True(Math.Abs(cdf[i] - expected) < 3e-7, $"Φ({x[i]}) = {cdf[i]}, expected {expected}");
        }

        Assert.Equal(0.5f, cdf[600], 6);
    }

    [Fact]
    public void Erf_MatchesKnownValues()
    {
        Assert.Equal(0, TransformerLayer.Erf(0), 6);
        Assert.Equal(0.5204999, TransformerLayer.Erf(0.5f), 6);
        Assert.Equal(-0.8427008, TransformerLayer.Erf(-1), 6);
        Assert.Equal(0.9953223, TransformerLayer.Erf(2), 6);
    }
}
