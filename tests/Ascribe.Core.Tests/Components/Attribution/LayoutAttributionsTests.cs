using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Tests.Components;

/// <summary>Transcript speaker lines and dash bylines, through both the trained and the rule extractor.</summary>
public sealed class LayoutAttributionsTests
{
    private static readonly Pipeline.Pipeline Rules = DefaultPipeline.CreateWithRules();

    public static TheoryData<bool> Extractors => new() { true, false };

    private static Document Run(string text, bool model) =>
        model ? TestText.Analyze(text) : Rules.Run("test", text);

    private static (string? Source, string? Cue, string Content)[] Triples(Document doc) =>
        doc.Attributions
            .Select(a => (a.Source is { } s ? doc.Slice(s) : null, a.Cue is { } c ? doc.Slice(c) : null,
                string.Join(" … ", a.Content.Select(doc.Slice))))
            .ToArray();

    [Theory]
    [MemberData(nameof(Extractors))]
    public void Transcript_speaker_lines_are_attributed_to_the_speaker(bool model)
    {
        const string text = "Partial transcript as follows:\n\n"
            + "\"WALLACE: Let's start with breaking news on the debate story. Will she be there tomorrow night?\n\n"
            + "\"PENCE: Well, look, the campaign thinks this is an episode of a game show.\n";
        var found = Triples(Run(text, model));

        Assert.Contains(("WALLACE", ":", "Let's start with breaking news on the debate story. Will she be there tomorrow night?"), found);
        Assert.Contains(("PENCE", ":", "Well, look, the campaign thinks this is an episode of a game show"), found);
        Assert.DoesNotContain(found, f => f.Source == "Partial transcript as follows");
    }

    [Theory]
    [MemberData(nameof(Extractors))]
    public void Headline_with_a_speaker_and_a_colon(bool model)
    {
        var found = Triples(Run("Pence: Flowers Won't Be at Debate, Trump Was Mocking Clinton Camp.\n\nThe vice-presidential nominee spoke on Sunday.\n", model));
        Assert.Contains(("Pence", ":", "Flowers Won't Be at Debate, Trump Was Mocking Clinton Camp"), found);
    }

    [Theory]
    [InlineData("Update: The story has been corrected to show the right date.\n")]
    [InlineData("Stealth Over Health: Clinton Was Headed to the Hospital.\n")]
    [InlineData("Note: all figures are in dollars.\n")]
    public void Labels_and_titles_before_a_colon_are_not_speakers(string text)
    {
        var doc = Run(text, model: false);
        Assert.DoesNotContain(doc.Attributions, a => a.Origin == "layout");
    }

    [Theory]
    [MemberData(nameof(Extractors))]
    public void Dash_bylines_after_quotes(bool model)
    {
        const string text = "Readers told us what they think.\n\n"
            + "“Mr. Trump embodies the lasting legacy of racism in the United States.” ― Sonya Herridge\n\n"
            + "“He is ignorant of our culture and lives.”\u00A0— Edwin G. Monroy.\n\n"
            + "\"The economy is the issue that decides this race.\"\n\n- Bernie Sanders.\n";
        var found = Triples(Run(text, model));

        Assert.Contains(("Sonya Herridge", "―", "“Mr. Trump embodies the lasting legacy of racism in the United States.”"), found);
        Assert.Contains(("Edwin G. Monroy", "—", "“He is ignorant of our culture and lives.”"), found);
        Assert.Contains(("Bernie Sanders", "-", "\"The economy is the issue that decides this race.\""), found);
    }

    [Fact]
    public void A_dash_inside_a_sentence_is_not_a_byline()
    {
        var doc = Run("“We will win,” she said — Clinton was confident — and left the stage.\n", model: true);
        Assert.DoesNotContain(doc.Attributions, a => a.Cue is { } c && doc.Slice(c) == "—");
    }

    [Fact]
    public void Layout_attributions_keep_offsets_into_the_original_text()
    {
        const string text = "\"WALLACE: Governor, I don’t want to interrupt, but I want to try to get —.\n";
        var doc = Run(text, model: true);
        var a = Assert.Single(doc.Attributions, x => x.Cue is { } c && doc.Slice(c) == ":");
        Assert.Equal(1, a.Source!.Value.Start);
        Assert.Equal("WALLACE", text[a.Source.Value.Start..a.Source.Value.End]);
        Assert.Equal("layout", a.Origin);
    }

    [Theory]
    [MemberData(nameof(Extractors))]
    public void A_kicker_before_a_headline_colon_is_no_speaker(bool model)
    {
        const string text = "Interview: \"We will rebuild every house\"\n\n"
            + "The mayor of Kharkiv, Ihor Terekhov, spoke to our reporter about the winter.\n\n"
            + "Terekhov: More than 4,000 homes. We will rebuild every house.\n";
        var found = Triples(Run(text, model));

        Assert.DoesNotContain(found, t => t.Source == "Interview");
        Assert.Contains(("Terekhov", ":", "More than 4,000 homes. We will rebuild every house"), found);
    }
}
