using System.ComponentModel;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

/// <summary>Options shared by the commands that read or write a corpus store.</summary>
public class StoreSettings : CommandSettings
{
    [CommandOption("--db <DB>")]
    [Description("SQLite file (default ascribe.db), or a PostgreSQL connection string (Host=...;Database=...) or postgres:// URL.")]
    public string? Db { get; set; }

    [CommandOption("-f|--format <FORMAT>")]
    [Description("table (default) or json.")]
    [DefaultValue("table")]
    public string Format { get; set; } = "table";

    public override Spectre.Console.ValidationResult Validate() =>
        Format is "table" or "json"
            ? Spectre.Console.ValidationResult.Success()
            : Spectre.Console.ValidationResult.Error($"Unknown format '{Format}'. Use table or json.");
}
