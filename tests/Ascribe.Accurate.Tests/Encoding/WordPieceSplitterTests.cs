using Ascribe.Accurate.Encoding;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Accurate.Tests.Encoding;

public sealed class WordPieceSplitterTests : IClassFixture<EncoderFixture>
{
    private static readonly Pipeline TextLayer = DefaultPipeline.TextLayer().Build();
    private readonly WordPieceSplitter _splitter;

    public WordPieceSplitterTests(EncoderFixture fixture)
    {
        _splitter = fixture.Encoder.Splitter;
    }

    [Theory]
    [InlineData("The senator said the plan was \"unworkable.\"")]
    [InlineData("Zürich's mayor, Corine Mauch, told reporters: «Nous verrons».")]
    [InlineData("Путин заявил, что «всё идёт по плану», — сообщил Песков.")]
    [InlineData("Fans wrote 👍🏽 and 🎉 under the post, café owners said.")]
    [InlineData("Unbelievably, antidisestablishmentarianism resurged, per https://example.com/a?b=c.")]
    public void Split_EveryTokenOwnsContiguousPieces_AndOffsetsAreThoseOfTheTokens(string text)
    {
        var doc = TextLayer.Run("t", text);
        var pieces = _splitter.Split(doc);
        Assert.Equal(doc.TokenCount, pieces.TokenCount);
        int expected = 0;
        for (int t = 0; t < doc.TokenCount; t++)
        {
            Assert.Equal(expected, pieces.FirstPiece[t]);
            Assert.InRange(pieces.PieceCount[t], 1, WordPieceSplitter.MaxPiecesPerToken);
            for (int p = pieces.FirstPiece[t]; p < pieces.FirstPiece[t] + pieces.PieceCount[t]; p++)
            {
                Assert.Equal(t, pieces.TokenOf(p));
            }

            expected += pieces.PieceCount[t];
            // Word pieces never move a token: it still slices exactly its own text.
            Assert.Equal(doc[t].Text, text[doc[t].Start..doc[t].End]);
        }

        Assert.Equal(expected, pieces.Ids.Length);
    }

    [Fact]
    public void Split_LongWordBecomesSeveralPieces_FirstPieceStartsTheWord()
    {
        var doc = TextLayer.Run("t", "antidisestablishmentarianism");
        var pieces = _splitter.Split(doc);
        Assert.Equal(1, pieces.TokenCount);
        Assert.True(pieces.PieceCount[0] > 1);
        Assert.DoesNotContain(_splitter.UnknownId, pieces.Ids);
    }

    [Fact]
    public void Split_AccentsAndCaseDoNotChangeThePieces()
    {
        var accented = _splitter.Split(TextLayer.Run("a", "Zürich CAFÉ"));
        var plain = _splitter.Split(TextLayer.Run("b", "zurich cafe"));
        Assert.Equal(plain.Ids, accented.Ids);
    }

    [Fact]
    public void Split_CyrillicIsSpelledWithKnownPieces()
    {
        var pieces = _splitter.Split(TextLayer.Run("t", "Песков"));
        Assert.DoesNotContain(_splitter.UnknownId, pieces.Ids);
    }

    [Fact]
    public void Split_TokenTheVocabularyCannotSpellIsOneUnknownPiece()
    {
        var doc = TextLayer.Run("t", "We 🎉 won");
        var pieces = _splitter.Split(doc);
        int party = Enumerable.Range(0, doc.TokenCount).Single(t => doc[t].Text == "🎉");
        Assert.Equal(1, pieces.PieceCount[party]);
        Assert.Equal(_splitter.UnknownId, pieces.Ids[pieces.FirstPiece[party]]);
    }
}
