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
        var train = GoldArticle.ReadFolder(dataDir, options.AllAnnotators);
        var dev = GoldArticle.ReadFolder(devDir);
        log(options.AllAnnotators
            ? $"{train.Count} training annotations of {train.Select(a => a.Id).Distinct().Count()} articles and {dev.Count} development articles"
            : $"{train.Count} training and {dev.Count} development articles");
        if (options.Start is { Members.Count: > 0 } && (options.Epochs > 0 || options.TuneLayers > 0))
        {
            throw new ArgumentException("the --start head is an ensemble: train one of its heads further, or only calibrate it (--iterations 0 without --tune-layers)");
        }

        if (options.TuneLayers > 0)
        {
            return Tune(train, dev, outPath, options, log);
        }

        var tuned = options.Start?.Tuned ?? Array.Empty<(int, LayerWeights)>();
        if (tuned.Count > 0)
        {
            // The head alone over a tuned encoder: its layers are written into the graph, as at run
            // time, and that encoder's outputs are cached apart from the pretrained one's.
            if (!options.Layers.SequenceEqual(new[] { MiniLmEncoder.LayerCount - 1 }) || options.CacheLayers is { } c && !c.SequenceEqual(options.Layers))
            {
                throw new ArgumentException("a head over the tuned encoder of --start reads its last layer; leave out --layers and --cache-layers");
            }

            if (!options.NewHead && options.Epochs > 0 && options.Start!.Hidden != options.Hidden)
            {
                throw new ArgumentException($"the --start head has {options.Start.Hidden} hidden units; leave out --hidden, or train a --new-head");
            }

            cacheDir = Path.Combine(cacheDir, "tuned-" + Fingerprint(tuned));
        }
        else if (options.Start is not null)
        {
            throw new ArgumentException("--start without --tune-layers trains the head alone over a tuned head's encoder; this head tuned no layers");
        }

        List<HeadTrainer.Example> trainExamples, devExamples;
        using (var encoder = MiniLmEncoder.Load(options.CacheLayers ?? options.Layers, null, Environment.ProcessorCount, tuned))
        {
            var cache = new EncodingCache(cacheDir, encoder);
            var select = Selection(encoder.Layers, options.Layers);
            devExamples = HeadTrainer.Prepare(dev, cache, select, log);
            trainExamples = options.Epochs == 0 ? new() : HeadTrainer.Prepare(train, cache, select, log);
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

    /// <summary>A short hash of tuned layers' weights, naming the cache of the encoder they make.</summary>
    private static string Fingerprint(IReadOnlyList<(int Layer, LayerWeights Weights)> tuned)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var (layer, weights) in tuned)
        {
            hash.AppendData(BitConverter.GetBytes(layer));
            foreach (var array in weights.Arrays)
            {
                hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan()));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Positions in the cached layer list of each layer the head reads.</summary>
    private static int[] Selection(int[] cached, int[] wanted) => wanted.Select(l =>
    {
        int i = Array.IndexOf(cached, l);
        return i >= 0 ? i : throw new ArgumentException($"layer {l} is not among the cached layers");
    }).ToArray();
}
