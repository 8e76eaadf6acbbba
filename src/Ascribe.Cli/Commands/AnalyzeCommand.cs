using System.ComponentModel;
using System.Text;
using System.Text.Json;
using Ascribe.Cli.Infrastructure;
using Ascribe.Cli.Input;
using Ascribe.Cli.Rendering;
using Ascribe.Core.Documents;
using Ascribe.Core.Errors;
using Ascribe.Core.Serialization;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class AnalyzeSettings : CommandSettings
{
    [CommandArgument(0, "<PATH>")]
    [Description("Article files, folders (recursive) or - for standard input.")]
    public string[] Paths { get; set; } = Array.Empty<string>();

    [CommandOption("-f|--format <FORMAT>")]
    [Description("jsonl (default), json, brat, table or html (one self-contained page per document; needs --out).")]
    [DefaultValue("jsonl")]
    public string Format { get; set; } = "jsonl";

    [CommandOption("-o|--out <DIR>")]
    [Description("Write one file per document into DIR instead of standard output (jsonl: DIR/ascribe.jsonl).")]
    public string? Out { get; set; }

    [CommandOption("-m|--model <MODEL>")]
    [Description("fast (default: rules and learned tagger) or accurate (transformer encoder, slower).")]
    [DefaultValue("fast")]
    public string Model { get; set; } = "fast";

    [CommandOption("--head <FILE>")]
    [Description("Accurate mode: use this trained head instead of the shipped one.")]
    public string? Head { get; set; }

    public override Spectre.Console.ValidationResult Validate()
    {
        if (!ModelChoice.IsValid(Model))
        {
            return Spectre.Console.ValidationResult.Error($"Unknown model '{Model}'. Use fast or accurate.");
        }

        string[] formats = { "jsonl", "json", "brat", "table", "html" };
        if (!formats.Contains(Format))
        {
            return Spectre.Console.ValidationResult.Error($"Unknown format '{Format}'. Use one of: {string.Join(", ", formats)}.");
        }

        if (Format == "html" && string.IsNullOrEmpty(Out))
        {
            return Spectre.Console.ValidationResult.Error("--format html writes one file per document: give --out DIR.");
        }

        if (Paths.Length == 0)
        {
            return Spectre.Console.ValidationResult.Error("Give at least one PATH (a file, a folder, or - for standard input).");
        }

        return Spectre.Console.ValidationResult.Success();
    }
}

/// <summary><c>ascribe analyze</c>: runs the pipeline on each input and writes the chosen format.</summary>
public sealed class AnalyzeCommand : Command<AnalyzeSettings>
{
    private readonly CliServices _services;

    public AnalyzeCommand(CliServices services)
    {
        _services = services;
    }

    public override int Execute(CommandContext context, AnalyzeSettings settings, CancellationToken cancellationToken)
    {
        var pipeline = ModelChoice.Create(settings.Model, settings.Head, _services);
        if (pipeline is null)
        {
            return ExitCodes.Fatal;
        }

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

        using var sink = OutputSink.Create(settings.Format, settings.Out, _services);
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

            if (input.Note is not null)
            {
                _services.Warn($"{input.Origin}: {input.Note}");
            }

            Document doc;
            try
            {
                doc = new Document(input.Id, input.Text);
                foreach (var (k, v) in input.Meta)
                {
                    doc.Meta[k] = v;
                }

                pipeline.Process(doc);
            }
            catch (AscribeException ex)
            {
                _services.Fail($"{input.Origin}: {ex.Message}");
                failed++;
                continue;
            }

            sink.Write(doc);
            ok++;
        }

        sink.Complete();
        if (ok == 0 && failed > 0)
        {
            return ExitCodes.Fatal;
        }

        return failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    /// <summary>Writes analyzed documents in one format to standard output or a folder.</summary>
    private abstract class OutputSink : IDisposable
    {
        public static OutputSink Create(string format, string? dir, CliServices services) => format switch
        {
            "json" => new JsonSink(dir, services),
            "brat" => new BratSink(dir, services),
            "table" => new TableSink(services),
            "html" => new HtmlSink(dir!),
            _ => new JsonlSink(dir, services),
        };

