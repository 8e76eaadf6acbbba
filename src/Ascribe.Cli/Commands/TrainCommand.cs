using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Ascribe.Cli.Infrastructure;
using Ascribe.Cli.Linguistics;
using Ascribe.Core.Components.Ner;
using Ascribe.Core.Components.Parse;
using Ascribe.Core.Components.Tag;
using Ascribe.Core.Errors;
using Ascribe.Core.Models;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class TrainSettings : CommandSettings
{
    internal static readonly string[] Kinds = { "pos", "ner", "parser", "accurate", "attribution" };

    [CommandArgument(0, "<KIND>")]
    [Description("Which model to train: pos, ner, parser, accurate (the accurate-mode head; needs --dev), or attribution (the attribution labeler).")]
    public string Kind { get; set; } = string.Empty;

    [CommandOption("-d|--data <DIR>")]
    [Description("Training folder with corenlp/*.tsv and text/*.txt (PolNeAR layout).")]
    public string Data { get; set; } = string.Empty;

    [CommandOption("--dev <DIR>")]
    [Description("Development folder in the same layout; scores are reported after every iteration.")]
    public string? Dev { get; set; }

    [CommandOption("-o|--out <FILE>")]
    [Description("Model file to write.")]
    public string Out { get; set; } = string.Empty;

    [CommandOption("-i|--iterations <N>")]
    [Description("Training passes over the data (default: 8).")]
    public int? Iterations { get; set; }

    [CommandOption("--layers <LIST>")]
    [Description("accurate: encoder layers (0-5, comma-separated) the head reads (default: 5).")]
    public string? Layers { get; set; }

    [CommandOption("--cache-layers <LIST>")]
    [Description("accurate: encoder layers to cache, a superset of --layers, to try several choices on one cache.")]
    public string? CacheLayers { get; set; }

    [CommandOption("--tune-layers <N>")]
    [Description("accurate: fine-tune the top N encoder layers (1-5) with the head instead of reading a frozen encoder; the head then reads the last layer.")]
    public int? TuneLayers { get; set; }

    [CommandOption("--encoder-learning-rate <R>")]
    [Description("accurate --tune-layers: peak learning rate of the tuned layers (default: 5e-5); 0 trains the head alone over them.")]
    public float? EncoderLearningRate { get; set; }

    [CommandOption("--encoder-dropout <P>")]
    [Description("accurate --tune-layers: dropout rate inside the tuned layers while training (attention probabilities, attention and feed-forward outputs; BERT uses 0.1); default 0.")]
    public float? EncoderDropout { get; set; }

    [CommandOption("--start <FILE>")]
    [Description("accurate: continue training from this tuned head (for example models/accurate-head.bin) instead of a fresh head over the pretrained layers; without --tune-layers only its head learns, over its tuned encoder (outputs cached).")]
    public string? Start { get; set; }

    [CommandOption("--average <FILES>")]
    [Description("accurate --start: comma-separated tuned heads to average with the --start head, element by element, before training (or, with --iterations 0, before calibration).")]
    public string? Average { get; set; }

    [CommandOption("--new-head")]
    [Description("accurate --start without --tune-layers: train a new head from random weights over the --start head's tuned encoder (a member for --members) instead of continuing its head.")]
    public bool NewHead { get; set; }

    [CommandOption("--members <FILES>")]
    [Description("accurate --start --iterations 0: comma-separated heads trained over the --start head's encoder, ensembled with it (their log-probabilities averaged) and calibrated.")]
    public string? Members { get; set; }

    [CommandOption("--begin-biases <S,C,K>")]
    [Description("accurate --iterations 0 --start: write these begin biases (source, cue, content) into the head instead of calibrating them role by role (choose them with 'ascribe eval --begin-biases').")]
    public string? BeginBiases { get; set; }

    [CommandOption("--epoch-files <PREFIX>")]
    [Description("accurate --tune-layers: also write each epoch's head, uncalibrated, to PREFIX<epoch>.bin (for --average later).")]
    public string? EpochFiles { get; set; }

    [CommandOption("--crf")]
    [Description("accurate: train each role's tags as a linear-chain CRF over whole documents (learning tag transitions) instead of with a softmax per token.")]
    public bool Crf { get; set; }

    [CommandOption("--ignore-fast-marks")]
    [Description("accurate: a new head (no --start, or --new-head) that does not read the fast extractor's marks, so that it errs apart from the heads stacked on them (an ensemble member).")]
    public bool IgnoreFastMarks { get; set; }

    [CommandOption("--joint")]
    [Description("accurate: with --crf, train the three roles as one CRF over seven joint tags (O and B/I of source, cue, content), learning how they follow each other, and decode them as one chain; with --iterations 0 --start, decode the start head's role chains as one chain.")]
    public bool Joint { get; set; }

    [CommandOption("--hidden <N>")]
    [Description("accurate: hidden units of the head (default: 128); parser --neural: hidden units of the network (default: 200).")]
    public int? Hidden { get; set; }

    [CommandOption("--neural")]
    [Description("parser: train the neural arc-standard parser (feed-forward network over embeddings) instead of the perceptron.")]
    public bool Neural { get; set; }

    [CommandOption("--relu")]
    [Description("parser --neural: ReLU hidden units instead of cube.")]
    public bool Relu { get; set; }

    [CommandOption("--dropout <P>")]
    [Description("parser --neural, accurate: share of hidden units dropped while training (default: 0.3 for the parser, 0.2 for the accurate head).")]
    public float? Dropout { get; set; }

    [CommandOption("--learning-rate <R>")]
    [Description("parser --neural, accurate: Adam learning rate of the network (the accurate head's; default: 0.001).")]
    public float? LearningRate { get; set; }

    [CommandOption("--jackknife <K>")]
    [Description("ner, parser: train on part-of-speech tags predicted by K taggers, each trained on the other folds of the articles (default: gold tags).")]
    public int? Jackknife { get; set; }

    [CommandOption("--seed <S>")]
    [Description("Seed for shuffling the data between passes (default: 1).")]
    [DefaultValue(1)]
    public int Seed { get; set; } = 1;

    [CommandOption("--bits <B>")]
    [Description("attribution: feature hash bits, 2^B buckets (default: 20).")]
    [DefaultValue(20)]
    public int Bits { get; set; } = 20;

    [CommandOption("--stacked")]
    [Description("attribution: also train a stacked second stage over the first stage's tags.")]
    public bool Stacked { get; set; }

    [CommandOption("--ensemble <K>")]
    [Description("attribution: average K perceptrons trained with seeds S to S+K-1 into each stage (same model size and speed).")]
    [DefaultValue(1)]
    public int Ensemble { get; set; } = 1;

    [CommandOption("--margin <M>")]
    [Description("attribution: loss-augmented training, M added to the score of every wrong tag while training (default: 0).")]
    [DefaultValue(0f)]
    public float Margin { get; set; }

    [CommandOption("--folds <F>")]
    [Description("attribution: cross-validation folds for the stacked stage's first-stage tags (default: 2).")]
    [DefaultValue(2)]
    public int Folds { get; set; } = 2;

    [CommandOption("--all-annotators")]
    [Description("attribution, accurate: train on every annotator's file of an article, not only the first (dev is scored on the first).")]
    public bool AllAnnotators { get; set; }

    public override Spectre.Console.ValidationResult Validate()
    {
        if (!Kinds.Contains(Kind))
        {
            return Spectre.Console.ValidationResult.Error($"Unknown model kind '{Kind}'. Use one of: {string.Join(", ", Kinds)}.");
        }

        if (string.IsNullOrEmpty(Data) || string.IsNullOrEmpty(Out))
        {
            return Spectre.Console.ValidationResult.Error("--data DIR and --out FILE are required.");
        }

        if (Ensemble is < 1 or > 16)
        {
            return Spectre.Console.ValidationResult.Error("--ensemble must be between 1 and 16.");
        }

        if (Folds is < 2 or > 10)
        {
            return Spectre.Console.ValidationResult.Error("--folds must be between 2 and 10.");
        }

        if (Margin < 0 || !float.IsFinite(Margin))
        {
            return Spectre.Console.ValidationResult.Error("--margin must be 0 or more.");
        }

        if (Jackknife is not null && (Jackknife < 2 || Kind is not ("ner" or "parser")))
        {
            return Spectre.Console.ValidationResult.Error("--jackknife takes at least 2 folds and applies to ner and parser only.");
        }

        if ((Neural || Relu) && Kind != "parser" || (Dropout is not null || LearningRate is not null) && Kind is not ("parser" or "accurate"))
        {
            return Spectre.Console.ValidationResult.Error("--neural and --relu apply to parser only, --dropout and --learning-rate to parser and accurate.");
        }

        if (Dropout is < 0 or >= 1 || LearningRate is <= 0 or > 1)
        {
            return Spectre.Console.ValidationResult.Error("--dropout must be in [0, 1) and --learning-rate in (0, 1].");
        }

        if (BeginBiases is not null && (Kind != "accurate" || Iterations != 0 || Start is null || !Ascribe.Accurate.AccuratePipeline.TryParseBeginBiases(BeginBiases, out _)))
        {
            return Spectre.Console.ValidationResult.Error("--begin-biases applies to accurate --iterations 0 --start HEAD (with or without --tune-layers) and takes three numbers from -8 to 8, source,cue,content.");
        }

        // Zero epochs only make sense over a starting head: it is scored and calibrated on dev.
        return Iterations is null or > 0 || (Iterations == 0 && Start is not null)
            ? Spectre.Console.ValidationResult.Success()
            : Spectre.Console.ValidationResult.Error("--iterations must be positive (0 only with --start).");
    }
}

