namespace Ascribe.Core.Documents;

/// <summary>Coarse lexical class a tokenizer assigns without any model.</summary>
public enum TokenKind : byte
{
    Word,
    Number,
    Punctuation,
    /// <summary>A quotation mark of any style; see <see cref="QuoteMarks"/>.</summary>
    Quote,
    Url,
    Symbol,
}
