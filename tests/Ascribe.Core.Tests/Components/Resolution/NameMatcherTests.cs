using Ascribe.Core.Components.Resolution;

namespace Ascribe.Core.Tests.Components.Resolution;

public sealed class NameMatcherTests
{
    [Theory]
    [InlineData("Tschernak", "Chernak")]
    [InlineData("Czernak", "Chernak")]
    [InlineData("Tchernak", "Tschernak")]
    [InlineData("Yekaterina", "Ekaterina")]
    [InlineData("Jekaterina", "Yekaterina")]
    [InlineData("Andriy", "Andrii")]
    [InlineData("Andriy", "Andrei")]
    [InlineData("Navalny", "Nawalny")]
    [InlineData("Navalny", "Navalnyj")]
    [InlineData("Schulmann", "Shulman")]
    [InlineData("Khodorkovsky", "Chodorkowski")]
    [InlineData("Gorbachev", "Gorbatschow")]
    [InlineData("Zelensky", "Selenskyj")]
    [InlineData("Szczepański", "Shchepanski")]
    [InlineData("Müller", "Muller")]
    [InlineData("Poutine", "Putin")]
    [InlineData("Чернак", "Chernak")]
    public void WordsMatch_TransliterationFamilies(string a, string b)
    {
        Assert.True(NameMatcher.WordsMatch(a, b));
        Assert.True(NameMatcher.WordsMatch(b, a));
    }

    [Theory]
    [InlineData("Jon", "Jan")]
    [InlineData("Andriy", "Andrew")]
    [InlineData("Schulmann", "Tschernak")]
    [InlineData("Volkov", "Navalny")]
    [InlineData("Ivan", "Oleg")]
    public void WordsMatch_DifferentNames(string a, string b)
    {
        Assert.False(NameMatcher.WordsMatch(a, b));
    }

    [Theory]
    [InlineData("Chernak", "Andriy Tschernak")]
    [InlineData("Mr. Tschernak", "Andriy Tschernak")]
    [InlineData("Андрій Чернак", "Andrii Chernak")]
    [InlineData("Ekaterina Schulmann", "Yekaterina Schulmann")]
    [InlineData("President Vladimir Putin", "Vladimir Putin")]
    [InlineData("V. Putin", "Vladimir Putin")]
    [InlineData("Foreign Minister Sergei Lavrov", "Sergey Lavrov")]
    [InlineData("EU", "European Union")]
    [InlineData("Ursula von der Leyen", "von der Leyen")]
    [InlineData("Alexei Nawalny", "Alexey Navalny")]
    public void NamesMatch_Variants(string mention, string name)
    {
        Assert.True(NameMatcher.NamesMatch(mention, name));
    }

    [Theory]
    [InlineData("Bill Clinton", "Hillary Clinton")]
    [InlineData("Leonid Volkov", "Andriy Tschernak")]
    [InlineData("J. Smith", "Anna Smith")]
    public void NamesMatch_DifferentPeople(string mention, string name)
    {
        Assert.False(NameMatcher.NamesMatch(mention, name));
    }

    [Fact]
    public void Parse_StripsTitlesAndHonorificGender()
    {
        var name = NameMatcher.Parse("Mrs. Anna van der Berg");
        Assert.Equal(new[] { "mrs" }, name.Titles);
        Assert.Equal(new[] { "anna" }, name.Given);
        Assert.Equal("berg", name.Surname);
        Assert.Equal(Gender.Female, name.Gender);
    }

    [Theory]
    [InlineData("Foreign Minister Yoko Kamikawa", new[] { "foreign minister" })]
    [InlineData("Japanese Foreign Minister Yoko Kamikawa", new[] { "japanese", "foreign minister" })]
    [InlineData("Massachusetts Sen. Elizabeth Warren", new[] { "massachusetts", "sen" })]
    public void Parse_WordsBeforeATitleDescribeItUnlessTheyStartIt(string text, string[] titles)
    {
        var name = NameMatcher.Parse(text);
        Assert.Equal(titles, name.Titles);
        Assert.Equal(2, text.Split(' ').Length - name.Titles.Sum(t => t.Split(' ').Length));
    }

    [Fact]
    public void Fold_TransliteratesScriptsAndDiacritics()
    {
        Assert.Equal("andriy chernak", NameMatcher.Fold("Андрій Чернак"));
        Assert.Equal("francois hollande", NameMatcher.Fold("François Hollande"));
    }
}
