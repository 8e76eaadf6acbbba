using Ascribe.Core.Components.Normalize;
using Ascribe.Core.Documents;

namespace Ascribe.Core.Tests.Components;

public sealed class NormalizedTextTests
{
    [Fact]
    public void Map_KeptAsRuns_GivesEveryCharactersOriginalRange()
    {
        // One-to-one stretches, a dropped character, a two-character line end, a composition
        // (two originals for one), an expansion (one original for two) and an empty text.
        var rng = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            var starts = new List<int>();
            var ends = new List<int>();
            int at = 0;
            int n = rng.Next(0, 60);
            while (starts.Count < n)
            {
                switch (rng.Next(6))
                {
                    case 0:
                        at++; // dropped
                        break;
                    case 1:
                        starts.Add(at);
                        ends.Add(at + 2);
                        at += 2;
                        break;
                    case 2:
                        starts.Add(at);
                        ends.Add(at + 1);
                        starts.Add(at);
                        ends.Add(at + 1);
                        at++;
                        break;
                    default:
                        starts.Add(at);
                        ends.Add(at + 1);
                        at++;
                        break;
                }
            }

            n = starts.Count;
            var norm = new NormalizedText(new string('x', n), starts.ToArray(), ends.ToArray(), at + 1);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(starts[i], norm.ToOriginal(i));
                Assert.Equal(i > 0 && starts[i] == starts[i - 1], norm.SharesSourceWithPrevious(i));
                for (int j = i + 1; j <= Math.Min(n, i + 4); j++)
                {
                    Assert.Equal(new TextSpan(starts[i], ends[j - 1]), norm.ToOriginal(i, j));
                }
            }

            Assert.Equal(at + 1, norm.ToOriginal(n));
            Assert.Equal(new TextSpan(at + 1, at + 1), norm.ToOriginal(n, n));
        }
    }

    [Fact]
    public void Normalize_CrLfSoftHyphenAndDecomposedAccent_MapBackToTheOriginal()
    {
        string text = "Ca\u00ADf\u0065\u0301 said:\r\nNo.";
        var norm = TextNormalizer.Normalize(text);
        Assert.Equal("Café said:\nNo.", norm.Text);
        Assert.Equal(new TextSpan(0, 6), norm.ToOriginal(0, 4));
        Assert.Equal(new TextSpan(12, 14), norm.ToOriginal(10, 11));
        Assert.Equal(new TextSpan(14, 17), norm.ToOriginal(11, 14));
        Assert.Equal(text.Length, norm.ToOriginal(norm.Text.Length));
    }
}
