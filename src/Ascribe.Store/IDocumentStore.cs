using Ascribe.Core.Documents;
using Ascribe.Store.Ingest;
using Ascribe.Store.Queries;

namespace Ascribe.Store;

/// <summary>
/// A corpus of analyzed articles in SQLite or PostgreSQL. Thread-safe: every call opens its own
/// pooled connection. Built by <see cref="StoreBuilder"/>, which also applies pending migrations.
/// </summary>
public interface IDocumentStore : IDisposable
{
    StoreKind Kind { get; }

    /// <summary>Adds articles to the work queue in transactions of <paramref name="batchSize"/>; an article already queued or stored (same outlet, same normalized text) is skipped.</summary>
    EnqueueResult Enqueue(IEnumerable<IncomingArticle> articles, int batchSize = 500);

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> pending articles, analyzes them with
    /// <paramref name="analyze"/> on <paramref name="parallelism"/> threads, stores the results and
    /// marks them done, all in one transaction: a crash at any point leaves them pending. Returns
    /// null when no pending article is left for this worker.
    /// </summary>
    BatchResult? ProcessNext(int batchSize, string worker, int parallelism, Func<QueuedArticle, Document> analyze);

    /// <summary>Pending articles in the queue.</summary>
    long PendingCount();

    StoreCounts Counts();

    IReadOnlyList<QuoteHit> Search(SearchQuery query);

    /// <summary>The profile of the speaker whose name or alias matches <paramref name="name"/>; null when none does.</summary>
    SpeakerProfile? Speaker(string name, int recent = 10);

    IReadOnlyList<TrackedQuote> Tracked(int minDocuments = 2, int limit = 20);

    IReadOnlyList<SpeakerSummary> Speakers(string? filter, int limit);

    /// <summary>Merges speaker <paramref name="from"/> into <paramref name="into"/> (names, aliases or #ids); returns the surviving speaker.</summary>
    SpeakerSummary Merge(string into, string from);

    /// <summary>Detaches <paramref name="alias"/> from its speaker into a new speaker, with the quotes attributed under that name.</summary>
    SpeakerSummary Split(string alias);

    /// <summary>Stored documents, newest publication first, skipping <paramref name="offset"/>.</summary>
    IReadOnlyList<DocumentSummary> Documents(int offset, int limit);

    /// <summary>The stored document with store id <paramref name="id"/>, rebuilt with its attributions, entities and flags; null when there is none.</summary>
    StoredDocument? Document(long id);
}
