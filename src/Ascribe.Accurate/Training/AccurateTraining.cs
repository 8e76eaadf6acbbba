using Ascribe.Accurate.Encoding;
using Ascribe.Accurate.Head;

namespace Ascribe.Accurate.Training;

/// <summary>The whole <c>ascribe train accurate</c> run: read, encode (cached), train, save.</summary>
public static class AccurateTraining
{
    /// <summary>Trains a head on <paramref name="dataDir"/>, selects the epoch on <paramref name="devDir"/> and writes it to <paramref name="outPath"/>.</summary>
    /// <returns>Dev exact-span F1 per role (source, cue, content) on Ascribe tokens for the saved head.</returns>
    public static double[] Run(string dataDir, string devDir, string outPath, string cacheDir, HeadTrainingOptions options, Action<string> log)
    {
        var train = GoldArticle.ReadFolder(dataDir);
        var dev = GoldArticle.ReadFolder(devDir);
        log($"{train.Count} training and {dev.Count} development articles");
        if (options.TuneLayers > 0)
        {
            return Tune(train, dev, outPath, options, log);
        }

        List<HeadTrainer.Example> trainExamples, devExamples;
        using (var encoder = MiniLmEncoder.Load(options.CacheLayers ?? options.Layers))
        {
            var cache = new EncodingCache(cacheDir, encoder);
            var select = Selection(encoder.Layers, options.Layers);
            devExamples = HeadTrainer.Prepare(dev, cache, select, log);
            trainExamples = HeadTrainer.Prepare(train, cache, select, log);
        }

        var (head, f1) = new HeadTrainer(options, log).Train(trainExamples, devExamples);
        Save(head, outPath);
        return f1;
    }

    /// <summary>Fine-tunes the top encoder layers with the head (<see cref="EncoderTuner"/>).</summary>
    private static double[] Tune(List<GoldArticle> train, List<GoldArticle> dev, string outPath, HeadTrainingOptions options, Action<string> log)
    {
        if (options.TuneLayers is < 1 or > MiniLmEncoder.LayerCount - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"tune 1 to {MiniLmEncoder.LayerCount - 1} layers");
        }

        options = options with { Layers = new[] { MiniLmEncoder.LayerCount - 1 } };
        EncoderTuner.CheckStart(options);
        var (model, vocab) = EncoderLocator.Read();
        List<EncoderTuner.Document> Prepare(List<GoldArticle> articles, MiniLmEncoder below)
        {
            var pipeline = HeadTrainer.FeaturePipeline();
            var docs = new List<EncoderTuner.Document>(articles.Count);
            foreach (var a in articles)
            {
                var doc = pipeline.Run(a.Id, a.Text);
                var example = new HeadTrainer.Example(doc, Array.Empty<Half>(), TokenFlags.Compute(doc), HeadTrainer.GoldTags(doc, a));
                docs.Add(EncoderTuner.Prepare(example, below));
                if (docs.Count % 100 == 0)
                {
                    log($"encoded {docs.Count} articles below layer {EncoderTuner.FirstTuned(options)}");
                }
            }

            return docs;
        }

        List<EncoderTuner.Document> trainDocs, devDocs;
        using (var below = new MiniLmEncoder(model, vocab, new[] { EncoderTuner.FirstTuned(options) - 1 }, Environment.ProcessorCount))
        {
            devDocs = Prepare(dev, below);
            trainDocs = options.Epochs == 0 ? new() : Prepare(train, below);
        }

        var (head, f1) = new EncoderTuner(options, log).Train(trainDocs, devDocs, model);
        Save(head, outPath);
        return f1;
    }

    internal static void Save(AccurateHead head, string outPath)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var file = File.Create(outPath);
        head.Save(file);
    }

    /// <summary>Positions in the cached layer list of each layer the head reads.</summary>
    private static int[] Selection(int[] cached, int[] wanted) => wanted.Select(l =>
    {
        int i = Array.IndexOf(cached, l);
        return i >= 0 ? i : throw new ArgumentException($"layer {l} is not among the cached layers");
    }).ToArray();
}
