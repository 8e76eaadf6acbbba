using Ascribe.Accurate.Encoding;
using BenchmarkDotNet.Attributes;

namespace Ascribe.Benchmarks;

/// <summary>
/// Fine-tuning's arithmetic on one thread: the matrix products of one transformer layer over one
/// 128-piece window, row-at-a-time (the axpy loop) against the register-blocked kernel, and a
/// whole layer forward and backward.
/// </summary>
public class TuningBenchmarks
{
    private const int Window = 128;
    private float[] _a = Array.Empty<float>(), _b = Array.Empty<float>(), _c = Array.Empty<float>();
    private LayerWeights _weights = null!, _grad = null!;
    private float[] _x = Array.Empty<float>(), _dy = Array.Empty<float>();

    /// <summary>Shared and output dimensions: the attention projections (384 × 384), the feed-forward up (384 × 1536) and down (1536 × 384) projections.</summary>
    [Params("384x384", "384x1536", "1536x384")]
    public string Shape { get; set; } = "384x384";

    private (int K, int M) Dims => Shape.Split('x') is [var k, var m] ? (int.Parse(k, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m, System.Globalization.CultureInfo.InvariantCulture)) : throw new InvalidOperationException(Shape);

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        float[] Random(int n) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.1f).ToArray();
        var (k, m) = Dims;
        _a = Random(Window * k);
        _b = Random(k * m);
        _c = new float[Window * m];
        _weights = new LayerWeights(LayerWeights.Sizes.Select(Random).ToArray());
        _grad = new LayerWeights(LayerWeights.Sizes.Select(n => new float[n]).ToArray());
        _x = Random(Window * MiniLmEncoder.HiddenSize);
        _dy = Random(Window * MiniLmEncoder.HiddenSize);
    }

    [Benchmark(Baseline = true)]
    public void ProductRowByRow()
    {
        var (k, m) = Dims;
        Gemm.RowByRow(_a, _b, _c, Window, k, m);
    }

    [Benchmark]
    public void ProductBlocked()
    {
        var (k, m) = Dims;
        Gemm.MultiplyAdd(_a, _b, _c, Window, k, m);
    }

    /// <summary>One layer forward and backward over a window (the same for every <see cref="Shape"/>).</summary>
    [Benchmark]
    public float[]? LayerForwardBackward() => TransformerLayer.Backward(_weights, TransformerLayer.Forward(_weights, _x), _dy, _grad);
}
