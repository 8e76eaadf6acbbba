using Ascribe.Core.Documents;

namespace Ascribe.Core.Tests.Components;

public sealed class QuoteFinderTests
{
    [Theory]
    [InlineData("He said \"we will win\" today.", "we will win")]
    [InlineData("He said “we will win” today.", "we will win")]
    [InlineData("Er sagte „wir gewinnen“ heute.", "wir gewinnen")]
    [InlineData("Er sagte »wir gewinnen« heute.", "wir gewinnen")]
    [InlineData("Il a dit « nous gagnerons » hier.", " nous gagnerons ")]
    [InlineData("Er sagte ‚wir gewinnen‘ heute.", "wir gewinnen")]
    [InlineData("He said 'we will win' today.", "we will win")]
    [InlineData("Il a dit ‹ oui › hier.", " oui ")]
    [InlineData("Mówił „wygramy” wczoraj.", "wygramy")]
    [InlineData("He said ''we will win'' today.", "we will win")]
    [InlineData("Han sa ”vi vinner” i dag.", "vi vinner")]
    [InlineData("He said \"we will win,” and left.", "we will win,")]
    [InlineData("Han sa ’vi vinner’ i dag.", "vi vinner")]
    public void Quotes_PairEveryStyle(string text, string content)
    {
        var doc = TestText.Text(text);
        Assert.Equal(new[] { content }, TestText.QuoteTexts(doc));
    }

    [Fact]
    public void Quotes_NestedSingleInsideDouble()
    {
        var doc = TestText.Text("\"known as supporters of 'Great Russia'\".");
        Assert.Equal(2, doc.Quotes.Count);
        Assert.Equal("known as supporters of 'Great Russia'", doc.Slice(doc.Quotes[0].Content));
        Assert.Equal(0, doc.Quotes[0].Depth);
        Assert.Equal("Great Russia", doc.Slice(doc.Quotes[1].Content));
        Assert.Equal(1, doc.Quotes[1].Depth);
    }

    [Fact]
    public void Quotes_ApostrophesAreNotQuoteMarks()
    {
        var doc = TestText.Text("The students' union and O'Brien's team in the '90s didn't care.");
        Assert.Empty(doc.Quotes);
    }

    [Fact]
    public void Quotes_ReopenedOnNewParagraph_AreMarkedAsContinuation()
    {
        var doc = TestText.Text("“We will fight.\n\n“We will never give up,” he said.");
        Assert.Equal(2, doc.Quotes.Count);
        Assert.True(doc.Quotes[0].ContinuesNext);
        Assert.Equal(-1, doc.Quotes[0].Close);
        Assert.True(doc.Quotes[1].ContinuesPrevious);
    }

    [Fact]
    public void Quotes_ClosedInNextParagraphWithoutReopening_AreJoined()
    {
        var doc = TestText.Text("“At this point, they are not ready.\n\nIf he loses power, they will exterminate him,\" Chernak said.");
        Assert.Equal(2, doc.Quotes.Count);
        Assert.True(doc.Quotes[1].ContinuesPrevious);
        Assert.Equal(-1, doc.Quotes[1].Open);
        Assert.StartsWith("If he loses", doc.Slice(doc.Quotes[1].Content));
    }

    [Theory]
    [InlineData("\"\"\"\"\"")]
    [InlineData("“ “ “ ” ” ” ” ” ”")]
    [InlineData("«««« »")]
    [InlineData("He said \"no")]
    [InlineData("\"")]
    [InlineData("”")]
    public void Quotes_UnbalancedMarksNeverThrow(string text)
    {
        var doc = TestText.Text(text);
        foreach (var q in doc.Quotes)
        {
            Assert.InRange(q.Content.Start, 0, text.Length);
            Assert.InRange(q.Content.End, q.Content.Start, text.Length);
        }
    }

    [Fact]
    public void Quotes_ModifierLetterApostropheNeverOpensAQuote()
    {
        // Found by the property tests: U+02BC before another U+02BC was normalized to "'" and
        // then paired as a quote mark that does not exist in the original text.
        string text = "told Trump's\u02BC\u02BC \u02BC\n\u2018 Trump's";
        var doc = TestText.Text(text);
        foreach (var q in doc.Quotes)
        {
            Assert.True(q.Open < 0 || QuoteMarks.IsQuote(text[q.Open]), $"open at {q.Open}");
            Assert.True(q.Close < 0 || QuoteMarks.IsQuote(text[q.Close]), $"close at {q.Close}");
        }
    }

