using System.ComponentModel;
using Ascribe.Cli.Infrastructure;
using Ascribe.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class TrackedSettings : StoreSettings
{
    [CommandOption("--min <N>")]
    [Description("Only quotes found in at least N articles (default 2).")]
    [DefaultValue(2)]
    public int Min { get; set; } = 2;

    [CommandOption("-n|--limit <N>")]
    [DefaultValue(20)]
    public int Limit { get; set; } = 20;
}

/// <summary><c>ascribe tracked</c>: quotes relayed by several articles and outlets, with their first appearance.</summary>
public sealed class TrackedCommand : StoreCommand<TrackedSettings>
{
    public TrackedCommand(CliServices services)
        : base(services)
    {
    }

    protected override int Run(IDocumentStore store, TrackedSettings settings, CancellationToken cancellationToken)
    {
        var tracked = store.Tracked(settings.Min, settings.Limit);
        if (settings.Format == "json")
        {
            WriteJson(tracked.Select(t => new
            {
                id = t.Id,
                text = t.Text,
                documents = t.Documents,
                outlets = t.Outlets,
                first = t.Appearances.Count > 0 ? t.Appearances[0] : null,
                appearances = t.Appearances,
            }));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("quote").Width(60));
        table.AddColumn("speaker");
        table.AddColumn(new TableColumn("articles").RightAligned());
        table.AddColumn(new TableColumn("outlets").RightAligned());
        table.AddColumn("first appearance");
        foreach (var t in tracked)
        {
            var first = t.Appearances.FirstOrDefault();
            string outlets = string.Join(", ", t.Appearances.Select(a => a.Outlet ?? a.ExternalId).Distinct(StringComparer.Ordinal).Take(6));
            table.AddRow(
                Markup.Escape(t.Text.Length > 200 ? t.Text[..200] + "…" : t.Text),
                Markup.Escape(first?.Speaker ?? first?.Source ?? string.Empty),
                t.Documents.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{t.Outlets}: {Markup.Escape(outlets)}",
                Markup.Escape(first is null ? string.Empty : $"{first.Published ?? "undated"} {first.Outlet ?? string.Empty} ({first.ExternalId})"));
        }

        Services.Console.Write(table);
        return ExitCodes.Ok;
    }
}
