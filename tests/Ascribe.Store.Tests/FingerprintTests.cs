using Ascribe.Store.Dedup;
using Ascribe.Store.Names;

namespace Ascribe.Store.Tests;

public sealed class FingerprintTests
{
    [Theory]
    [InlineData("Volodymyr Zelensky", "Zelenskyy")]
    [InlineData("Volodymyr Zelensky", "Wolodymyr Selenskyj")]
    [InlineData("Владимир Зеленский", "Vladimir Zelensky")]
    [InlineData("Mr. Tschernak", "Chernak")]
    [InlineData("President Barack Obama", "Barack Obama")]
    public void NameKey_VariantsShareAKey(string a, string b)
    {
        var key = TransliteratedNameKey.Instance;
        Assert.Equal(TransliteratedNameKey.Surname(key.Key(a)), TransliteratedNameKey.Surname(key.Key(b)));
    }

    [Theory]
    [InlineData("he")]
    [InlineData("They")]
    [InlineData("Mr.")]
    public void NameKey_PronounsAndBareTitlesHaveNoKey(string name) => Assert.Null(TransliteratedNameKey.Instance.Key(name));

    [Fact]
    public void NameKey_DifferentPeopleDiffer() =>
        Assert.NotEqual(TransliteratedNameKey.Instance.Key("Hillary Clinton"), TransliteratedNameKey.Instance.Key("Bill Clinton"));

    [Fact]
    public void SimHash_EditedCopyIsNearAndOtherTextIsFar()
    {
        var text = File.ReadAllText(Articles.Data("putin-inner-circle.txt"));
        var other = File.ReadAllText(Directory.EnumerateFiles(Articles.Data("polnear-mini", "text")).Order(StringComparer.Ordinal).First());
        ulong h = SimHash.Compute(TextFingerprint.Words(text), 3);
        ulong retitled = SimHash.Compute(TextFingerprint.Words("Kremlin insiders speak\n\n" + text), 3);
        ulong far = SimHash.Compute(TextFingerprint.Words(other), 3);
        Assert.InRange(SimHash.Distance(h, retitled), 0, SimHash.MaxBandedDistance);
        Assert.True(SimHash.Distance(h, far) > 12);
    }

    [Fact]
    public void SimHash_NearHashesShareABand()
    {
        var rng = new Random(7);
        for (int i = 0; i < 1000; i++)
        {
            ulong a = (ulong)rng.NextInt64();
            ulong b = a;
            foreach (int bit in Enumerable.Range(0, 64).OrderBy(_ => rng.Next()).Take(SimHash.MaxBandedDistance))
            {
                b ^= 1UL << bit;
            }

            Assert.Contains(Enumerable.Range(0, SimHash.Bands), band => SimHash.Band(a, band) == SimHash.Band(b, band));
        }
    }

    [Fact]
    public void ArticleKey_IgnoresWhitespaceAndQuoteStyleButNotOutlet()
    {
        string a = "He said: \u201cNo.\u201d\n\nThen he left.";
        string b = "He  said: \"No.\"\r\nThen   he left. ";
        Assert.Equal(TextFingerprint.ArticleKey(a, "AP"), TextFingerprint.ArticleKey(b, "ap"));
        Assert.NotEqual(TextFingerprint.ArticleKey(a, "AP"), TextFingerprint.ArticleKey(a, "Reuters"));
    }
}

public sealed class ResolutionNameKeyTests
{
    [Theory]
    [InlineData("Volodymyr Zelensky", "Volodymyr Zelenskyy")]
    [InlineData("Volodymyr Zelensky", "Wolodymyr Selenskyj")]
    [InlineData("Володимир Зеленський", "Volodymyr Zelensky")]
    [InlineData("Andriy Tschernak", "Andriy Chernak")]
    [InlineData("President Barack Obama", "Barack Obama")]
    public void Key_VariantsShareAKey(string a, string b) =>
        Assert.Equal(ResolutionNameKey.Instance.Key(a), ResolutionNameKey.Instance.Key(b));

    [Theory]
    [InlineData("he")]
    [InlineData("Mr.")]
    public void Key_PronounsAndBareTitlesHaveNoKey(string name) => Assert.Null(ResolutionNameKey.Instance.Key(name));

    [Fact]
    public void Key_DifferentPeopleDiffer()
    {
        Assert.NotEqual(ResolutionNameKey.Instance.Key("Hillary Clinton"), ResolutionNameKey.Instance.Key("Bill Clinton"));
        Assert.False(ResolutionNameKey.Instance.SameBearer("Hillary Clinton", "Bill Clinton"));
        Assert.True(ResolutionNameKey.Instance.SameBearer("Vladimir Zelenskiy", "Volodymyr Zelensky"));
    }
}
