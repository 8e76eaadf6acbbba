namespace Ascribe.Core.Documents;

/// <summary>A half-open character range <c>[Start, End)</c> in UTF-16 units of a document's original text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public bool IsEmpty => End <= Start;

    public bool Contains(int offset) => offset >= Start && offset < End;

    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;

    /// <summary>Returns the slice of <paramref name="text"/> this span covers.</summary>
    public string Slice(string text) => text.Substring(Start, End - Start);

    public override string ToString() => $"[{Start}, {End})";
}
