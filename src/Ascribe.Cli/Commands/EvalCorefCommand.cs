using System.ComponentModel;
using Ascribe.Cli.Infrastructure;
using Ascribe.Core.Components.Resolution;
using Ascribe.Core.Documents;
using Ascribe.Core.Evaluation;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class EvalCorefSettings : CommandSettings
{
    [CommandOption("-g|--gold <DIR>")]
    [Description("PolNeAR-style folder with text/, attributions/ and corenlp/ (*.tsv and *.coref.tsv).")]
    public string Gold { get; set; } = string.Empty;

    [CommandOption("--list <N>")]
    [Description("How many disagreements to list (default 40).")]
    [DefaultValue(40)]
    public int List { get; set; } = 40;

    public override Spectre.Console.ValidationResult Validate() => string.IsNullOrEmpty(Gold)
        ? Spectre.Console.ValidationResult.Error("--gold DIR is required.")
        : Spectre.Console.ValidationResult.Success();
}

/// <summary><c>ascribe eval-coref</c>: agreement of pronoun-source resolution with CoreNLP coreference chains.</summary>
public sealed class EvalCorefCommand : Command<EvalCorefSettings>
{
    private readonly CliServices _services;

    public EvalCorefCommand(CliServices services)
    {
        _services = services;
    }

    public override int Execute(CommandContext context, EvalCorefSettings settings, CancellationToken cancellationToken)
    {
        string attDir = Path.Combine(settings.Gold, "attributions");
        string textDir = Path.Combine(settings.Gold, "text");
        string nlpDir = Path.Combine(settings.Gold, "corenlp");
        if (!Directory.Exists(attDir) || !Directory.Exists(textDir) || !Directory.Exists(nlpDir))
        {
            _services.Fail($"{settings.Gold}: not a gold folder with CoreNLP annotation (needs text/, attributions/ and corenlp/)");
            return ExitCodes.Fatal;
        }

        var prepare = Ascribe.Core.Pipeline.DefaultPipeline.PosLayer().Build();
        var resolver = new SpeakerResolver();
        var agreement = new CorefAgreement();
        foreach (var (article, file) in GoldFolder.Files(settings.Gold, firstPerArticle: true))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string tsv = Path.Combine(nlpDir, article + ".tsv");
            string coref = Path.Combine(nlpDir, article + ".coref.tsv");
            string txt = GoldFolder.TextPath(settings.Gold, article);
            if (!File.Exists(tsv) || !File.Exists(coref) || !File.Exists(txt))
            {
                continue;
            }

            string text = File.ReadAllText(txt);
            var gold = BratAnnotation.Parse(File.ReadAllText(file));
            agreement.Add(article, text, gold, Silver(tsv, coref), prepare, resolver);
        }

        _services.Out.Write(agreement.Format(settings.List));
        _services.Out.Flush();
        return ExitCodes.Ok;
    }

    /// <summary>CoreNLP coreference mentions as character spans: tokens from ARTICLE.tsv, chains from ARTICLE.coref.tsv.</summary>
    private static List<CorefAgreement.SilverMention> Silver(string tsv, string coref)
    {
        var tokens = new Dictionary<(int Sent, int Tok), (int Start, int End)>();
        foreach (var line in File.ReadLines(tsv))
        {
            var p = line.Split('\t');
            if (p.Length >= 5 && int.TryParse(p[0], out int sent) && int.TryParse(p[1], out int tok) && int.TryParse(p[3], out int s) && int.TryParse(p[4], out int e))
            {
                tokens[(sent, tok)] = (s, e);
            }
        }

        var mentions = new List<CorefAgreement.SilverMention>();
        foreach (var line in File.ReadLines(coref))
        {
            var p = line.Split('\t');
            if (p.Length >= 7 && int.TryParse(p[0], out int chain) && int.TryParse(p[1], out int sent) && int.TryParse(p[2], out int st) && int.TryParse(p[3], out int et)
                && tokens.TryGetValue((sent, st), out var first) && tokens.TryGetValue((sent, et - 1), out var last))
            {
                mentions.Add(new CorefAgreement.SilverMention(chain, new TextSpan(first.Start, last.End), p[5] == "1", p[6]));
            }
        }

        return mentions;
    }
}
