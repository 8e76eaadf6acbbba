using System.ComponentModel;
using System.Text;
using Ascribe.Cli.Infrastructure;
using Ascribe.Cli.Reports;
using Ascribe.Core.Errors;
using Ascribe.Core.Reports;
using Ascribe.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class ReportSettings : CommandSettings
{
    [CommandArgument(0, "[PATH]")]
    [Description("JSONL (or JSON) files written by 'ascribe analyze', or folders holding them (recursive).")]
    public string[] Paths { get; set; } = Array.Empty<string>();

    [CommandOption("--db <DB>")]
    [Description("Report over a corpus store instead (SQLite file, or a PostgreSQL connection string or URL).")]
    public string? Db { get; set; }

    [CommandOption("-o|--out <DIR>")]
    [Description("Folder for report.html and the CSV tables.")]
    public string? Out { get; set; }

    [CommandOption("--top <N>")]
    [Description("Number of speakers in the top-speakers chart and table.")]
    [DefaultValue(20)]
    public int Top { get; set; } = 20;

    public override Spectre.Console.ValidationResult Validate()
    {
        if ((Paths.Length == 0) == (Db is null))
        {
            return Spectre.Console.ValidationResult.Error("Give PATHs (JSONL files or folders) or --db DB, not both.");
        }

        if (string.IsNullOrEmpty(Out))
        {
            return Spectre.Console.ValidationResult.Error("Give --out DIR for report.html and the CSV files.");
        }

        return Top < 1 ? Spectre.Console.ValidationResult.Error("--top must be at least 1.") : Spectre.Console.ValidationResult.Success();
    }
}

/// <summary>
/// <c>ascribe report</c>: corpus charts and tables over analyzed documents — top speakers,
/// source-type mix per outlet, anonymous share by month — as <c>report.html</c> and CSV files.
/// </summary>
public sealed class ReportCommand : Command<ReportSettings>
{
    private readonly CliServices _services;

    public ReportCommand(CliServices services)
    {
        _services = services;
    }

    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        int failed = 0;
        void Fail(string message)
        {
            _services.Fail(message);
            failed++;
        }

        List<ReportDocument> documents;
        bool missingAny = false;
        if (settings.Db is { } db)
        {
            try
            {
                using var store = new StoreBuilder(db).Build();
                documents = new StoreReportSource(store).Read(Fail).ToList();
            }
            catch (AscribeException ex)
            {
                _services.Fail($"{(StoreBuilder.IsPostgres(db) ? "database" : db)}: {ex.Message}");
                return ExitCodes.Fatal;
            }
        }
        else
        {
            var source = new JsonlReportSource(settings.Paths);
            var missing = source.Missing.ToList();
            foreach (var path in missing)
            {
                _services.Fail($"{path}: no such file or folder");
            }

            if (missing.Count == settings.Paths.Length)
            {
                return ExitCodes.Fatal;
            }

            missingAny = missing.Count > 0;
            documents = source.Read(Fail).ToList();
        }

        if (documents.Count == 0)
        {
            _services.Fail("no analyzed documents found in the input");
            return ExitCodes.Fatal;
        }

        var report = CorpusReport.Build(documents, settings.Top);
        string dir = settings.Out!;
        try
        {
            Directory.CreateDirectory(dir);
            Write(Path.Combine(dir, "top-speakers.csv"), ReportCsv.TopSpeakers(report));
            Write(Path.Combine(dir, "outlet-types.csv"), ReportCsv.OutletTypes(report));
            Write(Path.Combine(dir, "anonymous-by-month.csv"), ReportCsv.AnonymousByMonth(report));
            Write(Path.Combine(dir, "report.html"), ReportHtml.Render(report));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _services.Fail($"{dir}: cannot write the report: {ex.Message}");
            return ExitCodes.Fatal;
        }

        _services.Console.MarkupLine($"Report over {documents.Count} documents written to [bold]{Spectre.Console.Markup.Escape(Path.Combine(dir, "report.html"))}[/].");
        return failed > 0 || missingAny ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    /// <summary>Writes through a temporary name and a rename, so a crash never leaves half a file.</summary>
    private static void Write(string path, string content)
    {
        string tmp = path + ".tmp";
        File.WriteAllText(tmp, content, new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }
}
