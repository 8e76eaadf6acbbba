using System.Buffers;
using Ascribe.Core.Documents;
using Ascribe.Core.Models;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Components.Tag;

/// <summary>Writes a Penn Treebank tag and a lemma to every token, sentence by sentence.</summary>
public sealed class PosTagger : IPipelineComponent
{
    private readonly PosModel _model;

    public PosTagger(PosModel model)
    {
        _model = model;
    }

    public string Name => "pos";

    public IReadOnlyList<string> Requires { get; } = new[] { Attr.Tokens, Attr.Sentences };

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Pos, Attr.Lemma };

    public void Process(Document doc)
    {
        int longest = doc.Sentences.Count == 0 ? 0 : doc.Sentences.Max(s => s.TokenCount);
        var words = ArrayPool<WordInfo>.Shared.Rent(Math.Max(1, longest));
        var tags = ArrayPool<int>.Shared.Rent(Math.Max(1, longest));

        // The lemmas of the document by tag and word: every token of a word with a tag shares one
        // string, so a long article keeps a string per word of its vocabulary, not per token.
        var lemmas = new Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>?[_model.Tags.Count];
        try
        {
            foreach (var sent in doc.Sentences)
            {
                int n = sent.TokenCount;
                DocumentWords.Fill(doc, sent.TokenStart, n, words);
                _model.Predict(words.AsSpan(0, n), tags.AsSpan(0, n));
                var tokens = doc.TokenData;
                for (int i = 0; i < n; i++)
                {
                    ref var token = ref tokens[sent.TokenStart + i];
                    string tag = _model.Tags[tags[i]];
                    token.Tag = tag;
                    var word = doc.Text.AsSpan(token.Start, token.End - token.Start);
                    var known = lemmas[tags[i]] ??= new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
                    if (!known.TryGetValue(word, out var lemma))
                    {
                        lemma = _model.Lemmatizer.Lemmatize(word, tag);
                        known[word] = lemma;
                    }

                    token.Lemma = lemma;
                }
            }
        }
        finally
        {
            ArrayPool<WordInfo>.Shared.Return(words);
            ArrayPool<int>.Shared.Return(tags);
        }
    }
}
