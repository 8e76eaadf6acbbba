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
    }

    private static string Clip(string text, int max)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }
}
