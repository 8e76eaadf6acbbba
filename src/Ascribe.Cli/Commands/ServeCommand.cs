using System.ComponentModel;
using System.Globalization;
using Ascribe.Cli.Infrastructure;
using Ascribe.Web;
using Microsoft.Extensions.Hosting;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class ServeSettings : CommandSettings
{
    [CommandOption("--db <DB>")]
    [Description("Store to browse, search and ingest into: SQLite file (default ascribe.db), or a PostgreSQL connection string or postgres:// URL.")]
    public string? Db { get; set; }

    [CommandOption("--urls <URLS>")]
    [Description("Addresses to listen on, separated by ';' or ','. Default http://127.0.0.1:5080.")]
    [DefaultValue(WebServerOptions.DefaultUrl)]
    public string Urls { get; set; } = WebServerOptions.DefaultUrl;

    [CommandOption("--allow-remote")]
    [Description("Allow listening on non-loopback addresses (off: only 127.0.0.1, [::1], localhost).")]
    public bool AllowRemote { get; set; }

    [CommandOption("--api-token <TOKEN>")]
    [Description("Bearer token that unlocks write endpoints (also ASCRIBE_API_TOKEN). Without one the server is read-only.")]
    public string? ApiToken { get; set; }

    [CommandOption("--max-request-bytes <BYTES>")]
    [Description("Largest request body accepted; larger ones get 413. Default 2097152 (2 MB).")]
    [DefaultValue(2L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 2L * 1024 * 1024;

    [CommandOption("--rate-limit <PER_MINUTE>")]
    [Description("Requests per client address per minute before 429. 0 turns the limit off. Default 600.")]
    [DefaultValue(600)]
    public int RateLimit { get; set; } = 600;

    public IReadOnlyList<string> UrlList => Urls.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override Spectre.Console.ValidationResult Validate()
    {
        if (UrlList.Count == 0)
        {
            return Spectre.Console.ValidationResult.Error("--urls needs at least one address, such as http://127.0.0.1:5080.");
        }

        if (!AllowRemote && WebServerOptions.FirstNonLoopback(UrlList) is string remote)
        {
            return Spectre.Console.ValidationResult.Error($"'{remote}' is not a loopback http address; use 127.0.0.1, [::1] or localhost, or pass --allow-remote.");
        }

        if (MaxRequestBytes < 1024)
        {
            return Spectre.Console.ValidationResult.Error("--max-request-bytes must be at least 1024.");
        }

        if (RateLimit < 0)
        {
            return Spectre.Console.ValidationResult.Error("--rate-limit must be 0 (off) or a positive number of requests per minute.");
        }

        return Spectre.Console.ValidationResult.Success();
    }
}

/// <summary><c>ascribe serve</c>: runs the web app and JSON API until interrupted.</summary>
public sealed class ServeCommand : Command<ServeSettings>
{
    private readonly CliServices _services;

    public ServeCommand(CliServices services)
    {
        _services = services;
    }

    public override int Execute(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        string? token = settings.ApiToken ?? Environment.GetEnvironmentVariable("ASCRIBE_API_TOKEN");
        var options = new WebServerOptions
        {
            Database = settings.Db ?? Ascribe.Store.StoreBuilder.DefaultPath,
            Urls = settings.UrlList,
            AllowRemote = settings.AllowRemote,
            ApiToken = string.IsNullOrWhiteSpace(token) ? null : token.Trim(),
            MaxRequestBytes = settings.MaxRequestBytes,
            RateLimitPerMinute = settings.RateLimit,
        };

        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = WebServer.Build(options);
        }
        catch (Ascribe.Core.Errors.AscribeException ex)
        {
            _services.Fail(ex.Message);
            return ExitCodes.Fatal;
        }

        try
        {
            app.StartAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (IOException ex)
        {
            _services.Fail($"cannot listen on {settings.Urls}: {ex.Message}");
            return ExitCodes.Fatal;
        }

        _services.Error.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "ascribe: serving on {0} ({1}); press Ctrl+C to stop",
            string.Join(", ", options.Urls),
            options.ApiToken is null ? "read-only" : "write endpoints need the API token"));
        _services.Error.Flush();
        app.WaitForShutdownAsync(cancellationToken).GetAwaiter().GetResult();
        return ExitCodes.Ok;
    }
}
