using System.Globalization;
using Ascribe.Core.Components.Tag;

namespace Ascribe.Core.Models;

/// <summary>
/// Jackknifed part-of-speech tags for training the models that read the tagger's output: the
/// articles are split into folds, and each fold is tagged by a tagger trained on the others, so
/// the entity recognizer and parser learn from tags as noisy as those they will see at run time.
/// </summary>
public static class PosJackknife
{
    /// <summary>Iterations of each fold's tagger, as for the shipped tagger.</summary>
    public const int TaggerIterations = 10;

    /// <summary>
    /// Overwrites the tags of every sentence of <paramref name="articles"/> with predicted ones
    /// (article <c>a</c> is in fold <c>a mod folds</c>); returns the tag accuracy (percent) of the predicted tags.
    /// </summary>
    public static double Retag(IReadOnlyList<IReadOnlyList<AnnotatedSentence>> articles, int folds, TrainOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var predicted = new string[articles.Count][][];
        long correct = 0, total = 0;
        for (int k = 0; k < folds; k++)
        {
            var rest = articles.Where((_, a) => a % folds != k).SelectMany(s => s).ToList();
            var tagger = PosModel.Train(rest, null, options with { Iterations = TaggerIterations, Log = null, Checkpoint = null });
            long foldCorrect = 0, foldTotal = 0;
            for (int a = k; a < articles.Count; a += folds)
            {
                predicted[a] = new string[articles[a].Count][];
                for (int s = 0; s < articles[a].Count; s++)
                {
                    var sent = articles[a][s];
                    var tags = tagger.Tag(sent);
                    predicted[a][s] = tags;
                    for (int i = 0; i < tags.Length; i++)
                    {
                        foldCorrect += tags[i] == sent.Tags[i] ? 1 : 0;
                    }

                    foldTotal += tags.Length;
                }
            }

            correct += foldCorrect;
            total += foldTotal;
            options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"jackknife fold {k + 1}/{folds}: tag accuracy {100.0 * foldCorrect / Math.Max(1, foldTotal):F2}%"));
        }

        for (int a = 0; a < articles.Count; a++)
        {
            for (int s = 0; s < articles[a].Count; s++)
            {
                predicted[a][s].CopyTo(articles[a][s].Tags, 0);
            }
        }

        return 100.0 * correct / Math.Max(1, total);
    }
}
