using Ascribe.Accurate.Head;

namespace Ascribe.Accurate.Tests.Head;

public sealed class CrfTests
{
    /// <summary>Every legal O/B/I sequence of length <paramref name="n"/> (no I after O, none first).</summary>
    private static IEnumerable<byte[]> Sequences(int n)
    {
        for (int code = 0; code < (int)Math.Pow(3, n); code++)
        {
            var tags = new byte[n];
            int c = code;
            for (int t = 0; t < n; t++)
            {
                tags[t] = (byte)(c % 3);
                c /= 3;
            }

            bool legal = true;
            for (int t = 0; t < n && legal; t++)
            {
                legal = tags[t] != Roles.I || (t > 0 && tags[t - 1] != Roles.O);
            }

            if (legal)
            {
                yield return tags;
            }
        }
    }

    private static double Score(float[] e, float[] a, byte[] tags)
    {
        double s = 0;
        for (int t = 0; t < tags.Length; t++)
        {
            s += e[t * 3 + tags[t]] + a[(t == 0 ? Roles.O : tags[t - 1]) * 3 + tags[t]];
        }

        return s;
    }

    private static (float[] E, float[] A) Random(int n, int seed)
    {
        var rng = new Random(seed);
        var e = Enumerable.Range(0, n * 3).Select(_ => (rng.NextSingle() * 4) - 2).ToArray();
        var a = Enumerable.Range(0, 9).Select(_ => (rng.NextSingle() * 2) - 1).ToArray();
        return (e, a);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 2)]
    [InlineData(6, 3)]
    public void Gradient_MatchesEnumeratingEverySequence(int n, int seed)
    {
        var (e, a) = Random(n, seed);
        var gold = Sequences(n).ElementAt(seed % Sequences(n).Count());
        var all = Sequences(n).ToList();
        double logZ = Math.Log(all.Sum(s => Math.Exp(Score(e, a, s))));
        var dE = new float[n * 3];
        var dA = new float[9];
        double loss = Crf.Gradient(e, a, gold, dE, dA);

        Assert.Equal(logZ - Score(e, a, gold), loss, 4);
        for (int t = 0; t < n; t++)
        {
            for (int k = 0; k < 3; k++)
            {
                double marginal = all.Where(s => s[t] == k).Sum(s => Math.Exp(Score(e, a, s) - logZ));
                Assert.Equal(marginal - (gold[t] == k ? 1 : 0), dE[t * 3 + k], 4);
            }
        }

        for (int j = 0; j < 3; j++)
        {
            for (int k = 0; k < 3; k++)
            {
                double expected = all.Sum(s => Math.Exp(Score(e, a, s) - logZ) * Count(s, j, k)) - Count(gold, j, k);
                Assert.Equal(expected, dA[j * 3 + k], 4);
            }
        }

        static int Count(byte[] s, int j, int k) => Enumerable.Range(0, s.Length).Count(t => (t == 0 ? Roles.O : s[t - 1]) == j && s[t] == k);
    }

    [Fact]
    public void Gradient_OfALongDocument_StaysFinite()
    {
        // Two thousand tokens with large scores: log space keeps the partition function finite.
        var (e, a) = Random(2000, 4);
        for (int i = 0; i < e.Length; i++)
        {
            e[i] *= 20;
        }

        var gold = new byte[2000];
        gold[10] = Roles.B;
        gold[11] = Roles.I;
        var dE = new float[e.Length];
        var dA = new float[9];
        double loss = Crf.Gradient(e, a, gold, dE, dA);
        Assert.True(double.IsFinite(loss) && loss >= 0);
        Assert.All(dE, g => Assert.InRange(g, -1.001f, 1.001f));
        Assert.All(dA, g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void Gradient_GoldWithIAfterO_Throws()
    {
        var (e, a) = Random(2, 5);
        Assert.Throws<ArgumentException>(() => Crf.Gradient(e, a, new[] { Roles.O, Roles.I }, new float[6], new float[9]));
    }

    [Fact]
    public void Decode_FindsTheBestLegalSequence_UnderTransitions()
    {
        int n = 6;
        var (e, a) = Random(n, 6);
        var scores = new float[n * Roles.Outputs];
        for (int t = 0; t < n; t++)
        {
            e.AsSpan(t * 3, 3).CopyTo(scores.AsSpan(t * Roles.Outputs + Roles.Cue * 3, 3));
        }

        var transitions = new float[AccurateHead.TransitionCount];
        a.CopyTo(transitions, Roles.Cue * 9);
        var best = Sequences(n).MaxBy(s => Score(e, a, s))!;
        Assert.Equal(best, AccurateHead.Decode(scores, n, Roles.Cue, 0, transitions));
    }
}
