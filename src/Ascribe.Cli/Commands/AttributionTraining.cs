using System.Diagnostics;
using System.Globalization;
using Ascribe.Cli.Infrastructure;
using Ascribe.Core.Components.Attribution.Model;
using Ascribe.Core.Evaluation;
using Ascribe.Core.Pipeline;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

/// <summary>
/// <c>ascribe train attribution</c>: runs the pipeline's linguistic layer over PolNeAR-style gold
/// texts (the features the model sees at run time) and trains the attribution labeler.
/// </summary>
internal static class AttributionTraining
{
    public static int Run(CliServices services, CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        foreach (var dir in new[] { settings.Data, settings.Dev })
        {
            if (dir is not null && (!Directory.Exists(Path.Combine(dir, "text")) || !Directory.Exists(Path.Combine(dir, "attributions"))))
            {
                services.Fail($"{dir}: not a gold folder (needs text/ and attributions/)");
                return ExitCodes.Fatal;
            }
        }

        if (settings.Bits is < 12 or > 24)
        {
            services.Fail("--bits must be between 12 and 24");
            return ExitCodes.Usage;
        }

        var clock = Stopwatch.StartNew();
        var pipeline = DefaultPipeline.BeforeAttribution();
        var train = Read(settings.Data, pipeline, settings.AllAnnotators, cancellationToken);
        var dev = settings.Dev is null ? null : Read(settings.Dev, pipeline, false, cancellationToken);
        services.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "read {0} training and {1} dev documents in {2:F1}s", train.Count, dev?.Count ?? 0, clock.Elapsed.TotalSeconds));
        string command = "ascribe " + string.Join(' ', context.Arguments);
        var trainer = new AttributionTrainer
        {
            Bits = settings.Bits,
            Iterations = settings.Iterations ?? 12,
            Seed = settings.Seed,
            Ensemble = settings.Ensemble,
            Margin = settings.Margin,
            Folds = settings.Folds,
            Stacked = settings.Stacked,
            Log = line =>
            {
                services.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "[{0,7:F1}s] {1}", clock.Elapsed.TotalSeconds, line));
                services.Error.Flush();
            },
        };
        var (model, _, _) = trainer.Train(train, dev, command);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(settings.Out));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using (var stream = File.Create(settings.Out))
        {
            model.Save(stream);
        }

        services.Out.Write(model.Record);
        services.Out.Flush();
        return ExitCodes.Ok;
    }

    private static List<AttributionExample> Read(string dir, Pipeline pipeline, bool allAnnotators, CancellationToken cancellationToken)
    {
        var result = new List<AttributionExample>();
        foreach (var (article, file) in GoldFolder.Files(dir, firstPerArticle: !allAnnotators))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string textPath = GoldFolder.TextPath(dir, article);
            if (!File.Exists(textPath))
            {
                continue;
            }

            var doc = pipeline.Run(article, File.ReadAllText(textPath));
            var gold = BratAnnotation.Parse(File.ReadAllText(file));
            result.Add(new AttributionExample(doc, gold));
        }

        return result;
    }
}
