using Ascribe.Core.Components.Attribution;

namespace Ascribe.Core.Tests.Components;

public sealed class PageFurnitureTests
{
    private const string Article =
        "Residents were evacuated overnight, according to the regional governor.\n\n" +
        "Advertisement\n\n" +
        "Continue reading the main story\n\n" +
        "\"We have no water,\" one resident said.\n\n" +
        "Story continues below advertisement\n\n" +
        "The mayor said the situation was under control.\n\n" +
        "READ MORE: Dam collapse floods villages\n\n" +
        "Sign up to get an email from reporter Ryan Grim when he publishes a new story.\n";

    [Theory]
    [InlineData("Advertisement", true)]
    [InlineData("Continue reading the main story", true)]
    [InlineData("Story continues below advertisement", true)]
    [InlineData("READ MORE: Dam collapse floods villages", true)]
    [InlineData("Sign up to get an email from reporter Ryan Grim when he publishes a new story.", true)]
    [InlineData("The mayor said the situation was under control.", false)]
    [InlineData("Sign up for the draft, the general told recruits, was a duty they could not refuse in a war of this size and length.", false)]
    [InlineData("Read more: \"We will not give up,\" she said.", false)]
    [InlineData("Advertisement The mayor said the situation was under control.", false)]
    public void IsFurniture_KnowsPageLinesFromProse(string paragraph, bool furniture)
    {
        var doc = TestText.Text(paragraph);
        Assert.Equal(furniture, PageFurniture.IsFurniture(doc, Assert.Single(doc.Paragraphs)));
    }

    [Fact]
    public void Analyze_AttributesNothingToPageFurniture()
    {
        var doc = TestText.Analyze(Article);
        var cues = doc.Attributions.Where(a => a.Cue is not null).Select(a => doc.Slice(a.Cue!.Value)).ToList();
        Assert.Equal(["according to", "said", "said"], cues);
        Assert.DoesNotContain(doc.Entities, e => e.Name is "Continue" or "Ryan Grim");
        Assert.Equal("The mayor", doc.Entities.Single(e => e.Id == doc.Attributions[2].Speaker).Name);
    }
}
