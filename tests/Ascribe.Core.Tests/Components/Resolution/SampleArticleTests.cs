using Ascribe.Core.Documents;

namespace Ascribe.Core.Tests.Components.Resolution;

/// <summary>Issue 5 acceptance on the sample article (tests/data/putin-inner-circle.txt).</summary>
public sealed class SampleArticleTests
{
    private static readonly Lazy<Document> Sample = new(() =>
        TestText.Analyze(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "putin-inner-circle.txt"))));

    private static string SpeakerOf(string source, string cue)
    {
        var doc = Sample.Value;
        var a = doc.Attributions.First(x => x.Source is { } s && doc.Slice(s) == source && x.Cue is { } c && doc.Slice(c) == cue);
        return a.Speaker ?? "(none)";
    }

    [Fact]
    public void Sample_TschernakVariantsAndRoleNoun_AreOneEntity()
    {
        string id = SpeakerOf("Tschernak", "told");
        Assert.Equal(id, SpeakerOf("Chernak", "said"));
        Assert.Equal(id, SpeakerOf("the ministry official", "explained"));
        Assert.Equal(id, SpeakerOf("Tschernak", "warned"));
        var e = Sample.Value.Entities.Single(x => x.Id == id);
        Assert.Equal("Andriy Tschernak", e.Name);
        Assert.Equal(SourceType.Person, e.Type);
        Assert.Contains("Chernak", e.Aliases);
    }

    [Fact]
    public void Sample_SchulmannSpellings_AreOneOtherEntity()
    {
        string id = SpeakerOf("Schulmann", "suspected");
        Assert.Equal(id, SpeakerOf("Schulmann", "said"));
        Assert.NotEqual(SpeakerOf("Tschernak", "told"), id);
        var e = Sample.Value.Entities.Single(x => x.Id == id);
        Assert.Equal("Yekaterina Schulmann", e.Name);
        Assert.Contains("Ekaterina Schulmann", e.Aliases);
        Assert.Equal(SourceType.Person, e.Type);
    }

    [Fact]
    public void Sample_FemalePronouns_ResolveToSchulmann()
    {
        var doc = Sample.Value;
        string schulmann = SpeakerOf("Schulmann", "suspected");
        var shes = doc.Attributions.Where(a => a.Source is { } s && doc.Slice(s) == "she").ToList();
        Assert.NotEmpty(shes);
        Assert.All(shes, a => Assert.Equal(schulmann, a.Speaker));
    }

    [Fact]
    public void Sample_BillionaireAndIntelligenceCircles_AreAnonymous()
    {
        var doc = Sample.Value;
        var billionaire = doc.Entities.Single(e => e.Name == "a Russian billionaire");
        Assert.Equal(SourceType.Anonymous, billionaire.Type);
        var circles = doc.Entities.Single(e => e.Name == "Western government and intelligence circles");
        Assert.Equal(SourceType.Anonymous, circles.Type);
        var reuters = doc.Attributions.Single(a => a.Source is { } s && doc.Slice(s) == "the Reuters agency");
        Assert.Contains(circles.Id, reuters.Cites);
        Assert.Equal(SourceType.Media, doc.Entities.Single(e => e.Id == reuters.Speaker).Type);
    }

    [Fact]
    public void Sample_Outlets_AreMedia()
    {
        var doc = Sample.Value;
        Assert.Equal(SourceType.Media, doc.Entities.Single(e => e.Name == "Iefimerida").Type);
        Assert.Contains("Greek newspaper", doc.Entities.Single(e => e.Name == "Iefimerida").Description);
    }
}
