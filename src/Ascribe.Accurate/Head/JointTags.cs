namespace Ascribe.Accurate.Head;

/// <summary>
/// The seven flat tags of a joint CRF over the three roles: O, then B and I of the source, the
/// cue and the content. PolNeAR's fragments of different roles do not overlap (a content that
/// holds another attribution's cue or source is split around it), so one tag per token describes
/// the gold exactly, and one chain can learn how the roles follow each other (a content after a
/// cue, a cue inside a content's two fragments), which three independent chains cannot. A joint
/// tag's emission is the sum of its three role tags' scores (O for the roles it does not mark).
/// </summary>
internal static class JointTags
{
    public const int Count = 7;

    /// <summary>Entries of a joint transition matrix, <c>[previous, next]</c>.</summary>
    public const int TransitionCount = Count * Count;

    /// <summary>The O/B/I tag joint tag <paramref name="j"/> gives role <paramref name="role"/>.</summary>
    public static byte RoleTag(int j, int role) =>
        j == 0 || (j - 1) / 2 != role ? Roles.O : (j - 1) % 2 == 0 ? Roles.B : Roles.I;

    /// <summary>The joint tag of role <paramref name="role"/>'s <paramref name="tag"/> (O for O).</summary>
    public static byte Of(int role, byte tag) => tag == Roles.O ? (byte)0 : (byte)(1 + (2 * role) + (tag == Roles.I ? 1 : 0));

    /// <summary>
    /// <paramref name="transitions"/> (<see cref="TransitionCount"/> scores) into
    /// <paramref name="a"/> with the moves no span allows (an I after anything but its role's B
    /// or I) set to negative infinity.
    /// </summary>
    public static void Matrix(ReadOnlySpan<float> transitions, Span<float> a)
    {
        transitions[..TransitionCount].CopyTo(a);
        for (int p = 0; p < Count; p++)
        {
            for (int q = 0; q < Count; q++)
            {
                if (!Allowed(p, q))
                {
                    a[(p * Count) + q] = float.NegativeInfinity;
                }
            }
        }
    }

    /// <summary>True when joint tag <paramref name="q"/> may follow <paramref name="p"/>.</summary>
    public static bool Allowed(int p, int q) => q == 0 || (q - 1) % 2 == 0 || (p != 0 && (p - 1) / 2 == (q - 1) / 2);

    /// <summary>
    /// The joint transitions equal to three independent role chains (<see cref="AccurateHead.Transitions"/>
    /// layout): each move scores the sum of its three role moves. Decoding with them finds the best
    /// labelling of the three role chains in which no two roles mark the same token.
    /// </summary>
    public static float[] Compose(ReadOnlySpan<float> roleTransitions)
    {
        var joint = new float[TransitionCount];
        for (int p = 0; p < Count; p++)
        {
            for (int q = 0; q < Count; q++)
            {
                if (!Allowed(p, q))
                {
                    continue;
                }

                float v = 0;
                for (int r = 0; r < Roles.Count; r++)
                {
                    v += roleTransitions[(r * 9) + (RoleTag(p, r) * 3) + RoleTag(q, r)];
                }

                joint[(p * Count) + q] = v;
            }
        }

        return joint;
    }

    /// <summary>
    /// Joint emissions <c>[n, Count]</c> from role scores <c>[n, Roles.Outputs]</c>, with each
    /// role's begin bias (or none) added where the joint tag begins that role.
    /// </summary>
    public static float[] Emissions(ReadOnlySpan<float> scores, int n, ReadOnlySpan<float> beginBias)
    {
        var e = new float[n * Count];
        for (int t = 0; t < n; t++)
        {
            var s = scores.Slice(t * Roles.Outputs, Roles.Outputs);
            float allO = s[0] + s[3] + s[6];
            e[t * Count] = allO;
            for (int r = 0; r < Roles.Count; r++)
            {
                float rest = allO - s[r * 3];
                e[(t * Count) + 1 + (2 * r)] = rest + s[(r * 3) + Roles.B] + (beginBias.IsEmpty ? 0 : beginBias[r]);
                e[(t * Count) + 2 + (2 * r)] = rest + s[(r * 3) + Roles.I];
            }
        }

        return e;
    }

    /// <summary>
    /// Gold joint tags from gold role tags <c>[n, Roles.Count]</c>. Where roles overlap (rare), a
    /// cue wins over a source and a source over content, as when the roles are flattened for the
    /// linker; an I left without its role's B or I before it becomes a B.
    /// </summary>
    public static byte[] Gold(ReadOnlySpan<byte> roleTags, int n)
    {
        var gold = new byte[n];
        for (int t = 0; t < n; t++)
        {
            byte j = 0;
            foreach (int r in Roles.Priority)
            {
                byte tag = roleTags[(t * Roles.Count) + r];
                if (tag != Roles.O)
                {
                    j = Of(r, tag);
                    break;
                }
            }

            if (j != 0 && (j - 1) % 2 == 1 && !Allowed(t == 0 ? 0 : gold[t - 1], j))
            {
                j--;
            }

            gold[t] = j;
        }

        return gold;
    }

    /// <summary>The three roles' O/B/I tags of a joint tag sequence.</summary>
    public static byte[][] Split(ReadOnlySpan<byte> joint)
    {
        var roles = new byte[Roles.Count][];
        for (int r = 0; r < Roles.Count; r++)
        {
            roles[r] = new byte[joint.Length];
            for (int t = 0; t < joint.Length; t++)
            {
                roles[r][t] = RoleTag(joint[t], r);
            }
        }

        return roles;
    }
}
