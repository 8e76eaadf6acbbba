using System.ComponentModel;
using Ascribe.Cli.Infrastructure;
using Ascribe.Core.Components.Ner;
using Ascribe.Core.Components.Parse;
using Ascribe.Core.Components.Tag;
using Ascribe.Core.Errors;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class PruneSettings : CommandSettings
{
    [CommandArgument(0, "<KIND>")]
    [Description("Model kind: pos, ner or parser.")]
    public string Kind { get; set; } = string.Empty;

    [CommandArgument(1, "<MODEL>")]
    [Description("Model file to read.")]
    public string Model { get; set; } = string.Empty;

    [CommandOption("-t|--threshold <W>")]
    [Description("Drop weights smaller than W in magnitude.")]
    public float Threshold { get; set; }

    [CommandOption("-o|--out <FILE>")]
    [Description("Pruned model file to write.")]
    public string Out { get; set; } = string.Empty;

    public override Spectre.Console.ValidationResult Validate()
    {
        if (Kind is not ("pos" or "ner" or "parser"))
        {
            return Spectre.Console.ValidationResult.Error($"Unknown model kind '{Kind}'. Use one of: pos, ner, parser.");
        }

        return string.IsNullOrEmpty(Out) || Threshold <= 0
            ? Spectre.Console.ValidationResult.Error("--threshold W (positive) and --out FILE are required.")
            : Spectre.Console.ValidationResult.Success();
    }
}

/// <summary><c>ascribe prune</c>: drops small weights from a trained model to make it smaller and faster.</summary>
public sealed class PruneCommand : Command<PruneSettings>
{
    private readonly CliServices _services;

    public PruneCommand(CliServices services)
    {
        _services = services;
    }

    public override int Execute(CommandContext context, PruneSettings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Model))
        {
            _services.Fail($"{settings.Model}: no such file");
            return ExitCodes.Fatal;
        }

        Action<Stream> save;
        try
        {
            using var input = File.OpenRead(settings.Model);
            save = settings.Kind switch
            {
                "ner" => NerModel.Load(input, settings.Model).Prune(settings.Threshold).Save,
                "parser" => ParserFiles.Load(input, settings.Model) is ParserModel perceptron
                    ? perceptron.Prune(settings.Threshold).Save
                    : throw new AscribeException(ErrorCodes.BadInput, $"{settings.Model}: a neural parser has no sparse weights to prune"),
                _ => PosModel.Load(input, settings.Model).Prune(settings.Threshold).Save,
            };
        }
        catch (AscribeException ex)
        {
            _services.Fail(ex.Message);
            return ExitCodes.Fatal;
        }

        using (var output = File.Create(settings.Out))
        {
            save(output);
        }

        _services.Error.WriteLine($"wrote {settings.Out} ({new FileInfo(settings.Out).Length / 1024.0 / 1024.0:F2} MB)");
        return ExitCodes.Ok;
    }
}
