using Ascribe.Core.Documents;

namespace Ascribe.Core.Tests.Components;

public sealed class TokenizerTests
{
    [Theory]
    [InlineData("Gen. Smith arrived.", new[] { "Gen.", "Smith", "arrived", "." })]
    [InlineData("The U.S. and the U.K. agreed.", new[] { "The", "U.S.", "and", "the", "U.K.", "agreed", "." })]
    [InlineData("It rose 3.5 percent to $1,000.", new[] { "It", "rose", "3.5", "percent", "to", "$", "1,000", "." })]
    [InlineData("Putin's aides don't know.", new[] { "Putin", "'s", "aides", "do", "n't", "know", "." })]
    [InlineData("Putin’s aides can’t say.", new[] { "Putin", "’s", "aides", "ca", "n’t", "say", "." })]
    [InlineData("a well-known pro-Kremlin blogger", new[] { "a", "well-known", "pro-Kremlin", "blogger" })]
    [InlineData("See https://example.com/a?b=1. Then", new[] { "See", "https://example.com/a?b=1", ".", "Then" })]
    [InlineData("J. R. Smith", new[] { "J.", "R.", "Smith" })]
    [InlineData("O'Brien said", new[] { "O'Brien", "said" })]
    [InlineData("“Yes,” he said.", new[] { "“", "Yes", ",", "”", "he", "said", "." })]
    [InlineData("in the '90s", new[] { "in", "the", "'90s" })]
    [InlineData("''Yes,'' he said of the ''rule.''", new[] { "''", "Yes", ",", "''", "he", "said", "of", "the", "''", "rule", ".", "''" })]
    [InlineData("'''Hi'''", new[] { "'", "'", "'", "Hi", "'", "'", "'" })]
    [InlineData("Wait... what?!", new[] { "Wait", "...", "what", "?", "!" })]
    [InlineData("The S.E.C. and the I.R.S. said", new[] { "The", "S.E.C.", "and", "the", "I.R.S.", "said" })]
    [InlineData("Sen. Lindsey Graham (R-S.C.) and Rep. Paul Ryan (R-Wis.) said", new[] { "Sen.", "Lindsey", "Graham", "(", "R-S.C.", ")", "and", "Rep.", "Paul", "Ryan", "(", "R-Wis.", ")", "said" })]
    [InlineData("\"Neither do I.\"", new[] { "\"", "Neither", "do", "I", ".", "\"" })]
    [InlineData("Washington D.C.’s office", new[] { "Washington", "D.C.", "’s", "office" })]
    [InlineData("He cannot stay.", new[] { "He", "can", "not", "stay", "." })]
    [InlineData("Follow @pamkeyNEN and #Election2016 on Twitter, not john@example.com or #1.", new[] { "Follow", "@pamkeyNEN", "and", "#Election2016", "on", "Twitter", ",", "not", "john@example.com", "or", "#", "1", "." })]
    [InlineData("A Reuters/Ipsos poll and/or 9/11", new[] { "A", "Reuters/Ipsos", "poll", "and/or", "9/11" })]
    [InlineData("The answer is no. No. 5 won.", new[] { "The", "answer", "is", "no", ".", "No.", "5", "won", "." })]
    [InlineData("He was ill. Jan. 5 in Selma, Ala.", new[] { "He", "was", "ill", ".", "Jan.", "5", "in", "Selma", ",", "Ala." })]
    public void Tokenizer_SplitsNewsEnglish(string text, string[] expected)
    {
        var doc = TestText.Text(text);
        Assert.Equal(expected, TestText.Words(doc));
    }

    [Fact]
    public void Tokenizer_OffsetsPointIntoOriginalText_WhenNormalizationChangesLength()
    {
        // Soft hyphen, NBSP, decomposed é and a CRLF line end all differ in the normalized copy.
        string text = "Ca\u00ADf\u0065\u0301 owner\u00A0Jos\u00E9 said:\r\n\u201CNo.\u201D";
        var doc = TestText.Text(text);
        foreach (var token in doc.Tokens)
        {
            Assert.InRange(token.Start, 0, text.Length);
            Assert.InRange(token.End, token.Start + 1, text.Length);
        }

        Assert.Equal("Ca\u00ADf\u0065\u0301", doc.Tokens.First().Text);
        Assert.Equal("Café", doc.Tokens.First().Norm);
        Assert.Equal("José", doc.Tokens.ElementAt(2).Text);
    }

    [Fact]
    public void Tokenizer_ClassifiesQuoteMarks()
    {
        var doc = TestText.Text("«Oui» „Ja“ ‚ja‘ ‹non›");
        var kinds = doc.Tokens.Where(t => t.Kind == TokenKind.Quote).Select(t => t.Text).ToArray();
        Assert.Equal(new[] { "«", "»", "„", "“", "‚", "‘", "‹", "›" }, kinds);
    }
}
