using Ascribe.Core.Documents;

namespace Ascribe.Core.Models;

/// <summary>Computes <see cref="WordInfo"/> for a run of a document's tokens, reading the original text.</summary>
internal static class DocumentWords
{
    public static void Fill(Document doc, int first, int count, Span<WordInfo> words)
    {
        var tokens = doc.TokenData;
        string text = doc.Text;
        for (int i = 0; i < count; i++)
        {
            ref readonly var token = ref tokens[first + i];
            bool before = token.Start == 0 || char.IsWhiteSpace(text[token.Start - 1]);
            bool after = token.End >= text.Length || char.IsWhiteSpace(text[token.End]);
            words[i] = WordInfo.Compute(text.AsSpan(token.Start, token.End - token.Start), before, after);
        }
    }
}