        public abstract void Write(Document doc);

        public virtual void Complete()
        {
        }

        public virtual void Dispose()
        {
        }

        protected static string SafeName(string id)
        {
            var sb = new StringBuilder(id.Length);
            foreach (char c in id)
            {
                sb.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
            }

            string name = sb.ToString().TrimStart('.');
            return name.Length == 0 ? "document" : name;
        }

        /// <summary>Writes a file through a temporary name and a rename, so a crash never leaves half a file.</summary>
        protected static void WriteAtomically(string path, string content)
        {
            string tmp = path + ".tmp";
            File.WriteAllText(tmp, content, new UTF8Encoding(false));
            File.Move(tmp, path, overwrite: true);
        }
    }

    private sealed class JsonlSink : OutputSink
    {
        private readonly TextWriter _writer;
        private readonly bool _own;

        public JsonlSink(string? dir, CliServices services)
        {
            if (dir is null)
            {
                _writer = services.Out;
            }
            else
            {
                _writer = new StreamWriter(Path.Combine(dir, "ascribe.jsonl"), false, new UTF8Encoding(false)) { NewLine = "\n" };
                _own = true;
            }
        }

        public override void Write(Document doc) => DocumentJson.WriteJsonLine(_writer, doc);

        public override void Complete() => _writer.Flush();

        public override void Dispose()
        {
            if (_own)
            {
                _writer.Dispose();
            }
        }
    }

    private sealed class JsonSink : OutputSink
    {
        private readonly string? _dir;
        private readonly CliServices _services;
        private readonly List<string> _pending = new();

        public JsonSink(string? dir, CliServices services)
        {
            _dir = dir;
            _services = services;
        }

        public override void Write(Document doc)
        {
            string json = Indented(doc);
            if (_dir is null)
            {
                _pending.Add(json);
            }
            else
            {
                WriteAtomically(Path.Combine(_dir, SafeName(doc.Id) + ".json"), json + "\n");
            }
        }

        public override void Complete()
        {
            if (_dir is not null)
            {
                return;
            }

            // One document prints as an object, several as an array.
            if (_pending.Count == 1)
            {
                _services.Out.WriteLine(_pending[0]);
            }
            else
            {
                _services.Out.WriteLine("[");
                for (int i = 0; i < _pending.Count; i++)
                {
                    _services.Out.Write(_pending[i]);
                    _services.Out.WriteLine(i + 1 < _pending.Count ? "," : string.Empty);
                }

                _services.Out.WriteLine("]");
            }

            _services.Out.Flush();
        }

        private static string Indented(Document doc)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                DocumentJson.Write(w, doc);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }

    private sealed class BratSink : OutputSink
    {
        private readonly string? _dir;
        private readonly CliServices _services;

        public BratSink(string? dir, CliServices services)
        {
            _dir = dir;
            _services = services;
        }

        public override void Write(Document doc)
        {
            string ann = BratWriter.Write(doc);
            if (_dir is null)
            {
                _services.Out.Write(ann);
                _services.Out.Flush();
                return;
            }

            string name = SafeName(doc.Id);
            WriteAtomically(Path.Combine(_dir, name + ".ann"), ann);
            WriteAtomically(Path.Combine(_dir, name + ".txt"), doc.Text);
        }
    }

    private sealed class HtmlSink : OutputSink
    {
        private readonly string _dir;

        public HtmlSink(string dir)
        {
            _dir = dir;
        }

        public override void Write(Document doc) => WriteAtomically(Path.Combine(_dir, SafeName(doc.Id) + ".html"), DocumentHtml.Render(doc));
    }

    private sealed class TableSink : OutputSink
    {
        private readonly CliServices _services;

        public TableSink(CliServices services)
        {
            _services = services;
        }

        public override void Write(Document doc) => DocumentTable.Render(_services.Console, doc);
    }
}
