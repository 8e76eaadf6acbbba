using System.Buffers;
using Ascribe.Core.Documents;
using Ascribe.Core.Models;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Components.Parse;

/// <summary>
/// Writes a basic-dependency head and label to every token, one tree per sentence:
/// <see cref="TokenData.Head"/> is a document-level token index (-1 for the sentence root) and
/// <see cref="TokenData.Dep"/> the label ("root" for the root word).
/// </summary>
public sealed class DependencyParser : IPipelineComponent
{
    private readonly IParserModel _model;

    public DependencyParser(IParserModel model)
    {
        _model = model;
    }

    public string Name => "parser";

    public IReadOnlyList<string> Requires { get; } = new[] { Attr.Tokens, Attr.Sentences, Attr.Pos };

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Dependencies };

    public void Process(Document doc)
    {
        int longest = DocumentWords.LongestSentence(doc);
        var words = ArrayPool<WordInfo>.Shared.Rent(longest);
        var tags = ArrayPool<ulong>.Shared.Rent(longest);
        var heads = ArrayPool<int>.Shared.Rent(longest);
        var labels = ArrayPool<int>.Shared.Rent(longest);
        try
        {
            foreach (var sent in doc.Sentences)
            {
                int n = sent.TokenCount;
                DocumentWords.Fill(doc, sent.TokenStart, n, words);
                DocumentWords.FillTagHashes(doc, sent.TokenStart, n, tags);
                var tokens = doc.TokenData;

                _model.Parse(words.AsSpan(0, n), tags.AsSpan(0, n), heads.AsSpan(0, n), labels.AsSpan(0, n));
                for (int i = 0; i < n; i++)
                {
                    ref var token = ref tokens[sent.TokenStart + i];
                    token.Head = heads[i] < 0 ? -1 : sent.TokenStart + heads[i];
                    token.Dep = _model.Labels[labels[i]];
                }
            }
        }
        finally
        {
            ArrayPool<WordInfo>.Shared.Return(words);
            ArrayPool<ulong>.Shared.Return(tags);
            ArrayPool<int>.Shared.Return(heads);
            ArrayPool<int>.Shared.Return(labels);
        }
    }
}
