using Ascribe.Core.Models;

namespace Ascribe.Core.Components.Parse;

/// <summary>A trained dependency parser: the greedy perceptron (<see cref="ParserModel"/>) or the neural one (<see cref="NeuralParserModel"/>).</summary>
public interface IParserModel
{
    /// <summary>Dependency labels; parses report indices into it.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>Number of stored weights.</summary>
    int FeatureCount { get; }

    /// <summary>One line that says what kind of parser this is.</summary>
    string Description { get; }

    /// <summary>UAS and LAS (percent, punctuation included) on sentences with their own tokens and tags.</summary>
    (double Uas, double Las) Evaluate(IReadOnlyList<AnnotatedSentence> sentences);

    void Save(Stream stream);

    /// <summary>
    /// Parses one sentence. <paramref name="heads"/> receives the head of each word (0-based in
    /// the sentence, -1 for the root word), <paramref name="labels"/> indices into <see cref="Labels"/>.
    /// </summary>
    internal void Parse(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, Span<int> heads, Span<int> labels);
}

/// <summary>Reads either kind of parser file.</summary>
public static class ParserFiles
{
    /// <exception cref="Errors.AscribeException">The stream holds no parser model (code ModelCorrupt).</exception>
    public static IParserModel Load(Stream stream, string source) => ModelFile.PeekKind(stream) == NeuralParserModel.Kind
        ? NeuralParserModel.Load(stream, source)
        : ParserModel.Load(stream, source);
}

/// <summary>Scores of a parser against sentences that carry their own gold trees.</summary>
internal static class ParserEvaluation
{
    public static (double Uas, double Las) Evaluate(IParserModel model, IReadOnlyList<AnnotatedSentence> sentences)
    {
        long uas = 0, las = 0, total = 0;
        foreach (var sent in sentences)
        {
            var words = WordInfo.Compute(sent.Words, sent.SpaceBefore, sent.SpaceAfter);
            var tags = sent.Tags.Select(t => TagHashes.Of(t)).ToArray();
            var heads = new int[sent.Count];
            var labels = new int[sent.Count];
            model.Parse(words, tags, heads, labels);
            for (int i = 0; i < sent.Count; i++)
            {
                if (heads[i] == sent.Heads[i])
                {
                    uas++;
                    las += model.Labels[labels[i]] == sent.Labels[i] ? 1 : 0;
                }
            }

            total += sent.Count;
        }

        return (100.0 * uas / Math.Max(1, total), 100.0 * las / Math.Max(1, total));
    }
}
