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
        int n = gold.Length;
        Span<float> a = stackalloc float[Tags * Tags];
        Matrix(transitions, a);
        var alpha = new double[n * Tags];
        var beta = new double[n * Tags];
        Span<double> terms = stackalloc double[Tags];
        for (int k = 0; k < Tags; k++)
        {
            alpha[k] = emissions[k] + a[(Roles.O * Tags) + k];
        }

        for (int t = 1; t < n; t++)
        {
            for (int k = 0; k < Tags; k++)
            {
                for (int j = 0; j < Tags; j++)
                {
                    terms[j] = alpha[(t - 1) * Tags + j] + a[(j * Tags) + k];
                }

                alpha[t * Tags + k] = LogSumExp(terms) + emissions[t * Tags + k];
            }
        }

        // beta[t, k]: log-sum of the scores of everything after token t given tag k at t.
        for (int t = n - 2; t >= 0; t--)
        {
            for (int k = 0; k < Tags; k++)
            {
                for (int j = 0; j < Tags; j++)
                {
                    terms[j] = a[(k * Tags) + j] + emissions[(t + 1) * Tags + j] + beta[(t + 1) * Tags + j];
                }

                beta[t * Tags + k] = LogSumExp(terms);
            }
        }

        double logZ = LogSumExp(alpha.AsSpan((n - 1) * Tags, Tags));
        double goldScore = 0;
        for (int t = 0; t < n; t++)
        {
            int prev = t == 0 ? Roles.O : gold[t - 1];
            float step = a[(prev * Tags) + gold[t]];
            if (float.IsNegativeInfinity(step))
            {
                throw new ArgumentException("the gold tags put an I after an O", nameof(gold));
            }

            goldScore += emissions[t * Tags + gold[t]] + step;
            dTransitions[(prev * Tags) + gold[t]] -= 1;
        }

        for (int t = 0; t < n; t++)
        {
            for (int k = 0; k < Tags; k++)
            {
                double p = Math.Exp(alpha[t * Tags + k] + beta[t * Tags + k] - logZ);
                dEmissions[t * Tags + k] = (float)p - (gold[t] == k ? 1 : 0);
                if (t == 0)
                {
                    dTransitions[(Roles.O * Tags) + k] += (float)p;
                }
            }

            if (t == 0)
            {
                continue;
            }

            for (int j = 0; j < Tags; j++)
            {
                for (int k = 0; k < Tags; k++)
                {
                    double score = alpha[(t - 1) * Tags + j] + a[(j * Tags) + k] + emissions[t * Tags + k] + beta[t * Tags + k] - logZ;
                    if (!double.IsNegativeInfinity(score))
                    {
                        dTransitions[(j * Tags) + k] += (float)Math.Exp(score);
                    }
                }
            }
        }

        return logZ - goldScore;
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
