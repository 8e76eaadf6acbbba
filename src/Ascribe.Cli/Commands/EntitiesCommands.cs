using System.ComponentModel;
using Ascribe.Cli.Infrastructure;
using Ascribe.Store;
using Ascribe.Store.Queries;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class EntitiesListSettings : StoreSettings
{
    [CommandArgument(0, "[NAME]")]
    [Description("Only speakers matching NAME.")]
    public string? Name { get; set; }

    [CommandOption("-n|--limit <N>")]
    [DefaultValue(50)]
    public int Limit { get; set; } = 50;
}

public sealed class EntitiesMergeSettings : StoreSettings
{
    [CommandArgument(0, "<INTO>")]
    [Description("The speaker that stays (name, alias or #ID).")]
    public string Into { get; set; } = string.Empty;

    [CommandArgument(1, "<FROM>")]
    [Description("The speaker merged into it (name, alias or #ID).")]
    public string From { get; set; } = string.Empty;
}

public sealed class EntitiesSplitSettings : StoreSettings
{
    [CommandArgument(0, "<ALIAS>")]
    [Description("A name to detach from its speaker into a speaker of its own.")]
    public string Alias { get; set; } = string.Empty;
}

/// <summary><c>ascribe entities list</c>: cross-document speakers with their aliases and merges.</summary>
public sealed class EntitiesListCommand : StoreCommand<EntitiesListSettings>
{
    public EntitiesListCommand(CliServices services)
        : base(services)
    {
    }

    protected override int Run(IDocumentStore store, EntitiesListSettings settings, CancellationToken cancellationToken)
    {
        var speakers = store.Speakers(settings.Name, settings.Limit);
        if (settings.Format == "json")
        {
            WriteJson(speakers);
        }
        else
        {
            EntitiesTable.Write(Services.Console, speakers);
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>ascribe entities merge INTO FROM</c>: makes two speakers one; later articles follow the merge.</summary>
public sealed class EntitiesMergeCommand : StoreCommand<EntitiesMergeSettings>
{
    public EntitiesMergeCommand(CliServices services)
        : base(services)
    {
    }

    protected override int Run(IDocumentStore store, EntitiesMergeSettings settings, CancellationToken cancellationToken)
    {
        var merged = store.Merge(settings.Into, settings.From);
        if (settings.Format == "json")
        {
            WriteJson(merged);
        }
        else
        {
            EntitiesTable.Write(Services.Console, new[] { merged });
        }

        return ExitCodes.Ok;
    }
}

/// <summary><c>ascribe entities split ALIAS</c>: undoes a wrong merge for one name.</summary>
public sealed class EntitiesSplitCommand : StoreCommand<EntitiesSplitSettings>
{
    public EntitiesSplitCommand(CliServices services)
        : base(services)
    {
    }

    protected override int Run(IDocumentStore store, EntitiesSplitSettings settings, CancellationToken cancellationToken)
    {
        var created = store.Split(settings.Alias);
        if (settings.Format == "json")
        {
            WriteJson(created);
        }
        else
        {
            EntitiesTable.Write(Services.Console, new[] { created });
        }

        return ExitCodes.Ok;
    }
}

internal static class EntitiesTable
{
    public static void Write(IAnsiConsole console, IEnumerable<SpeakerSummary> speakers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("id");
        table.AddColumn("name");
        table.AddColumn("type");
        table.AddColumn("aliases");
        table.AddColumn(new TableColumn("quotes").RightAligned());
        table.AddColumn(new TableColumn("articles").RightAligned());
        table.AddColumn("merged");
        foreach (var s in speakers)
        {
            table.AddRow(
                "#" + s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(s.Name),
                Markup.Escape(s.Type),
                Markup.Escape(string.Join(", ", s.Aliases)),
                s.Quotes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.Documents.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join(", ", s.MergedIds.Select(i => "#" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        console.Write(table);
    }
}
