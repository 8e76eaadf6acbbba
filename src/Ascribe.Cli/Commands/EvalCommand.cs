using System.ComponentModel;
using System.Text.Json;
using Ascribe.Cli.Infrastructure;
using Ascribe.Core.Evaluation;
using Ascribe.Core.Serialization;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class EvalSettings : CommandSettings
{
    [CommandOption("-g|--gold <DIR>")]
    [Description("PolNeAR-style folder: text/*.txt, attributions/*.ann and optionally corenlp/*.tsv.")]
    public string Gold { get; set; } = string.Empty;

    [CommandOption("-p|--pred <DIR>")]
    [Description("Folder of predicted ARTICLE.ann files. Without it, Ascribe analyzes the gold texts itself.")]
    public string? Pred { get; set; }

    [CommandOption("--mode <MODE>")]
    [Description("clean (one annotation per article, default) or cofenet (every annotator's file).")]
    [DefaultValue("clean")]
    public string Mode { get; set; } = "clean";

    [CommandOption("--json <FILE>")]
    [Description("Also write the scores as JSON, in the reference scorer's layout.")]
    public string? Json { get; set; }

    [CommandOption("--save-pred <DIR>")]
    [Description("When Ascribe predicts, also keep its .ann files in DIR.")]
    public string? SavePred { get; set; }

    [CommandOption("-m|--model <MODEL>")]
    [Description("When Ascribe predicts: fast (default) or accurate.")]
    [DefaultValue("fast")]
    public string Model { get; set; } = "fast";

    [CommandOption("--head <FILE>")]
    [Description("Accurate mode: use this trained head instead of the shipped one.")]
    public string? Head { get; set; }

    [CommandOption("--begin-biases <S,C,K>")]
    [Description("Accurate mode: decode with these begin biases (source, cue, content) instead of the head's, to choose them on dev; 'ascribe train accurate --iterations 0 --begin-biases' writes them into a head.")]
    public string? BeginBiases { get; set; }

    [CommandOption("--rules")]
    [Description("When Ascribe predicts, use the rule extractor for attributions instead of the trained labeler.")]
    public bool Rules { get; set; }

    [CommandOption("--attribution-model <FILE>")]
    [Description("When Ascribe predicts, use this attribution model file instead of the shipped models/attribution.bin.")]
    public string? AttributionModel { get; set; }

    public override Spectre.Console.ValidationResult Validate()
    {
        if (!ModelChoice.IsValid(Model))
        {
            return Spectre.Console.ValidationResult.Error($"Unknown model '{Model}'. Use fast or accurate.");
        }

        if (string.IsNullOrEmpty(Gold))
        {
            return Spectre.Console.ValidationResult.Error("--gold DIR is required.");
        }

        if (BeginBiases is not null && (Model != "accurate" || !Ascribe.Accurate.AccuratePipeline.TryParseBeginBiases(BeginBiases, out _)))
        {
            return Spectre.Console.ValidationResult.Error("--begin-biases takes three numbers from -8 to 8, source,cue,content, with --model accurate.");
        }

        return Mode is "clean" or "cofenet"
            ? Spectre.Console.ValidationResult.Success()
            : Spectre.Console.ValidationResult.Error("--mode must be clean or cofenet.");
    }
}

/// <summary><c>ascribe eval</c>: the reference scorer's metrics, computed in process.</summary>
public sealed class EvalCommand : Command<EvalSettings>
{
    private readonly CliServices _services;

    public EvalCommand(CliServices services)
    {
        _services = services;
    }

