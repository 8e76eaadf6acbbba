using Ascribe.Accurate.Encoding;

namespace Ascribe.Accurate.Tests;

/// <summary>One encoder per test class: loading the ONNX model takes about a second.</summary>
public sealed class EncoderFixture : IDisposable
{
    public MiniLmEncoder Encoder { get; } = MiniLmEncoder.Load(new[] { MiniLmEncoder.LayerCount - 1 });

    public void Dispose() => Encoder.Dispose();
}
