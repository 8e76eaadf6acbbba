using Ascribe.Core.Documents;
using Ascribe.Core.Serialization;
using Spectre.Console;

namespace Ascribe.Cli.Rendering;

/// <summary>Renders one analyzed document for a person: attributions, speakers and flags.</summary>
public static class DocumentTable
{
    public static void Render(IAnsiConsole console, Document doc)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(doc.Id)}[/]").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("#");
        table.AddColumn("kind");
        table.AddColumn("source");
        table.AddColumn("cue");
        table.AddColumn(new TableColumn("content").Width(60));
        table.AddColumn("speaker");
        var names = doc.Entities.ToDictionary(e => e.Id, e => e.Name);
        int i = 0;
        foreach (var a in doc.Attributions)
        {
            i++;
            string content = string.Join(" … ", a.Content.Select(c => Clip(doc.Slice(c), 160)));
            string speaker = a.Speaker is not null && names.TryGetValue(a.Speaker, out var n) ? n : a.Speaker ?? string.Empty;
            table.AddRow(
                i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                DocumentJson.KindName(a.Kind),
                Markup.Escape(a.Source is { } s ? doc.Slice(s) : "—"),
                Markup.Escape(a.Cue is { } c ? doc.Slice(c) : "—"),
                Markup.Escape(content),
                Markup.Escape(speaker));
        }

        if (i == 0)
        {
            console.MarkupLine("[grey]No attributions found.[/]");
        }
        else
        {
            console.Write(table);
        }

        if (doc.Flags.Count > 0)
        {
            var flags = new Table().Border(TableBorder.Simple).AddColumn("flag").AddColumn("where").AddColumn("message");
            foreach (var f in doc.Flags)
            {
                flags.AddRow(Markup.Escape(f.Code), Markup.Escape(Clip(doc.Text.Substring(f.Start, f.End - f.Start), 60)), Markup.Escape(f.Message));
            }

            console.Write(flags);
        }

        if (doc.Audit is { } audit)
        {
            RenderAudit(console, doc, audit);
        }
    }

    /// <summary>The audit summary: counts, shares, the lead claim and the sources by type.</summary>
    private static void RenderAudit(IAnsiConsole console, Document doc, DocumentAudit audit)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var names = audit.Sources.ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[bold]attributions[/]", audit.Attributions.ToString(inv));
        grid.AddRow("[bold]sources[/]", $"{audit.Speakers.ToString(inv)} ({audit.NamedSpeakers.ToString(inv)} named, {audit.SpeakersByType.GetValueOrDefault("anonymous").ToString(inv)} anonymous), {audit.IndependentSpeakers.ToString(inv)} independent");
        grid.AddRow("[bold]anonymous[/]", $"{audit.AnonymousShare.ToString("P0", inv)} of attributions");
        grid.AddRow("[bold]relayed[/]", $"{audit.RelayedShare.ToString("P0", inv)} of attributions");
        grid.AddRow("[bold]unattributed quotes[/]", audit.UnattributedQuotes.ToString(inv));
        grid.AddRow("[bold]interested parties[/]", Markup.Escape(audit.InterestedParties.Count == 0 ? "none" : string.Join(", ", audit.InterestedParties.Select(k => names.GetValueOrDefault(k, k)))));
        grid.AddRow("[bold]by type[/]", Markup.Escape(string.Join(", ", audit.SpeakersByType.Select(kv => $"{kv.Key} {kv.Value.ToString(inv)}"))));
        if (audit.Lead is { } lead)
        {
            grid.AddRow("[bold]lead claim[/]", Markup.Escape($"\"{Clip(doc.Slice(lead.Content), 100)}\" - {string.Join(", ", lead.SpeakerNames)}; {lead.IndependentSpeakers.ToString(inv)} independent{(lead.Interested ? ", interested party" : string.Empty)}"));
        }

        foreach (var c in audit.Conflicts)
        {
            grid.AddRow("[bold]conflict[/]", Markup.Escape($"{c.FirstName} vs {c.SecondName} ({c.Reason})"));
        }

        console.Write(new Panel(grid).Header("sourcing audit").Border(BoxBorder.Rounded));
    }

    private static string Clip(string text, int max)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }
}
