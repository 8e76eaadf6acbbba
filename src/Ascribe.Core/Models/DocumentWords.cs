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

    /// <summary>Token count of the longest sentence, at least 1: the size of per-sentence buffers.</summary>
    public static int LongestSentence(Document doc) =>
        doc.Sentences.Count == 0 ? 1 : Math.Max(1, doc.Sentences.Max(s => s.TokenCount));

    /// <summary>Fills <paramref name="tags"/> with the hashes of the predicted part-of-speech tags of a run of tokens.</summary>
    public static void FillTagHashes(Document doc, int first, int count, Span<ulong> tags)
    {
        var tokens = doc.TokenData;
        for (int i = 0; i < count; i++)
        {
            tags[i] = TagHashes.Of(tokens[first + i].Tag);
        }
    }
}
