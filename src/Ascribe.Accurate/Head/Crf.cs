namespace Ascribe.Accurate.Head;

/// <summary>
/// A linear-chain CRF over one role's O/B/I tags: a tag sequence scores the sum of its tags'
/// emission scores and of the transitions between consecutive tags (an O stands before the first
/// token), and O→I is never allowed. Computed in log space, so documents of any length are safe.
/// </summary>
internal static class Crf
{
    private const int Tags = 3;

    /// <summary>
    /// The transition matrix <c>[previous, next]</c> of one role (<paramref name="transitions"/>:
    /// its nine scores, or empty for none) into <paramref name="a"/>, with O→I forbidden.
    /// </summary>
    internal static void Matrix(ReadOnlySpan<float> transitions, Span<float> a)
    {
        if (transitions.IsEmpty)
        {
            a[..9].Clear();
        }
        else
        {
            transitions[..9].CopyTo(a);
        }

        a[(Roles.O * Tags) + Roles.I] = float.NegativeInfinity;
    }

    /// <summary>
    /// Negative log-likelihood of <paramref name="gold"/> under <paramref name="emissions"/>
    /// (<c>[n, 3]</c>) and <paramref name="transitions"/> (<c>[3, 3]</c>). Writes the gradient with
    /// respect to the emissions (marginal probability minus gold indicator) to
    /// <paramref name="dEmissions"/> and adds the one with respect to the transitions (expected
    /// minus gold transition counts) to <paramref name="dTransitions"/>; the forbidden O→I entry
    /// gets none.
    /// </summary>
    /// <exception cref="ArgumentException">The gold sequence puts an I after an O.</exception>
    public static double Gradient(ReadOnlySpan<float> emissions, ReadOnlySpan<float> transitions, ReadOnlySpan<byte> gold, Span<float> dEmissions, Span<float> dTransitions)
    {
        Span<float> a = stackalloc float[Tags * Tags];
        Matrix(transitions, a);
        return Gradient(emissions, a, Tags, gold, dEmissions, dTransitions);
    }

    /// <summary>
    /// The same over any tag set: <paramref name="a"/> is the <c>[previous, next]</c> matrix of
    /// <paramref name="tags"/> × <paramref name="tags"/> scores, forbidden moves negative infinity,
    /// and tag 0 (O) stands before the first token.
    /// </summary>
    /// <exception cref="ArgumentException">The gold sequence makes a forbidden move.</exception>
    public static double Gradient(ReadOnlySpan<float> emissions, ReadOnlySpan<float> a, int tags, ReadOnlySpan<byte> gold, Span<float> dEmissions, Span<float> dTransitions)
    {
        int n = gold.Length;
        var alpha = new double[n * tags];
        var beta = new double[n * tags];
        Span<double> terms = stackalloc double[tags];
        for (int k = 0; k < tags; k++)
        {
            alpha[k] = emissions[k] + a[(Roles.O * tags) + k];
        }

        for (int t = 1; t < n; t++)
        {
            for (int k = 0; k < tags; k++)
            {
                for (int j = 0; j < tags; j++)
                {
                    terms[j] = alpha[(t - 1) * tags + j] + a[(j * tags) + k];
                }

                alpha[t * tags + k] = LogSumExp(terms) + emissions[t * tags + k];
            }
        }

        // beta[t, k]: log-sum of the scores of everything after token t given tag k at t.
        for (int t = n - 2; t >= 0; t--)
        {
            for (int k = 0; k < tags; k++)
            {
                for (int j = 0; j < tags; j++)
                {
                    terms[j] = a[(k * tags) + j] + emissions[(t + 1) * tags + j] + beta[(t + 1) * tags + j];
                }

                beta[t * tags + k] = LogSumExp(terms);
            }
        }

        double logZ = LogSumExp(alpha.AsSpan((n - 1) * tags, tags));
        double goldScore = 0;
        for (int t = 0; t < n; t++)
        {
            int prev = t == 0 ? Roles.O : gold[t - 1];
            float step = a[(prev * tags) + gold[t]];
            if (float.IsNegativeInfinity(step))
            {
                throw new ArgumentException("the gold tags make a forbidden move", nameof(gold));
            }

            goldScore += emissions[t * tags + gold[t]] + step;
            dTransitions[(prev * tags) + gold[t]] -= 1;
        }

        for (int t = 0; t < n; t++)
        {
            for (int k = 0; k < tags; k++)
            {
                double p = Math.Exp(alpha[t * tags + k] + beta[t * tags + k] - logZ);
                dEmissions[t * tags + k] = (float)p - (gold[t] == k ? 1 : 0);
                if (t == 0)
                {
                    dTransitions[(Roles.O * tags) + k] += (float)p;
                }
            }

            if (t == 0)
            {
                continue;
            }

            for (int j = 0; j < tags; j++)
            {
                for (int k = 0; k < tags; k++)
                {
                    double score = alpha[(t - 1) * tags + j] + a[(j * tags) + k] + emissions[t * tags + k] + beta[t * tags + k] - logZ;
                    if (!double.IsNegativeInfinity(score))
                    {
                        dTransitions[(j * tags) + k] += (float)Math.Exp(score);
                    }
                }
            }
        }

        return logZ - goldScore;
    }

    /// <summary>
    /// Best tag sequence under <paramref name="emissions"/> (<c>[n, tags]</c>) and the
    /// <c>[previous, next]</c> matrix <paramref name="a"/> (forbidden moves negative infinity;
    /// tag 0 stands before the first token).
    /// </summary>
    public static byte[] Viterbi(ReadOnlySpan<float> emissions, ReadOnlySpan<float> a, int tags, int n)
    {
        var best = new byte[n];
        if (n == 0)
        {
            return best;
        }

        var back = new byte[n * tags];
        Span<float> prev = stackalloc float[tags];
        Span<float> cur = stackalloc float[tags];
        for (int k = 0; k < tags; k++)
        {
            prev[k] = emissions[k] + a[k];
        }

        for (int t = 1; t < n; t++)
        {
            for (int k = 0; k < tags; k++)
            {
                float top = float.NegativeInfinity;
                byte arg = 0;
                for (byte j = 0; j < tags; j++)
                {
                    float v = prev[j] + a[(j * tags) + k];
                    if (v > top)
                    {
                        top = v;
                        arg = j;
                    }
                }

                cur[k] = top + emissions[t * tags + k];
                back[t * tags + k] = arg;
            }

            cur.CopyTo(prev);
        }

        byte last = 0;
        for (byte k = 1; k < tags; k++)
        {
            if (prev[k] > prev[last])
            {
                last = k;
            }
        }

        for (int t = n - 1; t >= 0; t--)
        {
            best[t] = last;
            last = back[t * tags + last];
        }

        return best;
    }

    private static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }
}
