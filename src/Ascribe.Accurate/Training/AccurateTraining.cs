using Ascribe.Accurate.Encoding;

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
        List<HeadTrainer.Example> trainExamples, devExamples;
        using (var encoder = MiniLmEncoder.Load(options.CacheLayers ?? options.Layers))
        {
            var cache = new EncodingCache(cacheDir, encoder);
            var select = Selection(encoder.Layers, options.Layers);
            devExamples = HeadTrainer.Prepare(dev, cache, select, log);
            trainExamples = HeadTrainer.Prepare(train, cache, select, log);
        }

        var head = new HeadTrainer(options, log).Train(trainExamples, devExamples);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using (var file = File.Create(outPath))
        {
            head.Save(file);
        }

        return HeadTrainer.Evaluate(head, devExamples);
    }

    /// <summary>Positions in the cached layer list of each layer the head reads.</summary>
    private static int[] Selection(int[] cached, int[] wanted) => wanted.Select(l =>
    {
        int i = Array.IndexOf(cached, l);
        return i >= 0 ? i : throw new ArgumentException($"layer {l} is not among the cached layers");
    }).ToArray();
}