    public override int Execute(CommandContext context, EvalSettings settings, CancellationToken cancellationToken)
    {
        string attDir = Path.Combine(settings.Gold, "attributions");
        string textDir = Path.Combine(settings.Gold, "text");
        if (!Directory.Exists(attDir) || !Directory.Exists(textDir))
        {
            _services.Fail($"{settings.Gold}: not a gold folder (needs text/ and attributions/)");
            return ExitCodes.Fatal;
        }

        if (settings.Pred is not null && !Directory.Exists(settings.Pred))
        {
            _services.Fail($"{settings.Pred}: no such folder");
            return ExitCodes.Fatal;
        }

        Ascribe.Core.Pipeline.Pipeline? pipeline = null;
        if (settings.Pred is null && settings.Rules)
        {
            pipeline = Ascribe.Core.Pipeline.DefaultPipeline.CreateWithRules();
        }
        else if (settings.Pred is null && settings.AttributionModel is not null)
        {
            if (!File.Exists(settings.AttributionModel))
            {
                _services.Fail($"{settings.AttributionModel}: no such model file");
                return ExitCodes.Fatal;
            }

            using var stream = File.OpenRead(settings.AttributionModel);
            pipeline = Ascribe.Core.Pipeline.DefaultPipeline.Create(Ascribe.Core.Components.Attribution.Model.AttributionModel.Load(stream, settings.AttributionModel));
        }
        else if (settings.Pred is null)
        {
            float[]? biases = null;
            if (settings.BeginBiases is not null)
            {
                Ascribe.Accurate.AccuratePipeline.TryParseBeginBiases(settings.BeginBiases, out biases);
            }

            pipeline = ModelChoice.Create(settings.Model, settings.Head, _services, biases);
            if (pipeline is null)
            {
                return ExitCodes.Fatal;
            }
        }

        if (settings.SavePred is not null)
        {
            Directory.CreateDirectory(settings.SavePred);
        }

        var scorer = new AttributionScorer(settings.Mode);
        var predCache = new Dictionary<string, BratAnnotation>(StringComparer.Ordinal);
        foreach (var (article, file) in GoldFolder.Files(settings.Gold, firstPerArticle: settings.Mode == "clean"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string text = File.ReadAllText(GoldFolder.TextPath(settings.Gold, article));
            var tokens = GoldTokens(settings.Gold, article, text);
            var gold = BratAnnotation.Parse(File.ReadAllText(file));
            BratAnnotation? pred;
            if (pipeline is not null)
            {
                if (!predCache.TryGetValue(article, out pred))
                {
                    var doc = pipeline.Run(article, text);
                    string ann = BratWriter.Write(doc);
                    if (settings.SavePred is not null)
                    {
                        File.WriteAllText(Path.Combine(settings.SavePred, article + ".ann"), ann);
                    }

                    pred = BratAnnotation.Parse(ann);
                    predCache[article] = pred;
                }
            }
            else
            {
                string path = Path.Combine(settings.Pred!, article + ".ann");
                pred = File.Exists(path) ? BratAnnotation.Parse(File.ReadAllText(path)) : null;
            }

            scorer.Add(tokens, gold, pred);
        }

        var result = scorer.Result();
        _services.Out.Write(AttributionScorer.Format(result));
        _services.Out.Flush();
        if (settings.Json is not null)
        {
            File.WriteAllText(settings.Json, ScoreJson(result));
        }

        return ExitCodes.Ok;
    }

    /// <summary>CoreNLP token offsets from corenlp/ARTICLE.tsv when present, else the scorer's regex tokens.</summary>
    internal static ScoreTokens GoldTokens(string goldDir, string article, string text)
    {
        string tsv = Path.Combine(goldDir, "corenlp", article + ".tsv");
        var toks = new List<(int, int)>();
        if (File.Exists(tsv))
        {
            foreach (var line in File.ReadLines(tsv))
            {
                var p = line.Split('\t');
                if (p.Length >= 5 && int.TryParse(p[3], out int s) && int.TryParse(p[4], out int e))
                {
                    toks.Add((s, e));
                }
            }
        }

        return toks.Count > 0 ? new ScoreTokens(toks) : ScoreTokens.FromRegex(text);
    }

    internal static string ScoreJson(ScoreResult r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("mode", r.Mode);
            w.WriteNumber("gold_files", r.GoldFiles);
            w.WriteNumber("missing_predictions", r.MissingPredictions);
            w.WriteStartObject("components");
            foreach (var (name, c) in r.Components)
            {
                w.WriteStartObject(name);
                WritePrf(w, "exact", c.Exact);
                WritePrf(w, "begin", c.Begin);
                w.WriteNumber("jaccard", c.Jaccard);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartObject("attributions");
            WritePrf(w, "content_iou_0.3", r.ContentIou03);
            WritePrf(w, "content_iou_0.8", r.ContentIou08);
            w.WriteNumber("source_accuracy_at_0.3", r.SourceAccuracy);
            WritePrf(w, "whole_relation_exact", r.WholeRelation);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WritePrf(Utf8JsonWriter w, string name, Prf prf)
    {
        w.WriteStartObject(name);
        w.WriteNumber("p", prf.P);
        w.WriteNumber("r", prf.R);
        w.WriteNumber("f1", prf.F1);
        w.WriteNumber("tp", prf.Tp);
        w.WriteNumber("fp", prf.Fp);
        w.WriteNumber("fn", prf.Fn);
        w.WriteEndObject();
    }
}
