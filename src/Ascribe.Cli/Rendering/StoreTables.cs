using Ascribe.Store.Queries;
using Spectre.Console;

namespace Ascribe.Cli.Rendering;

/// <summary>Tables for stored quotes.</summary>
public static class StoreTables
{
    public static void Hits(IAnsiConsole console, IReadOnlyList<QuoteHit> hits, string title)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand().Title(Markup.Escape(title));
        table.AddColumn("published");
        table.AddColumn("outlet");
        table.AddColumn("speaker");
        table.AddColumn("cue");
        table.AddColumn(new TableColumn("quote").Width(70));
        table.AddColumn("article");
        foreach (var h in hits)
        {
            table.AddRow(
                Markup.Escape(h.Published ?? string.Empty),
                Markup.Escape(h.Outlet ?? string.Empty),
                Markup.Escape(h.Speaker ?? h.Source ?? string.Empty),
                Markup.Escape(h.Cue ?? string.Empty),
                Markup.Escape(h.Content.Length > 300 ? h.Content[..300] + "…" : h.Content),
                Markup.Escape(h.ExternalId + (h.DuplicateOf is { } d ? $" (copy of #{d})" : string.Empty)));
        }

        console.Write(table);
    }
}
