using System.ComponentModel;
using Ascribe.Cli.Infrastructure;
using Ascribe.Cli.Input;
using Ascribe.Cli.Linguistics;
using Ascribe.Core.Pipeline;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class AnnotateSettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("Article files, folders (recursive) or - for standard input.")]
    public string[] Paths { get; set; } = Array.Empty<string>();

    [CommandOption("-f|--format <FORMAT>")]
    [Description("conll (the only format): sent tok word start end lemma pos ner head deprel.")]
    [DefaultValue("conll")]
    public string Format { get; set; } = "conll";

    [CommandOption("-o|--out <DIR>")]
    [Description("Write DIR/<id>.tsv per document instead of standard output.")]
    public string? Out { get; set; }

    [CommandOption("--models <DIR>")]
    [Description("Folder of pos.bin, ner.bin and parser.bin (default: models/ next to ascribe).")]
    public string? Models { get; set; }

    public override Spectre.Console.ValidationResult Validate()
    {
        if (Format != "conll")
        {
            return Spectre.Console.ValidationResult.Error($"Unknown format '{Format}'. Use conll.");
        }

        return Paths.Length == 0
            ? Spectre.Console.ValidationResult.Error("Give at least one PATH (a file, a folder, or - for standard input).")
            : Spectre.Console.ValidationResult.Success();
    }
}

/// <summary><c>ascribe annotate</c>: tokens, sentences, tags, lemmas, entities and dependencies in CoNLL-like columns.</summary>
public sealed class AnnotateCommand : Command<AnnotateSettings>
{
    private readonly CliServices _services;

    public AnnotateCommand(CliServices services)
    {
        _services = services;
    }

    public override int Execute(CommandContext context, AnnotateSettings settings, CancellationToken cancellationToken)
    {
        var pipeline = DefaultPipeline.LinguisticLayer(settings.Models is null ? null : new Ascribe.Core.Models.ModelStore(settings.Models)).Build();
        if (settings.Out is not null)
        {
            try
            {
                Directory.CreateDirectory(settings.Out);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _services.Fail($"{settings.Out}: cannot create output folder: {ex.Message}");
                return ExitCodes.Fatal;
            }
        }

        int ok = 0, failed = 0;
        foreach (var input in new InputReader(_services.OpenStdin).Read(settings.Paths))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (input.Text is null)
            {
                _services.Fail($"{input.Origin}: {input.Error}");
                failed++;
                continue;
            }

            var doc = pipeline.Run(input.Id, input.Text);
            if (settings.Out is null)
            {
                ConllWriter.Write(doc, _services.Out);
            }
            else
            {
                string path = Path.Combine(settings.Out, input.Id + ".tsv");
                try
                {
                    using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
                    ConllWriter.Write(doc, writer);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    _services.Fail($"{path}: cannot write: {ex.Message}");
                    failed++;
                    continue;
                }
            }

            ok++;
        }

        _services.Out.Flush();
        return failed == 0 ? ExitCodes.Ok : ok > 0 ? ExitCodes.SomeFailed : ExitCodes.Fatal;
    }
}
