using System.Diagnostics;
using System.Globalization;
using Ascribe.Accurate;
using Ascribe.Accurate.Training;
using Ascribe.Cli.Infrastructure;
using Ascribe.Core.Errors;

namespace Ascribe.Cli.Commands;

/// <summary><c>ascribe train accurate</c>: trains the accurate-mode head over the frozen MiniLM encoder.</summary>
internal static class TrainAccurate
{
    /// <summary>Encoder outputs are cached here between runs (about 0.8 KB per token); <c>ASCRIBE_CACHE</c> overrides it.</summary>
    public static string CacheDir => Environment.GetEnvironmentVariable("ASCRIBE_CACHE") ?? Path.Combine(Path.GetTempPath(), "ascribe-encoder-cache");

    private static bool TryLayers(string text, out int[] layers)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        layers = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out layers[i]) || layers[i] > 5)
            {
                return false;
            }
        }

        return layers.Length > 0 && layers.Distinct().Count() == layers.Length;
    }

    /// <summary><paramref name="first"/> followed by the heads in the comma-separated <paramref name="files"/>.</summary>
    private static Accurate.Head.AccurateHead[] WithHeads(Accurate.Head.AccurateHead first, string files) =>
        files.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => AccuratePipeline.LoadHead(p)).Prepend(first).ToArray();

    public static int Run(TrainSettings settings, CliServices services)
    {
        if (settings.Dev is null)
        {
            services.Fail("train accurate needs --dev DIR to pick the best epoch");
            return ExitCodes.Usage;
        }

        foreach (var dir in new[] { settings.Data, settings.Dev })
        {
            if (!Directory.Exists(Path.Combine(dir, "attributions")) || !Directory.Exists(Path.Combine(dir, "text")))
            {
                services.Fail($"{dir}: not a gold folder (needs text/ and attributions/)");
                return ExitCodes.Fatal;
            }
        }

        if (!TryLayers(settings.Layers ?? "5", out var layers) || !TryLayers(settings.CacheLayers ?? settings.Layers ?? "5", out var cacheLayers) || layers.Except(cacheLayers).Any())
        {
            services.Fail("--layers and --cache-layers take comma-separated layers 0-5, and --cache-layers must include every --layers entry");
            return ExitCodes.Usage;
        }

        if (settings.TuneLayers is < 1 or > 5 || settings.EncoderLearningRate is < 0 or > 1 || float.IsNaN(settings.EncoderLearningRate ?? 0))
        {
            services.Fail("--tune-layers takes 1 to 5 layers and --encoder-learning-rate a rate in [0, 1]");
            return ExitCodes.Usage;
        }

        if (settings.EncoderDropout is { } encoderDropout && (settings.TuneLayers is null || !(encoderDropout >= 0 && encoderDropout < 1)))
        {
            services.Fail("--encoder-dropout takes a rate in [0, 1) and needs --tune-layers: it drops units inside the tuned layers");
            return ExitCodes.Usage;
        }

        if (settings.TuneLayers is not null && !layers.SequenceEqual(new[] { 5 }))
        {
            services.Fail("with --tune-layers the head reads the last layer (5); leave out --layers");
            return ExitCodes.Usage;
        }

        if (settings.Average is not null && settings.Start is null)
        {
            services.Fail("--average needs --start: the heads are averaged with the start head");
            return ExitCodes.Usage;
        }

        if (settings.Members is not null && (settings.Start is null || settings.Iterations != 0 || settings.TuneLayers is not null || settings.Average is not null))
        {
            services.Fail("--members ensembles finished heads with the --start head: it needs --start and --iterations 0, without --tune-layers or --average");
            return ExitCodes.Usage;
        }

        if (settings.NewHead && (settings.Start is null || settings.TuneLayers is not null))
        {
            services.Fail("--new-head trains a new head over the tuned encoder of --start: it needs --start, without --tune-layers");
            return ExitCodes.Usage;
        }

        if (settings.IgnoreFastMarks && settings.Start is not null && !settings.NewHead)
        {
            services.Fail("--ignore-fast-marks trains a new head: leave out --start, or add --new-head");
            return ExitCodes.Usage;
        }

        if (settings.Joint && !settings.Crf && settings.Iterations != 0)
        {
            services.Fail("--joint trains one CRF over the joint tags: it needs --crf (or --iterations 0 --start to decode a head's roles as one chain)");
            return ExitCodes.Usage;
        }

        Accurate.Head.AccurateHead? start = null;
        try
        {
            start = settings.Start is null ? null : AccuratePipeline.LoadHead(settings.Start);
            if (start is not null && settings.Average is not null)
            {
                start = Accurate.Head.AccurateHead.Average(WithHeads(start, settings.Average));
            }

            if (start is not null && settings.Members is not null)
            {
                start = Accurate.Head.AccurateHead.Ensemble(WithHeads(start, settings.Members));
            }
        }
        catch (AscribeException ex)
        {
            services.Fail(ex.Message);
            return ExitCodes.Fatal;
        }
        catch (ArgumentException ex)
        {
            services.Fail($"{(settings.Members is null ? "--average" : "--members")}: {ex.Message}");
            return ExitCodes.Usage;
        }

        var options = new HeadTrainingOptions
        {
            Start = start,
            Epochs = settings.Iterations ?? 4,
            Seed = settings.Seed,
            Hidden = settings.Hidden ?? 128,
            Layers = layers,
            CacheLayers = cacheLayers,
            TuneLayers = settings.TuneLayers ?? 0,
            EncoderLearningRate = settings.EncoderLearningRate ?? 5e-5f,
            EncoderDropout = settings.EncoderDropout ?? 0,
            EpochFiles = settings.EpochFiles,
            Crf = settings.Crf,
            Joint = settings.Joint,
            IgnoreFastMarks = settings.IgnoreFastMarks,
            AllAnnotators = settings.AllAnnotators,
            NewHead = settings.NewHead,
            LearningRate = settings.LearningRate ?? 1e-3f,
            Dropout = settings.Dropout ?? 0.2f,
            BeginBiases = settings.BeginBiases is { } b && AccuratePipeline.TryParseBeginBiases(b, out var biases) ? biases : null,
        };
        var clock = Stopwatch.StartNew();
        try
        {
            var f1 = AccurateTraining.Run(settings.Data, settings.Dev, settings.Out, CacheDir, options, line =>
            {
                services.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,7:F1}s] {line}"));
                services.Error.Flush();
            });
            services.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {settings.Out}; dev exact F1 on Ascribe tokens: source {f1[0]:F1} cue {f1[1]:F1} content {f1[2]:F1}"));
            return ExitCodes.Ok;
        }
        catch (AscribeException ex)
        {
            services.Fail(ex.Message);
            return ExitCodes.Fatal;
        }
        catch (ArgumentException ex)
        {
            services.Fail(ex.Message);
            return ExitCodes.Usage;
        }
    }
}
