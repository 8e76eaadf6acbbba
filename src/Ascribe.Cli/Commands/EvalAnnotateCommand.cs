using System.ComponentModel;
using Ascribe.Cli.Infrastructure;
using Ascribe.Cli.Linguistics;
using Ascribe.Core.Errors;
using Ascribe.Core.Evaluation;
using Ascribe.Core.Pipeline;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class EvalAnnotateSettings : CommandSettings
{
    [CommandOption("-g|--gold <DIR>")]
    [Description("Folder with corenlp/*.tsv and text/*.txt (PolNeAR layout).")]
    public string Gold { get; set; } = string.Empty;

    [CommandOption("--models <DIR>")]
    [Description("Folder of pos.bin, ner.bin and parser.bin (default: models/ next to ascribe).")]
    public string? Models { get; set; }

    public override Spectre.Console.ValidationResult Validate() => string.IsNullOrEmpty(Gold)
        ? Spectre.Console.ValidationResult.Error("--gold DIR is required.")
        : Spectre.Console.ValidationResult.Success();
}

/// <summary><c>ascribe eval-annotate</c>: runs the linguistic layer on the gold texts and scores it against the CoreNLP annotation.</summary>
public sealed class EvalAnnotateCommand : Command<EvalAnnotateSettings>
{
    private readonly CliServices _services;

    public EvalAnnotateCommand(CliServices services)
    {
        _services = services;
    }

    public override int Execute(CommandContext context, EvalAnnotateSettings settings, CancellationToken cancellationToken)
    {
        if (!CorpusLoader.TryFind(settings.Gold, out var corenlp, out var textDir))
        {
            _services.Fail($"{settings.Gold}: no corenlp/ folder of .tsv files");
            return ExitCodes.Fatal;
        }

        var pipeline = DefaultPipeline.LinguisticLayer(settings.Models is null ? null : new Ascribe.Core.Models.ModelStore(settings.Models)).Build();
        var scorer = new AnnotationScorer();
        List<AnnotatedArticle> articles;
        try
        {
            articles = CorpusLoader.Load(corenlp, textDir);
        }
        catch (AscribeException ex)
        {
            _services.Fail(ex.Message);
            return ExitCodes.Fatal;
        }

        foreach (var article in articles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (article.Text is null)
            {
                _services.Warn($"{article.Id}: no text/{article.Id}.txt; skipped");
                continue;
            }

            scorer.Add(pipeline.Run(article.Id, article.Text), article.Sentences);
        }

        _services.Out.Write(scorer.Format());
        _services.Out.Flush();
        return ExitCodes.Ok;
    }
}
