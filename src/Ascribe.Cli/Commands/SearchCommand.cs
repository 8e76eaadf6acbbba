using System.ComponentModel;
using Ascribe.Cli.Infrastructure;
using Ascribe.Cli.Rendering;
using Ascribe.Store;
using Ascribe.Store.Queries;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class SearchSettings : StoreSettings
{
    [CommandArgument(0, "[TEXT]")]
    [Description("Words that must all occur in the quote (stemmed full-text search). Empty: every quote matching the filters.")]
    public string? Text { get; set; }

    [CommandOption("--speaker <NAME>")]
    [Description("Only quotes by this speaker (any alias or spelling).")]
    public string? Speaker { get; set; }

    [CommandOption("--outlet <OUTLET>")]
    public string? Outlet { get; set; }

    [CommandOption("--since <DATE>")]
    [Description("Published on or after DATE (ISO 8601).")]
    public string? Since { get; set; }

    [CommandOption("--until <DATE>")]
    [Description("Published on or before DATE (ISO 8601).")]
    public string? Until { get; set; }

    [CommandOption("--type <TYPE>")]
    [Description("Attribution kind (direct, indirect, mixed, according) or source type (person, government, anonymous, ...).")]
    public string? Type { get; set; }

    [CommandOption("-n|--limit <N>")]
    [DefaultValue(50)]
    public int Limit { get; set; } = 50;
}

/// <summary><c>ascribe search</c>: full-text search over stored quote contents.</summary>
public sealed class SearchCommand : StoreCommand<SearchSettings>
{
    public SearchCommand(CliServices services)
        : base(services)
    {
    }

    protected override int Run(IDocumentStore store, SearchSettings settings, CancellationToken cancellationToken)
    {
        var hits = store.Search(new SearchQuery
        {
            Text = settings.Text,
            Speaker = settings.Speaker,
            Outlet = settings.Outlet,
            Since = settings.Since,
            Until = settings.Until,
            Type = settings.Type,
            Limit = settings.Limit,
        });
        if (settings.Format == "json")
        {
            WriteJson(hits);
        }
        else
        {
            StoreTables.Hits(Services.Console, hits, $"{hits.Count} quote(s)");
        }

        return ExitCodes.Ok;
    }
}
