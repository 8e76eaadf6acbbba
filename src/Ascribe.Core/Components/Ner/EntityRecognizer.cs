using System.Buffers;
using Ascribe.Core.Documents;
using Ascribe.Core.Models;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Components.Ner;

/// <summary>
/// Writes an entity type (PERSON, ORGANIZATION, LOCATION, MISC) or "O" to every token; adjacent
/// tokens of one type in a sentence form one name.
/// </summary>
public sealed class EntityRecognizer : IPipelineComponent
{
    private readonly NerModel _model;

    public EntityRecognizer(NerModel model)
    {
        _model = model;
    }

    public string Name => "ner";

    public IReadOnlyList<string> Requires { get; } = new[] { Attr.Tokens, Attr.Sentences, Attr.Pos };

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Ner };

    public void Process(Document doc)
    {
        int longest = DocumentWords.LongestSentence(doc);
        var words = ArrayPool<WordInfo>.Shared.Rent(longest);
        var tags = ArrayPool<ulong>.Shared.Rent(longest);
        var labels = ArrayPool<int>.Shared.Rent(longest);
        var memory = new Dictionary<ulong, byte>();
        try
        {
            foreach (var sent in doc.Sentences)
            {
                int n = sent.TokenCount;
                DocumentWords.Fill(doc, sent.TokenStart, n, words);
                DocumentWords.FillTagHashes(doc, sent.TokenStart, n, tags);
                var tokens = doc.TokenData;

                _model.Predict(words.AsSpan(0, n), tags.AsSpan(0, n), labels.AsSpan(0, n), memory);
                for (int i = 0; i < n; i++)
                {
                    tokens[sent.TokenStart + i].Ner = NerModel.TypeOf(labels[i]);
                }
            }
        }
        finally
        {
            ArrayPool<WordInfo>.Shared.Return(words);
            ArrayPool<ulong>.Shared.Return(tags);
            ArrayPool<int>.Shared.Return(labels);
        }
    }
}
