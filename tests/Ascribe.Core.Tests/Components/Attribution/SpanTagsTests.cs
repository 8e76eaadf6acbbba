using Ascribe.Core.Components.Attribution;
using Ascribe.Core.Components.Attribution.Model;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Tests.Components;

public sealed class SpanTagsTests
{
    private const byte O = SpanTags.O;

    [Fact]
    public void Project_ContentOfSeveralTokens_EndsWithEContent_OthersStayBio()
    {
        const string text = "Officials said the plan was delayed.";
        var doc = DefaultPipeline.BeforeAttribution().Run("t", text);
        int Start(string s) => text.IndexOf(s, StringComparison.Ordinal);
        var tags = TagProjector.Project(doc, new[]
        {
            (1, Start("Officials"), Start("Officials") + "Officials".Length),
            (2, Start("said"), Start("said") + 4),
            (3, Start("the plan"), Start(" delayed") + " delayed".Length),
        });

        Assert.Equal(
            new[] { "B-Source", "B-Cue", "B-Content", "I-Content", "I-Content", "E-Content", "O" },
            tags.Select(t => SpanTags.Names[t]));
        Assert.Equal(new[] { (1, 0, 1), (2, 1, 2), (3, 2, 6) }, ModelAttributionExtractor.Spans(tags));
    }

    [Fact]
    public void Spans_OneTokenContent_IsABeginAlone_AndAnEndClosesItsSpan()
    {
        byte[] tags = { SpanTags.BContent, O, SpanTags.BContent, SpanTags.EContent, SpanTags.BContent, SpanTags.IContent, SpanTags.EContent, SpanTags.IContent };
        Assert.Equal(new[] { (3, 0, 1), (3, 2, 4), (3, 4, 7), (3, 7, 8) }, ModelAttributionExtractor.Spans(tags));
    }

    [Theory]
    [InlineData(SpanTags.BContent, SpanTags.EContent, true)]
    [InlineData(SpanTags.IContent, SpanTags.EContent, true)]
    [InlineData(SpanTags.IContent, SpanTags.O, false)]
    [InlineData(SpanTags.IContent, SpanTags.BCue, false)]
    [InlineData(SpanTags.EContent, SpanTags.IContent, false)]
    [InlineData(SpanTags.EContent, SpanTags.EContent, false)]
    [InlineData(SpanTags.O, SpanTags.EContent, false)]
    [InlineData(SpanTags.BCue, SpanTags.EContent, false)]
    [InlineData(SpanTags.BContent, SpanTags.O, true)]
    [InlineData(SpanTags.EContent, SpanTags.BContent, true)]
    public void IsLegal_ContentsEndWithEContent(int prev, int cur, bool legal) =>
        Assert.Equal(legal, SpanTags.IsLegal(prev, cur));

    [Fact]
    public void Viterbi_NeverEndsASequenceInsideAContent()
    {
        // Emissions that favour I-Content on the last token: the best legal path closes the content.
        const int L = SpanTags.Count;
        var scores = new float[3 * L];
        scores[0 * L + SpanTags.BContent] = 5;
        scores[1 * L + SpanTags.IContent] = 5;
        scores[2 * L + SpanTags.IContent] = 5;
        scores[2 * L + SpanTags.EContent] = 1;
        var tags = new byte[3];
        AttributionModel.Viterbi(scores, new float[(L + 1) * L], tags);
        Assert.Equal(new byte[] { SpanTags.BContent, SpanTags.IContent, SpanTags.EContent }, tags);
    }
}