/// <summary><c>ascribe train</c>: trains a tagger, recognizer or parser from CoreNLP-annotated articles.</summary>
public sealed class TrainCommand : Command<TrainSettings>
{
    private readonly CliServices _services;

    public TrainCommand(CliServices services)
    {
        _services = services;
    }

    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Kind == "attribution")
        {
            return AttributionTraining.Run(_services, context, settings, cancellationToken);
        }

        if (settings.Kind == "accurate")
        {
            return TrainAccurate.Run(settings, _services);
        }

        if (!CorpusLoader.TryFind(settings.Data, out var corenlp, out var text))
        {
            _services.Fail($"{settings.Data}: no corenlp/ folder of .tsv files");
            return ExitCodes.Fatal;
        }

        string? devCorenlp = null, devText = null;
        if (settings.Dev is not null && !CorpusLoader.TryFind(settings.Dev, out devCorenlp, out devText))
        {
            _services.Fail($"{settings.Dev}: no corenlp/ folder of .tsv files");
            return ExitCodes.Fatal;
        }

        List<AnnotatedArticle> articles;
        List<AnnotatedSentence> train, dev;
        try
        {
            articles = CorpusLoader.Load(corenlp, text);
            train = articles.SelectMany(a => a.Sentences).ToList();
            dev = devCorenlp is null ? new() : CorpusLoader.Load(devCorenlp, devText!).SelectMany(a => a.Sentences).ToList();
        }
        catch (AscribeException ex)
        {
            _services.Fail(ex.Message);
            return ExitCodes.Fatal;
        }

        var clock = Stopwatch.StartNew();
        var options = new TrainOptions
        {
            Seed = settings.Seed,
            Iterations = settings.Iterations ?? 8,
            Log = line => _services.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,7:F1}s] {line}")),
            Checkpoint = write => WriteModel(settings.Out + ".partial", write),
        };
        options.Log($"{train.Count} training sentences, {dev.Count} dev sentences");
        if (settings.Jackknife is { } folds)
        {
            double accuracy = PosJackknife.Retag(articles.Select(a => (IReadOnlyList<AnnotatedSentence>)a.Sentences).ToList(), folds, options);
            options.Log(string.Create(CultureInfo.InvariantCulture, $"training tags replaced by {folds}-fold jackknifed tags ({accuracy:F2}% agree with gold)"));
        }
        var devSet = dev.Count > 0 ? dev : null;
        Action<Stream> save = settings.Kind switch
        {
            "ner" => NerModel.Train(articles.Select(a => (IReadOnlyList<AnnotatedSentence>)a.Sentences).ToList(), devSet, options).Save,
            "parser" when settings.Neural => NeuralParserTrainer.Train(train, devSet, options, NeuralSettings(settings)).Save,
            "parser" => ParserModel.Train(train, devSet, options).Save,
            _ => PosModel.Train(train, devSet, options).Save,
        };

        WriteModel(settings.Out, save);
        File.Delete(settings.Out + ".partial");
        options.Log($"wrote {settings.Out} ({new FileInfo(settings.Out).Length / 1024.0 / 1024.0:F2} MB)");
        return ExitCodes.Ok;
    }

    private static NeuralParserSettings NeuralSettings(TrainSettings settings)
    {
        var neural = new NeuralParserSettings { Cube = !settings.Relu };
        return neural with
        {
            Hidden = settings.Hidden ?? neural.Hidden,
            Dropout = settings.Dropout ?? neural.Dropout,
            LearningRate = settings.LearningRate ?? neural.LearningRate,
        };
    }

    private static void WriteModel(string path, Action<Stream> save)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        string temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            save(stream);
        }

        File.Move(temp, path, overwrite: true);
    }
}
