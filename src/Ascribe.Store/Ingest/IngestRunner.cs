using System.Diagnostics;
using Ascribe.Core.Documents;

namespace Ascribe.Store.Ingest;

/// <summary>
/// Runs an ingest: enqueues the inputs (skipping articles already queued or stored), then claims
/// and processes batches until the queue has nothing left for this worker. Several runners, in
/// one process or many, may share one store: each batch is claimed in its own transaction.
/// </summary>
public sealed class IngestRunner
{
    private readonly IDocumentStore _store;
    private readonly Ascribe.Core.Pipeline.Pipeline _pipeline;

    public IngestRunner(IDocumentStore store, Ascribe.Core.Pipeline.Pipeline pipeline)
    {
        _store = store;
        _pipeline = pipeline;
    }

    /// <summary>Articles per transaction.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Analysis threads.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Name recorded with every article this runner stores.</summary>
    public string WorkerName { get; init; } = Environment.MachineName + ":" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Enqueues <paramref name="articles"/>; returns (added, already known).</summary>
    public EnqueueResult Enqueue(IEnumerable<IncomingArticle> articles) => _store.Enqueue(articles);

    /// <summary>Processes pending articles until none is left; <paramref name="progress"/> gets each committed batch.</summary>
    public IngestSummary Drain(EnqueueResult enqueued, Action<BatchResult>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        int stored = 0, duplicates = 0, failed = 0, attributions = 0, batches = 0;
        var errors = new List<string>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = _store.ProcessNext(BatchSize, WorkerName, Workers, Analyze);
            if (batch is null)
            {
                break;
            }

            batches++;
            stored += batch.Stored;
            duplicates += batch.NearDuplicates;
            failed += batch.Failed;
            attributions += batch.Attributions;
            errors.AddRange(batch.Errors);
            progress?.Invoke(batch);
        }

        return new IngestSummary(enqueued.Added, enqueued.AlreadyKnown, stored, duplicates, failed, attributions, batches, clock.Elapsed, errors);
    }

    private Document Analyze(QueuedArticle queued)
    {
        var doc = new Document(queued.Article.Id, queued.Article.Text);
        foreach (var (key, value) in queued.Article.Meta)
        {
            doc.Meta[key] = value;
        }

        _pipeline.Process(doc);
        return doc;
    }
}
