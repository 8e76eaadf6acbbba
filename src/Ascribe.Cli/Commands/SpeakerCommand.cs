using System.ComponentModel;
using Ascribe.Cli.Infrastructure;
using Ascribe.Cli.Rendering;
using Ascribe.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class SpeakerSettings : StoreSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("A name, alias, spelling variant or #ID of a speaker.")]
    public string Name { get; set; } = string.Empty;

    [CommandOption("-n|--recent <N>")]
    [Description("Most recent quotes to show.")]
    [DefaultValue(10)]
    public int Recent { get; set; } = 10;
}

/// <summary><c>ascribe speaker</c>: a speaker's aliases, quotes over time, outlets and stance mix.</summary>
public sealed class SpeakerCommand : StoreCommand<SpeakerSettings>
{
    public SpeakerCommand(CliServices services)
        : base(services)
    {
    }

    protected override int Run(IDocumentStore store, SpeakerSettings settings, CancellationToken cancellationToken)
    {
        var profile = store.Speaker(settings.Name, settings.Recent);
        if (profile is null)
        {
            Services.Fail($"no speaker matches '{settings.Name}'");
            return ExitCodes.SomeFailed;
        }

        if (settings.Format == "json")
        {
            WriteJson(profile.ToJsonShape());
            return ExitCodes.Ok;
        }

        var console = Services.Console;
        console.Write(new Rule($"[bold]{Markup.Escape(profile.Name)}[/] #{profile.Id} ({Markup.Escape(profile.Type)})").LeftJustified());
        console.MarkupLine($"aliases: {Markup.Escape(string.Join(", ", profile.Aliases))}");
        string span = profile.FirstSeen is null && profile.LastSeen is null ? "no publication dates" : $"{profile.FirstSeen ?? "?"} – {profile.LastSeen ?? "?"}";
        console.MarkupLine($"{profile.Quotes} quote(s) in {profile.Documents} article(s), {Markup.Escape(span)}");
        var grid = new Table().Border(TableBorder.Rounded);
        grid.AddColumn("outlet");
        grid.AddColumn(new TableColumn("quotes").RightAligned());
        foreach (var (key, count) in profile.Outlets)
        {
            grid.AddRow(Markup.Escape(key), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var time = new BarChart().Label("quotes per month").Width(60);
        foreach (var (key, count) in profile.Timeline)
        {
            time.AddItem(key, count, Color.Blue);
        }

        var stance = new Table().Border(TableBorder.Rounded);
        stance.AddColumn("stance");
        stance.AddColumn(new TableColumn("quotes").RightAligned());
        foreach (var (key, count) in profile.Stances)
        {
            stance.AddRow(Markup.Escape(key), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(new Columns(grid, stance));
        console.Write(time);
        StoreTables.Hits(console, profile.Recent, "recent quotes");
        return ExitCodes.Ok;
    }
}
