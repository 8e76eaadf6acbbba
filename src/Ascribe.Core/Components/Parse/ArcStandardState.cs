namespace Ascribe.Core.Components.Parse;

/// <summary>
/// Configuration of the arc-standard transition system over one sentence of <see cref="Count"/>
/// words, with an artificial root (index <see cref="Count"/>) at the bottom of the stack.
/// SHIFT pushes the buffer front; LEFT attaches the item below the stack top to the top and
/// removes it; RIGHT attaches the top to the item below it and pops it. The root takes a
/// dependent only once the buffer is empty, so every parse has exactly one root word.
/// </summary>
internal sealed class ArcStandardState : TransitionState
{
    public ArcStandardState(int count)
        : base(count)
    {
        Reset();
    }

    public bool IsFinal => Depth == 1 && Front == Count;

    public bool CanShift => Front < Count;

    public bool CanLeft => Depth >= 3;

    public bool CanRight => Depth >= 3 || (Depth == 2 && Front == Count);

    /// <summary>Buffer word <paramref name="k"/> from the front, or -1.</summary>
    public int B(int k) => Front + k < Count ? Front + k : -1;

    /// <summary>Class of a move: 0 SHIFT, 1 + 2l LEFT with label l, 2 + 2l RIGHT with label l.</summary>
    public static int MoveOf(int cls) => cls == 0 ? 0 : cls % 2 == 1 ? 1 : 2;

    public static int LabelOf(int cls) => (cls - 1) / 2;

    public static int LeftClass(int label) => 1 + (2 * label);

    public static int RightClass(int label) => 2 + (2 * label);

    public override bool IsValid(int cls) => MoveOf(cls) switch
    {
        0 => CanShift,
        1 => CanLeft,
        _ => CanRight,
    };

    public void Reset()
    {
        ClearArcs();
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
}
