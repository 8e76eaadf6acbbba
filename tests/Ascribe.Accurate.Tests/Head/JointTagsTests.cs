using Ascribe.Accurate.Head;

namespace Ascribe.Accurate.Tests.Head;

public sealed class JointTagsTests
{
    /// <summary>Every joint tag sequence of length <paramref name="n"/> in which each I continues its role's B or I.</summary>
    private static IEnumerable<byte[]> Sequences(int n)
    {
        for (int code = 0; code < (int)Math.Pow(JointTags.Count, n); code++)
        {
            var tags = new byte[n];
            int c = code;
            for (int t = 0; t < n; t++)
            {
                tags[t] = (byte)(c % JointTags.Count);
                c /= JointTags.Count;
            }

            if (Enumerable.Range(0, n).All(t => JointTags.Allowed(t == 0 ? 0 : tags[t - 1], tags[t])))
            {
                yield return tags;
            }
        }
    }

    private static float[] RandomValues(Random rng, int count, float scale) =>
        Enumerable.Range(0, count).Select(_ => (rng.NextSingle() * 2 * scale) - scale).ToArray();

    /// <summary>
    /// The score three independent role chains give a labelling: each role's tag scores and its
    /// own transitions, with a begin bias on each B.
    /// </summary>
    private static double RoleScore(float[] scores, float[] roleTransitions, float[] biases, byte[] joint)
    {
        double s = 0;
        for (int r = 0; r < Roles.Count; r++)
        {
            for (int t = 0; t < joint.Length; t++)
            {
                byte tag = JointTags.RoleTag(joint[t], r);
                byte prev = t == 0 ? Roles.O : JointTags.RoleTag(joint[t - 1], r);
                s += scores[t * Roles.Outputs + r * 3 + tag] + roleTransitions[r * 9 + prev * 3 + tag] + (tag == Roles.B ? biases[r] : 0);
            }
        }

        return s;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void DecodeJoint_WithComposedTransitions_FindsTheBestLabellingInWhichNoTwoRolesMarkAToken(int seed)
    {
        const int n = 4;
        var rng = new Random(seed);
        var scores = RandomValues(rng, n * Roles.Outputs, 2);
        var roleTransitions = RandomValues(rng, AccurateHead.TransitionCount, 1);
        var biases = RandomValues(rng, Roles.Count, 1);
        var best = Sequences(n).MaxBy(s => RoleScore(scores, roleTransitions, biases, s))!;

        var roles = AccurateHead.DecodeJoint(scores, n, biases, JointTags.Compose(roleTransitions));
        for (int r = 0; r < Roles.Count; r++)
        {
            Assert.Equal(best.Select(j => JointTags.RoleTag(j, r)), roles[r]);
        }

        // At most one role marks each token.
        Assert.All(Enumerable.Range(0, n), t => Assert.True(roles.Count(tags => tags[t] != Roles.O) <= 1));
    }

    [Fact]
    public void DecodeJoint_ScoresTheOrderOfRoles_WhichSeparateChainsCannot()
    {
        // Token 1 is a little likelier a content than a cue; a learned move from a source to a
        // cue (+3) makes it the cue of the source before it.
        const int n = 2;
        var scores = new float[n * Roles.Outputs];
        scores[0 * Roles.Outputs + Roles.Source * 3 + Roles.B] = 5;
        scores[1 * Roles.Outputs + Roles.Cue * 3 + Roles.B] = 2;
        scores[1 * Roles.Outputs + Roles.Content * 3 + Roles.B] = 2.5f;
        var none = new float[Roles.Count];
        var plain = AccurateHead.DecodeJoint(scores, n, none, JointTags.Compose(new float[AccurateHead.TransitionCount]));
        Assert.Equal(new[] { Roles.O, Roles.B }, plain[Roles.Content]);

        var learned = JointTags.Compose(new float[AccurateHead.TransitionCount]);
        learned[JointTags.Of(Roles.Source, Roles.B) * JointTags.Count + JointTags.Of(Roles.Cue, Roles.B)] = 3;
        var roles = AccurateHead.DecodeJoint(scores, n, none, learned);
        Assert.Equal(new[] { Roles.B, Roles.O }, roles[Roles.Source]);
        Assert.Equal(new[] { Roles.O, Roles.B }, roles[Roles.Cue]);
        Assert.Equal(new[] { Roles.O, Roles.O }, roles[Roles.Content]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    public void Gradient_OverTheJointTags_MatchesEnumeratingEverySequence(int n, int seed)
    {
        var rng = new Random(seed);
        var e = RandomValues(rng, n * JointTags.Count, 2);
        var a = new float[JointTags.TransitionCount];
        JointTags.Matrix(RandomValues(rng, JointTags.TransitionCount, 1), a);
        var all = Sequences(n).ToList();
        double Score(byte[] s) => Enumerable.Range(0, n).Sum(t => (double)e[t * JointTags.Count + s[t]] + a[(t == 0 ? 0 : s[t - 1]) * JointTags.Count + s[t]]);
        var gold = all[seed * 7 % all.Count];
        double logZ = Math.Log(all.Sum(s => Math.Exp(Score(s))));
        var dE = new float[e.Length];
        var dA = new float[JointTags.TransitionCount];

        double loss = Crf.Gradient(e, a, JointTags.Count, gold, dE, dA);

        Assert.Equal(logZ - Score(gold), loss, 4);
        for (int t = 0; t < n; t++)
        {
            for (int k = 0; k < JointTags.Count; k++)
            {
                double marginal = all.Where(s => s[t] == k).Sum(s => Math.Exp(Score(s) - logZ));
                Assert.Equal(marginal - (gold[t] == k ? 1 : 0), dE[t * JointTags.Count + k], 4);
            }
        }

        Assert.Equal(all.MaxBy(Score), Crf.Viterbi(e, a, JointTags.Count, n));
    }

    [Fact]
    public void Gold_CueWinsWhereRolesOverlap_AndAContentCutByItStartsAgain()
    {
        // Content over all four tokens, a cue on token 1: content B, cue B, then content B I.
        const int n = 4;
        var tags = new byte[n * Roles.Count];
        for (int t = 0; t < n; t++)
        {
            tags[t * Roles.Count + Roles.Content] = t == 0 ? Roles.B : Roles.I;
        }

        tags[1 * Roles.Count + Roles.Cue] = Roles.B;
        var gold = JointTags.Gold(tags, n);
        Assert.Equal(
            new[] { JointTags.Of(Roles.Content, Roles.B), JointTags.Of(Roles.Cue, Roles.B), JointTags.Of(Roles.Content, Roles.B), JointTags.Of(Roles.Content, Roles.I) },
            gold);
        Assert.All(Enumerable.Range(1, n - 1), t => Assert.True(JointTags.Allowed(gold[t - 1], gold[t])));
    }

    [Fact]
    public void DecodeJoint_OfNoTokens_IsThreeEmptyRoles()
    {
        var roles = AccurateHead.DecodeJoint(Array.Empty<float>(), 0, new float[Roles.Count], JointTags.Compose(new float[AccurateHead.TransitionCount]));
        Assert.Equal(Roles.Count, roles.Length);
        Assert.All(roles, Assert.Empty);
    }

    [Fact]
    public void Matrix_ForbidsAnIThatDoesNotContinueItsRole()
    {
        var a = new float[JointTags.TransitionCount];
        JointTags.Matrix(Enumerable.Repeat(1f, JointTags.TransitionCount).ToArray(), a);
        byte sourceB = JointTags.Of(Roles.Source, Roles.B), sourceI = JointTags.Of(Roles.Source, Roles.I), cueI = JointTags.Of(Roles.Cue, Roles.I);
        Assert.Equal(1, a[sourceB * JointTags.Count + sourceI]);
        Assert.Equal(1, a[sourceI * JointTags.Count + sourceI]);
        Assert.Equal(float.NegativeInfinity, a[sourceB * JointTags.Count + cueI]);
        Assert.Equal(float.NegativeInfinity, a[0 * JointTags.Count + sourceI]);
        Assert.Equal(1, a[sourceI * JointTags.Count + JointTags.Of(Roles.Content, Roles.B)]);
    }
}
