namespace Ascribe.Reliability.Tests;

/// <summary>
/// Issue 9: shrunk inputs on which a random-seed run of <see cref="TextPropertyTests"/> found a
/// broken invariant. Each runs every property of that class.
/// </summary>
public sealed class PropertyRegressionTests
{
    public static TheoryData<string, string> Inputs() => new()
    {
        { "seed-report-1", "3.5 U.S. e.g.\u0763 O'Brien ; \u300F she\u2010\na@b.org ' \u201F says O'Brien \u203A\n( \u2026 [ (\u201DTrump's \u201F Putin\nMr\u0085... " },
        { "seed-report-2", "\u2019\u00AB ... says\u2019" },

        // U+2010 and U+2011 became "-" before a line end that a second pass then joined.
        { "hyphen-u2011-line-end", "told\u2011\nstudents" },
        { "hyphen-line-separator", "exam-\u2028ple" },
        { "hyphen-zero-width-line-end", "exam-\u200B\nple" },

        // "\n" composed with the mark after it, "\r\n" did not: U+0341 became U+0301 in one text only.
        { "mark-after-line-end", "\u00AB\n\u0341\u300F" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void FoundInput_KeepsEveryProperty(string name, string text)
    {
        Assert.NotEmpty(name);
        var properties = new TextPropertyTests();
        var input = new NewsText(text);
        properties.Pipeline_KeepsEveryStructuralInvariant(input);
        properties.Normalizer_MapsEveryCharacterBackToWhereItCameFrom(input);
        properties.Normalizer_IsIdempotent(input);
        properties.Pipeline_IsDeterministic(input);
        properties.Tokens_CoverEveryVisibleCharacter(input);
        properties.Quotes_AreFoundTheSameWithCrlfLineEnds(input);
    }
}
