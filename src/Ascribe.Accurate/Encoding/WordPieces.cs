using Ascribe.Core.Documents;
using Microsoft.ML.Tokenizers;

namespace Ascribe.Accurate.Encoding;

/// <summary>
/// The word pieces of a document and their alignment to its tokens. Every Ascribe token is
/// word-pieced on its own, so a piece never straddles two tokens and token offsets into the original
/// text stay exact whatever the word-piece normalizer does (lower-casing, accent stripping).
/// </summary>
public sealed class WordPieces
{
    internal WordPieces(int[] ids, int[] firstPiece, int[] pieceCount)
    {
        Ids = ids;
        FirstPiece = firstPiece;
        PieceCount = pieceCount;
    }

    /// <summary>Vocabulary ids of the pieces in text order, without [CLS]/[SEP].</summary>
    public int[] Ids { get; }

    /// <summary>Index into <see cref="Ids"/> of each token's first piece.</summary>
    public int[] FirstPiece { get; }

    /// <summary>Number of pieces of each token (at least 1: a token the vocabulary cannot spell is [UNK]).</summary>
    public int[] PieceCount { get; }

    public int TokenCount => FirstPiece.Length;

    /// <summary>Index of the token that owns piece <paramref name="piece"/>.</summary>
    public int TokenOf(int piece)
    {
        int i = Array.BinarySearch(FirstPiece, piece);
        return i >= 0 ? i : ~i - 1;
    }
}

/// <summary>Splits a document's tokens into BERT word pieces (uncased vocabulary, accents removed).</summary>
public sealed class WordPieceSplitter
{
    /// <summary>Longer tokens (URLs, hashes) are cut to this many pieces; their first piece is what the head reads.</summary>
    public const int MaxPiecesPerToken = 16;

    private readonly BertTokenizer _tokenizer;

    public WordPieceSplitter(Stream vocab)
    {
        _tokenizer = BertTokenizer.Create(vocab, new BertOptions
        {
            LowerCaseBeforeTokenization = true,
            RemoveNonSpacingMarks = true,
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,
        });
        UnknownId = _tokenizer.UnknownTokenId;
        ClsId = _tokenizer.ClassificationTokenId;
        SepId = _tokenizer.SeparatorTokenId;
        PadId = _tokenizer.PaddingTokenId;
    }

    public int UnknownId { get; }

    public int ClsId { get; }

    public int SepId { get; }

    public int PadId { get; }

    /// <summary>Word-pieces every token of <paramref name="doc"/> (its normalized form).</summary>
    public WordPieces Split(Document doc)
    {
        var ids = new List<int>(doc.TokenCount * 5 / 4 + 8);
        var first = new int[doc.TokenCount];
        var count = new int[doc.TokenCount];
        for (int t = 0; t < doc.TokenCount; t++)
        {
            var pieces = _tokenizer.EncodeToIds(doc[t].NormSpan, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
            first[t] = ids.Count;
            int n = Math.Min(pieces.Count, MaxPiecesPerToken);
            if (n == 0)
            {
                ids.Add(UnknownId);
                n = 1;
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    ids.Add(pieces[i]);
                }
            }

            count[t] = n;
        }

        return new WordPieces(ids.ToArray(), first, count);
    }
}
