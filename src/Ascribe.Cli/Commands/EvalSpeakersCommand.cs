using System.ComponentModel;
using Ascribe.Cli.Infrastructure;
using Ascribe.Core.Components.Resolution;
using Ascribe.Core.Errors;
using Ascribe.Core.Evaluation;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class EvalSpeakersSettings : CommandSettings
{
    [CommandOption("-f|--fixtures <DIR>")]
    [Description("Folder of *.txt articles with [[source|Expected speaker]] markers (tests/data/speakers).")]
    public string Fixtures { get; set; } = string.Empty;

    [CommandOption("--min <PERCENT>")]
    [Description("Exit with code 1 when accuracy is below this percentage.")]
    public double? Min { get; set; }

    [CommandOption("--entities")]
    [Description("Also list the entities found in every article.")]
    public bool Entities { get; set; }

    public override Spectre.Console.ValidationResult Validate() => string.IsNullOrEmpty(Fixtures)
        ? Spectre.Console.ValidationResult.Error("--fixtures DIR is required.")
        : Spectre.Console.ValidationResult.Success();
}

/// <summary><c>ascribe eval-speakers</c>: speaker-resolution accuracy on hand-marked fixture articles.</summary>
public sealed class EvalSpeakersCommand : Command<EvalSpeakersSettings>
{
    private readonly CliServices _services;

    public EvalSpeakersCommand(CliServices services)
    {
        _services = services;
    }

    public override int Execute(CommandContext context, EvalSpeakersSettings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Fixtures))
        {
            _services.Fail($"{settings.Fixtures}: no such folder");
            return ExitCodes.Fatal;
        }

        var files = Directory.GetFiles(settings.Fixtures, "*.txt").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            _services.Fail($"{settings.Fixtures}: no *.txt fixtures");
            return ExitCodes.Fatal;
        }

        var prepare = Ascribe.Core.Pipeline.DefaultPipeline.PosLayer().Build();
        var resolver = new SpeakerResolver();
        var evaluation = new SpeakerEvaluation();
        int failed = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var fixture = SpeakerFixture.Parse(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file));
                evaluation.Add(fixture, prepare, resolver);
            }
            catch (AscribeException ex)
            {
                _services.Fail($"{file}: {ex.Message}");
                failed++;
            }
        }

        _services.Out.Write(evaluation.Format(settings.Entities));
        _services.Out.Flush();
        if (failed > 0)
        {
            return ExitCodes.SomeFailed;
        }

        return settings.Min is { } min && evaluation.Accuracy < min ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }
}
