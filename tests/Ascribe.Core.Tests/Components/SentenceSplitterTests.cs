namespace Ascribe.Core.Tests.Components;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Splitter_KeepsTitlesAndInitialsInsideSentences()
    {
        var doc = TestText.Text("Gen. Mark Milley met Sen. J. Smith on Jan. 5. They talked.");
        Assert.Equal(new[] { "Gen. Mark Milley met Sen. J. Smith on Jan. 5.", "They talked." }, TestText.SentenceTexts(doc));
    }

    [Fact]
    public void Splitter_TakesClosingQuoteIntoSentence()
    {
        var doc = TestText.Text("He said: \"We will win.\" Then he left. (It was late.) Nobody stayed.");
        Assert.Equal(new[] { "He said: \"We will win.\"", "Then he left.", "(It was late.)", "Nobody stayed." }, TestText.SentenceTexts(doc));
    }

    [Fact]
    public void Splitter_EndsSentenceAtParagraphBreak_ForHeadlines()
    {
        var doc = TestText.Text("Negotiations behind Putin's back?\n\nUkraine says the plan is underway\n\nMunich - The call grew louder.");
        Assert.Equal(new[] { "Negotiations behind Putin's back?", "Ukraine says the plan is underway", "Munich - The call grew louder." }, TestText.SentenceTexts(doc));
        Assert.Equal(3, doc.Paragraphs.Count);
    }

    [Fact]
    public void Splitter_JoinsWrappedLinesOfScrapedText()
    {
        var doc = TestText.Text("The minister said the talks\nwere going well. Nobody\nbelieved him.\nNew paragraph here.");
        Assert.Equal(2, doc.Paragraphs.Count);
        Assert.Equal(3, doc.Sentences.Count);
    }

    [Fact]
    public void Splitter_JoinsSentenceBrokenOverBlankLines_ButKeepsTruncatedParagraphs()
    {
        var doc = TestText.Text("The Washington Post,\n\nfor example, reported\n\nshortly before the turn of the year that there was frustration.\n\nShe explained in an interview with\n\nThere are dissatisfied people.");
        Assert.Equal(
            new[] { "The Washington Post,\n\nfor example, reported\n\nshortly before the turn of the year that there was frustration.", "She explained in an interview with", "There are dissatisfied people." },
            TestText.SentenceTexts(doc));
        Assert.Equal(3, doc.Paragraphs.Count);
    }

    [Fact]
    public void Splitter_DoesNotSplitBeforeLowerCase_AfterAbbreviationOrDecimal()
    {
        var doc = TestText.Text("The U.S. military spent 3.5 billion. U.S. officials said so.");
        Assert.Equal(new[] { "The U.S. military spent 3.5 billion.", "U.S. officials said so." }, TestText.SentenceTexts(doc));
    }

    [Fact]
    public void Splitter_EndsSentenceAfterStateAbbreviationOrPlainNo_ButNotAfterPartyLabel()
    {
        var doc = TestText.Text("He lives in Selma, Ala. But he works here. The answer is no. He left. Rep. Jim Clyburn (D-S.C.), the leader, agreed. \"Neither do I.\" She left.");
        Assert.Equal(
            new[] { "He lives in Selma, Ala.", "But he works here.", "The answer is no.", "He left.", "Rep. Jim Clyburn (D-S.C.), the leader, agreed.", "\"Neither do I.\"", "She left." },
            TestText.SentenceTexts(doc));
    }
}
