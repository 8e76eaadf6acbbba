using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Ascribe.Accurate;
using Ascribe.Cli.Infrastructure;
using Ascribe.Core.Errors;
using Ascribe.Core.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class ModelsSettings : CommandSettings
{
    [CommandOption("--models <DIR>")]
    [Description("Folder with pos.bin, ner.bin, parser.bin and attribution.bin (default: models/ next to the program).")]
    public string? Models { get; set; }

    [CommandOption("--format <FORMAT>")]
    [Description("table (default) or json.")]
    public string Format { get; set; } = "table";

    public override ValidationResult Validate() =>
        Format is "table" or "json" ? ValidationResult.Success() : ValidationResult.Error($"Unknown format '{Format}'. Use table or json.");
}

/// <summary>
/// <c>ascribe models</c>: which trained models this installation runs, where they are, how large, what
/// they hold, and the attribution model's training record (command, seeds, epochs, dev scores).
/// </summary>
public sealed class ModelsCommand : Command<ModelsSettings>
{
    private readonly CliServices _services;

    public ModelsCommand(CliServices services)
    {
        _services = services;
    }

    private sealed record ModelInfo(string Name, string File, long? Bytes, string Status, string Holds);

    public override int Execute(CommandContext context, ModelsSettings settings, CancellationToken cancellationToken)
    {
        var store = settings.Models is null ? ModelStore.Default : new ModelStore(settings.Models);
        string? record = null;
        var rows = new List<ModelInfo>
        {
            Describe("pos", store, ModelStore.PosFile, s => string.Create(CultureInfo.InvariantCulture, $"{s.Pos.Tags.Count} tags, {s.Pos.FeatureCount:N0} features, lemmatizer")),
            Describe("ner", store, ModelStore.NerFile, s => string.Create(CultureInfo.InvariantCulture, $"{Core.Components.Ner.NerModel.Labels.Count} labels, {s.Ner.GazetteerCount:N0} gazetteer phrases")),
            Describe("parser", store, ModelStore.ParserFile, s => string.Create(CultureInfo.InvariantCulture, $"{s.Parser.Description}: {s.Parser.Labels.Count} dependency labels, {s.Parser.FeatureCount:N0} weights")),
            Describe("attribution", store, ModelStore.AttributionFile, s =>
            {
                var model = s.Attribution ?? throw new AscribeException(ErrorCodes.ModelMissing, "missing");
                record = model.Record;
                return string.Create(CultureInfo.InvariantCulture, $"{model.Bits} hash bits");
            }),
            DescribeHead(),
        };

        if (settings.Format == "json")
        {
            WriteJson(rows, record);
        }
        else
        {
            WriteTable(rows, record);
        }

        // The attribution model may be absent (rules take over); the others are required.
        return rows.Any(r => r.Status != "ok" && r.Name != "attribution") ? ExitCodes.Fatal : ExitCodes.Ok;
    }

    private static ModelInfo Describe(string name, ModelStore store, string file, Func<ModelStore, string> holds)
    {
        string path = Path.Combine(store.Directory, file);
        long? bytes = File.Exists(path) ? new FileInfo(path).Length : null;
        if (bytes is null)
        {
            return new ModelInfo(name, path, null, "missing", name == "attribution" ? "analyze uses the rule extractor" : string.Empty);
        }

        try
        {
            return new ModelInfo(name, path, bytes, "ok", holds(store));
        }
        catch (AscribeException ex)
        {
            return new ModelInfo(name, path, bytes, ex.Message, string.Empty);
        }
    }

    private static ModelInfo DescribeHead()
    {
        try
        {
            var head = AccuratePipeline.LoadHead();
            var tunedLayers = head.TunedLayers;
            string tuned = tunedLayers.Length == 0 ? "frozen encoder" : "fine-tuned layer" + (tunedLayers.Length > 1 ? "s " : " ") + string.Join(", ", tunedLayers);
            string units = head.Members.Count == 0 ? $"{head.Hidden} hidden units"
                : $"an ensemble of {head.Members.Count + 1} heads ({string.Join(", ", head.Members.Prepend(head).Select(h => h.Hidden))} hidden units)";
            string holds = string.Create(CultureInfo.InvariantCulture, $"head over MiniLM layer {string.Join(", ", head.Layers)}, {units}, {tuned}");
            if (head.BeginBias.Any(b => b != 0))
            {
                holds += string.Create(CultureInfo.InvariantCulture, $", begin biases {string.Join(" / ", head.BeginBias.Select(b => b.ToString("+0.00;-0.00;0", CultureInfo.InvariantCulture)))} (source / cue / content)");
            }

            if (head.IsJoint)
            {
                holds += ", decoded as one CRF chain of joint role tags";
            }
            else if (head.IsCrf)
            {
                holds += ", CRF tag transitions";
            }

            return new ModelInfo("accurate head", "(embedded in Ascribe.Accurate.dll)", null, "ok", holds);
        }
        catch (AscribeException ex)
        {
            return new ModelInfo("accurate head", "(embedded in Ascribe.Accurate.dll)", null, ex.Message, string.Empty);
        }
    }

    private void WriteTable(List<ModelInfo> rows, string? record)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("model");
        table.AddColumn("file");
        table.AddColumn(new TableColumn("size").RightAligned());
        table.AddColumn("status");
        table.AddColumn("holds");
        foreach (var row in rows)
        {
            string size = row.Bytes switch
            {
                long b when b >= 1048576 => string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:F1} MB"),
                long b when b >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{b / 1024.0:F1} kB"),
                long b => string.Create(CultureInfo.InvariantCulture, $"{b} B"),
                _ => string.Empty,
            };
            string status = row.Status == "ok" ? "[green]ok[/]" : "[red]" + Markup.Escape(row.Status) + "[/]";
            table.AddRow(Markup.Escape(row.Name), Markup.Escape(row.File), size, status, Markup.Escape(row.Holds));
        }

        _services.Console.Write(table);
        if (record is not null)
        {
            _services.Console.Write(new Panel(new Text(record.TrimEnd())).Header("attribution training record").Border(BoxBorder.Rounded));
        }
    }

    private void WriteJson(List<ModelInfo> rows, string? record)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("models");
            foreach (var row in rows)
            {
                w.WriteStartObject();
                w.WriteString("name", row.Name);
                w.WriteString("file", row.File);
                if (row.Bytes is long b)
                {
                    w.WriteNumber("bytes", b);
                }
                else
                {
                    w.WriteNull("bytes");
                }

                w.WriteString("status", row.Status);
                w.WriteString("holds", row.Holds);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (record is not null)
            {
                w.WriteString("attribution_record", record);
            }

            w.WriteEndObject();
        }

        _services.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
