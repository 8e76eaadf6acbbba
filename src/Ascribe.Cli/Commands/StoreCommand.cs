using System.Text.Json;
using Ascribe.Cli.Infrastructure;
using Ascribe.Core.Errors;
using Ascribe.Store;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

/// <summary>Base of the store commands: opens the store and turns store errors into one-line messages.</summary>
public abstract class StoreCommand<TSettings> : Command<TSettings>
    where TSettings : StoreSettings
{
    protected StoreCommand(CliServices services)
    {
        Services = services;
    }

    protected CliServices Services { get; }

    protected static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        IncludeFields = true,
    };

    public sealed override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        string db = settings.Db ?? StoreBuilder.DefaultPath;
        try
        {
            using var store = new StoreBuilder(db).Build();
            return Run(store, settings, cancellationToken);
        }
        catch (AscribeException ex)
        {
            Services.Fail($"{Describe(db)}: {ex.Message}");
            return ExitCodes.Fatal;
        }
    }

    protected abstract int Run(IDocumentStore store, TSettings settings, CancellationToken cancellationToken);

    protected void WriteJson<T>(T value)
    {
        Services.Out.WriteLine(JsonSerializer.Serialize(value, Json));
        Services.Out.Flush();
    }

    /// <summary>The DB string without a password, for messages.</summary>
    private static string Describe(string db) =>
        StoreBuilder.IsPostgres(db) ? System.Text.RegularExpressions.Regex.Replace(db, @"(?i)(password=)[^;]*|(://[^:/@]*:)[^@]*@", "$1$2***@").Replace("=***@", "=***", StringComparison.Ordinal) : db;
}
