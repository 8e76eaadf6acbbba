namespace Ascribe.Core.Documents;

/// <summary>
/// A quoted stretch of text. <see cref="Open"/> and <see cref="Close"/> are the character offsets of
/// the marks (-1 when a mark is missing: an unbalanced quote or one that runs to the paragraph end).
/// <see cref="Content"/> is the text between the marks.
/// </summary>
public sealed record Quote(int Open, int Close, TextSpan Content, int Depth)
{
    /// <summary>True when this quote continues the previous paragraph's quote (news convention of reopening without closing).</summary>
    public bool ContinuesPrevious { get; init; }

    /// <summary>True when the next paragraph continues this quote.</summary>
    public bool ContinuesNext { get; init; }

    /// <summary>Index of the paragraph the quote lies in.</summary>
    public int Paragraph { get; init; }

    public bool IsBalanced => Open >= 0 && Close >= 0;

    /// <summary>The whole quote including its marks, as far as they exist.</summary>
    public TextSpan Outer => new(Open >= 0 ? Open : Content.Start, Close >= 0 ? Close + 1 : Content.End);
}
