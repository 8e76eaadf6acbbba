using Ascribe.Core.Documents;
using Ascribe.Core.Lexicons;

namespace Ascribe.Accurate.Head;

/// <summary>
/// Sparse-but-cheap evidence the head reads beside the encoder vectors: quotation structure,
/// the cue lexicon, sentence position and the spans the fast extractor already placed in
/// <see cref="Document.Attributions"/>. Values are 0/1 except the position in the sentence.
/// </summary>
internal static class TokenFlags
{
    public const int Count = 26;

    /// <summary>The fast extractor's marks: begin and inside of its sources, cues and contents, at flags 3 to 8.</summary>
    public const int FastMarksStart = 3, FastMarksCount = 6;

    /// <summary>Row <c>t</c> of the result is <c>[t * Count, (t + 1) * Count)</c>.</summary>
    public static float[] Compute(Document doc)
    {
        int n = doc.TokenCount;
        var f = new float[n * Count];
        var lexicon = CueLexicon.Default;
        foreach (var quote in doc.Quotes)
        {
            var (s, e) = doc.TokenRange(quote.Content);
            for (int t = s; t < e; t++)
            {
                f[t * Count + 1] = 1;
            }
        }

        foreach (var a in doc.Attributions)
        {
            if (a.Source is { } src)
            {
                Mark(doc, f, src, 3);
            }

            if (a.Cue is { } cue)
            {
                Mark(doc, f, cue, 5);
            }

            foreach (var c in a.Content)
            {
                Mark(doc, f, c, 7);
            }
        }

        foreach (var sent in doc.Sentences)
        {
            for (int t = sent.TokenStart; t < sent.TokenEnd; t++)
            {
                int row = t * Count;
                var token = doc[t];
                var norm = token.NormSpan;
                f[row] = token.Kind == TokenKind.Quote ? 1 : 0;
                f[row + 2] = token.Kind is TokenKind.Punctuation or TokenKind.Symbol ? 1 : 0;
                f[row + 9] = lexicon.TryVerb(norm, out _) ? 1 : 0;
                f[row + 10] = lexicon.TryNoun(norm, out _) ? 1 : 0;
                f[row + 11] = norm.Length > 0 && char.IsUpper(norm[0]) ? 1 : 0;
                f[row + 12] = t == sent.TokenStart ? 1 : 0;
                f[row + 13] = t == sent.TokenEnd - 1 ? 1 : 0;
                f[row + 14] = sent.TokenCount > 1 ? (t - sent.TokenStart) / (float)(sent.TokenCount - 1) : 0;
                f[row + 15] = norm.Equals("that", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
                f[row + 16] = norm.Equals("according", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
                f[row + 17] = norm.Length == 1 && norm[0] is '.' or '?' or '!' ? 1 : 0;
                f[row + 18 + PosClass(token.Tag)] = 1;
            }
        }

        return f;
    }

    /// <summary>Coarse class of a Penn Treebank tag: 0 proper noun, 1 noun, 2 pronoun, 3 verb, 4 modifier, 5 preposition or conjunction, 6 determiner, 7 other or untagged.</summary>
    private static int PosClass(string? tag) => tag switch
    {
        null => 7,
        "NNP" or "NNPS" => 0,
        "NN" or "NNS" => 1,
        "PRP" or "PRP$" or "WP" or "WP$" => 2,
        _ when tag.StartsWith("VB", StringComparison.Ordinal) || tag == "MD" => 3,
        _ when tag.StartsWith("JJ", StringComparison.Ordinal) || tag.StartsWith("RB", StringComparison.Ordinal) => 4,
        "IN" or "CC" or "TO" => 5,
        "DT" or "PDT" or "WDT" => 6,
        _ => 7,
    };

    /// <summary>Sets the begin flag at <paramref name="slot"/> and the inside flag at <paramref name="slot"/> + 1.</summary>
    private static void Mark(Document doc, float[] f, TextSpan span, int slot)
    {
        var (s, e) = doc.TokenRange(span);
        for (int t = s; t < e; t++)
        {
            f[t * Count + (t == s ? slot : slot + 1)] = 1;
        }
    }
}