    [Fact]
    public void Quotes_OpenerTypedAsACloser_ClosesInItsParagraph()
    {
        // A scraped article opened one quote with ”; read as never closed, it ran to the paragraph's end
        // and made the next paragraph's quotation a continuation of it.
        var doc = TestText.Text("One questioner claimed that “social engineering,” ”like women in combat” was at fault.\n\n“You’re right,” he said.");
        Assert.Equal(new[] { "social engineering,", "like women in combat", "You’re right," }, TestText.QuoteTexts(doc));
        Assert.DoesNotContain(doc.Quotes, q => q.ContinuesNext || q.ContinuesPrevious);
    }

    [Fact]
    public void Quotes_ReopenedInAnotherStyle_AreANewQuotation()
    {
        // An unbalanced straight quote, then a curly quotation with its own speaker: not one quote over two paragraphs.
        var doc = TestText.Text("\"Kevin was snoring.\n\n“Here he is, babe,” she said.");
        Assert.Equal(new[] { "Kevin was snoring.", "Here he is, babe," }, TestText.QuoteTexts(doc));
        Assert.DoesNotContain(doc.Quotes, q => q.ContinuesNext || q.ContinuesPrevious);

        // The same style continues it.
        var same = TestText.Text("“Kevin was snoring.\n\n“Here he is, babe,” she said.");
        Assert.True(same.Quotes[0].ContinuesNext);
        Assert.True(same.Quotes[1].ContinuesPrevious);
    }

    [Fact]
    public void Quotes_ThreeApostrophes_CloseOrOpenASingleAndADoubleQuote()
    {
        var closing = TestText.Text("''Barbara Bush said, 'You weren't in line,''' Ms. Compton recalled.\n\nNext paragraph.");
        Assert.Equal(new[] { "Barbara Bush said, 'You weren't in line,'", "You weren't in line," }, TestText.QuoteTexts(closing));
        Assert.DoesNotContain(closing.Quotes, q => q.ContinuesNext);

        var opening = TestText.Text("He said: '''Old-school' is the word,'' and left.");
        Assert.Equal(new[] { "'Old-school' is the word,", "Old-school" }, TestText.QuoteTexts(opening));
    }

    [Fact]
    public void Quotes_UnclosedQuoteRunsToParagraphEnd()
    {
        var doc = TestText.Text("He said \"we will win. Nobody doubts it.\n\nNext paragraph.");
        var q = Assert.Single(doc.Quotes);
        Assert.Equal("we will win. Nobody doubts it.", doc.Slice(q.Content));
    }

    [Fact]
    public void Quotes_TypewriterDoubleApostrophes_AreOneMarkAndContinueAcrossParagraphs()
    {
        string text = "''It was a shock,'' Mr. King said. ''They pay us a lot.\n\n''And I like the ''Buffett rule'' a lot,'' he added.";
        var doc = TestText.Text(text);
        Assert.Equal(new[] { "It was a shock,", "They pay us a lot.", "And I like the ''Buffett rule'' a lot,", "Buffett rule" }, TestText.QuoteTexts(doc));
        var first = doc.Quotes[0];
        Assert.Equal((0, 18), (first.Open, first.Close)); // first and last character of the '' pairs
        Assert.Equal("''It was a shock,''", doc.Slice(first.Outer));
        Assert.True(doc.Quotes[1].ContinuesNext);
        Assert.True(doc.Quotes[2].ContinuesPrevious);
        Assert.Equal(1, doc.Quotes[3].Depth);
    }

    [Fact]
    public void Quotes_TypewriterQuote_WithItsSpeaker_IsDirect()
    {
        var doc = TestText.Analyze("''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist.");
        var attribution = Assert.Single(doc.Attributions);
        Assert.Equal(AttributionKind.Direct, attribution.Kind);
        Assert.Equal("''This isn't tax reform,''", doc.Slice(Assert.Single(attribution.Content)));
    }
}
