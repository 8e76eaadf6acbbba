namespace Ascribe.Core.Components.Parse;

/// <summary>
/// Configuration of the arc-hybrid transition system over one sentence of <see cref="Count"/>
/// words, with an artificial root at index <see cref="Count"/> at the end of the buffer.
/// SHIFT pushes the buffer front; RIGHT attaches the stack top to the item below it and pops it;
/// LEFT attaches the stack top to the buffer front and pops it. The root takes a dependent only
/// when it is the last item left, so every parse has exactly one root word.
/// </summary>
internal sealed class ParseState : TransitionState
{
    public const int Shift = 0;

    public ParseState(int count)
        : base(count)
    {
    }

    public bool IsFinal => Depth == 0 && Front == Count;

    /// <summary>Buffer item <paramref name="k"/> from the front; the root is <see cref="Count"/>; -1 past it.</summary>
    public int B(int k) => Front + k <= Count ? Front + k : -1;

    public bool CanShift => Front < Count;

    public bool CanRight => Depth >= 2;

    public bool CanLeft => Depth >= 1 && (Front < Count || Depth == 1);

    /// <summary>Class of a move: 0 SHIFT, 1 + 2l RIGHT with label l, 2 + 2l LEFT with label l.</summary>
    public static int MoveOf(int cls) => cls == 0 ? 0 : cls % 2 == 1 ? 1 : 2;

    public static int LabelOf(int cls) => (cls - 1) / 2;

    public override bool IsValid(int cls) => MoveOf(cls) switch
    {
        0 => CanShift,
        1 => CanRight,
        _ => CanLeft,
    };

    public void Apply(int cls)
    {
        switch (MoveOf(cls))
        {
            case 0:
                Stack[Depth++] = Front++;
                break;
            case 1:
                {
                    int s0 = Stack[--Depth];
                    AddArc(Stack[Depth - 1], s0, LabelOf(cls));
                    break;
                }

            default:
                {
                    int s0 = Stack[--Depth];
                    AddArc(Front, s0, LabelOf(cls));
                    break;
                }
        }
    }

    /// <summary>
    /// Cost of each move against the gold tree (<paramref name="gold"/> heads, the root as
    /// <see cref="Count"/>): the number of gold arcs it makes unreachable (Goldberg and Nivre 2013).
    /// </summary>
    public (int Shift, int Right, int Left) Costs(int[] gold)
    {
        int b = Front;
        int shift = int.MaxValue, right = int.MaxValue, left = int.MaxValue;
        if (CanShift)
        {
            shift = 0;
            for (int k = 0; k < Depth; k++)
            {
                int s = Stack[k];
                shift += gold[s] == b ? 1 : 0;
                shift += k < Depth - 1 && gold[b] == s ? 1 : 0;
            }
        }

        if (Depth >= 1)
        {
            int s0 = Stack[Depth - 1];
            int depsInBuffer = 0;
            for (int d = b; d < Count; d++)
            {
                depsInBuffer += gold[d] == s0 ? 1 : 0;
            }

            if (CanRight)
            {
                right = depsInBuffer + (gold[s0] >= b ? 1 : 0);
            }

            if (CanLeft)
            {
                left = depsInBuffer + (Depth >= 2 && gold[s0] == Stack[Depth - 2] ? 1 : 0) + (gold[s0] > b ? 1 : 0);
            }
        }

        return (shift, right, left);
    }
}
