namespace Ascribe.Core.Components.Parse;

/// <summary>
/// Configuration of the arc-standard transition system over one sentence of <see cref="Count"/>
/// words, with an artificial root (index <see cref="Count"/>) at the bottom of the stack.
/// SHIFT pushes the buffer front; LEFT attaches the item below the stack top to the top and
/// removes it; RIGHT attaches the top to the item below it and pops it. The root takes a
/// dependent only once the buffer is empty, so every parse has exactly one root word.
/// </summary>
internal sealed class ArcStandardState
{
    public ArcStandardState(int count)
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
        Reset();
    }

    public int Count { get; }

    public int[] Stack { get; }

    public int Depth { get; private set; }

    /// <summary>Front of the buffer; equals <see cref="Count"/> once every word was shifted.</summary>
    public int Front { get; private set; }

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

    public bool IsFinal => Depth == 1 && Front == Count;

    public bool CanShift => Front < Count;

    public bool CanLeft => Depth >= 3;

    public bool CanRight => Depth >= 3 || (Depth == 2 && Front == Count);

    /// <summary>The stack item <paramref name="k"/> from the top (0 = top; the root is <see cref="Count"/>), or -1.</summary>
    public int S(int k) => Depth > k ? Stack[Depth - 1 - k] : -1;

    /// <summary>Buffer word <paramref name="k"/> from the front, or -1.</summary>
    public int B(int k) => Front + k < Count ? Front + k : -1;

    /// <summary>Class of a move: 0 SHIFT, 1 + 2l LEFT with label l, 2 + 2l RIGHT with label l.</summary>
    public static int MoveOf(int cls) => cls == 0 ? 0 : cls % 2 == 1 ? 1 : 2;

    public static int LabelOf(int cls) => (cls - 1) / 2;

    public static int LeftClass(int label) => 1 + (2 * label);

    public static int RightClass(int label) => 2 + (2 * label);

    public bool IsValid(int cls) => MoveOf(cls) switch
    {
        0 => CanShift,
        1 => CanLeft,
        _ => CanRight,
    };

    public void Reset()
    {
        Array.Fill(Heads, -1);
        Array.Fill(Labels, -1);
        Array.Fill(LeftMost, -1);
        Array.Fill(LeftSecond, -1);
        Array.Fill(RightMost, -1);
        Array.Fill(RightSecond, -1);
        Array.Clear(LeftCount);
        Array.Clear(RightCount);
        Stack[0] = Count;
        Depth = 1;
        Front = 0;
    }

    public void Apply(int cls)
    {
        switch (MoveOf(cls))
        {
            case 0:
                Stack[Depth++] = Front++;
                break;
            case 1:
                {
                    int s0 = Stack[Depth - 1];
                    AddArc(s0, Stack[Depth - 2], LabelOf(cls));
                    Stack[Depth - 2] = s0;
                    Depth--;
                    break;
                }

            default:
                {
                    int s0 = Stack[--Depth];
                    AddArc(Stack[Depth - 1], s0, LabelOf(cls));
                    break;
                }
        }
    }

    /// <summary>
    /// The move of the static oracle towards the gold tree (<paramref name="gold"/> heads with the
    /// root as <see cref="Count"/>, <paramref name="goldLabels"/>, <paramref name="goldChildren"/>
    /// dependents per word), or -1 when no move reaches it (a non-projective tree).
    /// </summary>
    public int Oracle(int[] gold, int[] goldLabels, int[] goldChildren)
    {
        if (CanLeft)
        {
            int s0 = S(0), s1 = S(1);
            if (gold[s1] == s0)
            {
                return LeftClass(goldLabels[s1]);
            }
        }

        if (Depth >= 2)
        {
            int s0 = S(0), s1 = S(1);
            if (gold[s0] == s1 && LeftCount[s0] + RightCount[s0] == goldChildren[s0] && CanRight)
            {
                return RightClass(goldLabels[s0]);
            }
        }

        return CanShift ? 0 : -1;
    }

    private void AddArc(int head, int dep, int label)
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
