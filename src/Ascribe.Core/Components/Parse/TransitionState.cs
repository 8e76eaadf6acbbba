namespace Ascribe.Core.Components.Parse;

/// <summary>
/// What the transition systems share: a stack, the buffer front and the arcs built so far over
/// one sentence of <see cref="Count"/> words and an artificial root (index <see cref="Count"/>),
/// with each word's two outermost dependents on either side and its dependent counts.
/// </summary>
internal abstract class TransitionState
{
    protected TransitionState(int count)
    {
        Count = count;
        Stack = new int[count + 1];
        Heads = new int[count + 1];
        Labels = new int[count + 1];
        LeftMost = new int[count + 1];
        LeftSecond = new int[count + 1];
        RightMost = new int[count + 1];
        RightSecond = new int[count + 1];
        LeftCount = new int[count + 1];
        RightCount = new int[count + 1];
        ClearArcs();
    }

    public int Count { get; }

    public int[] Stack { get; }

    public int Depth { get; protected set; }

    /// <summary>Front of the buffer.</summary>
    public int Front { get; protected set; }

    public int[] Heads { get; }

    public int[] Labels { get; }

    public int[] LeftMost { get; }

    public int[] LeftSecond { get; }

    public int[] RightMost { get; }

    public int[] RightSecond { get; }

    /// <summary>Number of dependents attached to the left of each item so far.</summary>
    public int[] LeftCount { get; }

    /// <summary>Number of dependents attached to the right of each item so far.</summary>
    public int[] RightCount { get; }

    /// <summary>The stack item <paramref name="k"/> from the top (0 = top), or -1.</summary>
    public int S(int k) => Depth > k ? Stack[Depth - 1 - k] : -1;

    public abstract bool IsValid(int cls);

    /// <summary>The highest-scoring move that is valid here.</summary>
    public int BestValid(ReadOnlySpan<float> scores)
    {
        int best = -1;
        float max = float.NegativeInfinity;
        for (int c = 0; c < scores.Length; c++)
        {
            if (scores[c] > max && IsValid(c))
            {
                max = scores[c];
                best = c;
            }
        }

        return best;
    }

    protected void ClearArcs()
    {
        Array.Fill(Heads, -1);
        Array.Fill(Labels, -1);
        Array.Fill(LeftMost, -1);
        Array.Fill(LeftSecond, -1);
        Array.Fill(RightMost, -1);
        Array.Fill(RightSecond, -1);
        Array.Clear(LeftCount);
        Array.Clear(RightCount);
    }

    protected void AddArc(int head, int dep, int label)
    {
        Heads[dep] = head;
        Labels[dep] = label;
        if (dep < head)
        {
            LeftCount[head]++;
            if (LeftMost[head] < 0 || dep < LeftMost[head])
            {
                LeftSecond[head] = LeftMost[head];
                LeftMost[head] = dep;
            }
            else if (LeftSecond[head] < 0 || dep < LeftSecond[head])
            {
                LeftSecond[head] = dep;
            }
        }
        else
        {
            RightCount[head]++;
            if (dep > RightMost[head])
            {
                RightSecond[head] = RightMost[head];
                RightMost[head] = dep;
            }
            else if (dep > RightSecond[head])
            {
                RightSecond[head] = dep;
            }
        }
    }
}
