namespace Ascribe.Core.Documents;

/// <summary>A sentence: tokens <c>[TokenStart, TokenEnd)</c>, characters <c>[Start, End)</c> of the original text.</summary>
public readonly record struct Sentence(int TokenStart, int TokenEnd, int Start, int End, int Paragraph)
{
    public TextSpan Span => new(Start, End);

    public int TokenCount => TokenEnd - TokenStart;
}
