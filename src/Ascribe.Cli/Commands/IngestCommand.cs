using System.ComponentModel;
using Ascribe.Cli.Infrastructure;
using Ascribe.Cli.Input;
using Ascribe.Store;
using Ascribe.Store.Ingest;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ascribe.Cli.Commands;

public sealed class IngestSettings : StoreSettings
{
    [CommandArgument(0, "[PATH]")]
    [Description("Article files (.txt, .html, .jsonl), folders (recursive) or - for standard input. Without PATH, only process what is queued.")]
    public string[] Paths { get; set; } = Array.Empty<string>();

    [CommandOption("-w|--workers <N>")]
    [Description("Analysis threads (default: number of cores).")]
    public int? Workers { get; set; }

    [CommandOption("--batch <N>")]
    [Description("Articles per transaction (default 100).")]
    [DefaultValue(100)]
    public int Batch { get; set; } = 100;

    [CommandOption("--enqueue-only")]
    [Description("Add the inputs to the store's queue and stop; workers (ingest without PATH) process them.")]
    public bool EnqueueOnly { get; set; }

    public override ValidationResult Validate()
    {
        if (Workers is < 1 || Batch < 1)
        {
            return ValidationResult.Error("--workers and --batch must be at least 1.");
        }

        if (EnqueueOnly && Paths.Length == 0)
        {
            return ValidationResult.Error("--enqueue-only needs at least one PATH.");
        }

        return base.Validate();
    }
}

/// <summary>
/// <c>ascribe ingest</c>: queues the inputs in the store, then analyzes and stores queued articles
/// in batched transactions until the queue is empty. Several ingest processes may share one
/// PostgreSQL store; each article is claimed by exactly one of them.
/// </summary>
public sealed class IngestCommand : StoreCommand<IngestSettings>
{
    public IngestCommand(CliServices services)
        : base(services)
    {
    }

    protected override int Run(IDocumentStore store, IngestSettings settings, CancellationToken cancellationToken)
    {
        var runner = new IngestRunner(store, Ascribe.Core.Pipeline.DefaultPipeline.Create())
        {
            BatchSize = settings.Batch,
            Workers = settings.Workers ?? Environment.ProcessorCount,
        };
        int unreadable = 0;
        var enqueued = new EnqueueResult(0, 0);
        if (settings.Paths.Length > 0)
        {
            var articles = new InputReader(Services.OpenStdin).Read(settings.Paths)
                .Select(input =>
                {
                    if (input.Text is null)
                    {
                        Services.Fail($"{input.Origin}: {input.Error}");
                        unreadable++;
                        return null;
                    }

                    if (input.Note is not null)
                    {
                        Services.Warn($"{input.Origin}: {input.Note}");
                    }

                    return new IncomingArticle(input.Id, input.Origin, input.Text, input.Meta);
                })
                .OfType<IncomingArticle>();
            enqueued = runner.Enqueue(articles);
        }

        IngestSummary summary;
        if (settings.EnqueueOnly)
        {
            summary = new IngestSummary(enqueued.Added, enqueued.AlreadyKnown, 0, 0, 0, 0, 0, TimeSpan.Zero, Array.Empty<string>());
        }
        else if (Services.Console.Profile.Capabilities.Interactive && settings.Format == "table")
        {
            long total = store.PendingCount();
            summary = null!;
            Services.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("ingest", maxValue: Math.Max(1, total));
                    summary = runner.Drain(enqueued, batch => task.Increment(batch.Claimed), cancellationToken);
                    task.Value = task.MaxValue;
                });
        }
        else
        {
            summary = runner.Drain(enqueued, cancellationToken: cancellationToken);
        }

        foreach (var error in summary.Errors)
        {
            Services.Fail(error);
        }

        var counts = store.Counts();
        if (settings.Format == "json")
        {
            WriteJson(new
            {
                enqueued = summary.Enqueued,
                already_known = summary.AlreadyKnown,
                unreadable,
                stored = summary.Stored,
                near_duplicates = summary.NearDuplicates,
                failed = summary.Failed,
                attributions = summary.Attributions,
                batches = summary.Batches,
                seconds = Math.Round(summary.Elapsed.TotalSeconds, 3),
                articles_per_second = Math.Round(summary.ArticlesPerSecond, 1),
                store = counts,
            });
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).Title("ingest");
            table.AddColumn("");
            table.AddColumn(new TableColumn("this run").RightAligned());
            table.AddColumn(new TableColumn("store").RightAligned());
            string N(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            table.AddRow("queued", N(summary.Enqueued), N(counts.Pending) + " pending");
            table.AddRow("already stored", N(summary.AlreadyKnown), string.Empty);
            table.AddRow("articles stored", N(summary.Stored), N(counts.Documents));
            table.AddRow("near-duplicates linked", N(summary.NearDuplicates), N(counts.NearDuplicates));
            table.AddRow("attributions", N(summary.Attributions), N(counts.Attributions));
            table.AddRow("speakers", string.Empty, N(counts.Speakers));
            table.AddRow("quotes in 2+ articles", string.Empty, N(counts.TrackedQuotes));
            table.AddRow("failed", N(summary.Failed + unreadable), N(counts.Failed));
            table.AddRow("articles/s", summary.ArticlesPerSecond.ToString("F1", System.Globalization.CultureInfo.InvariantCulture), string.Empty);
            Services.Console.Write(table);
        }

        int failed = summary.Failed + unreadable;
        if (failed > 0)
        {
            return summary.Stored == 0 && summary.Enqueued == 0 ? ExitCodes.Fatal : ExitCodes.SomeFailed;
        }

        return ExitCodes.Ok;
    }
}
