using System.Data.Common;

namespace Ascribe.Store.Sql;

/// <summary>
/// The few places where SQLite and PostgreSQL differ. Everything else — schema, upserts
/// (<c>INSERT ... ON CONFLICT DO NOTHING</c>), <c>RETURNING</c>, queries — is one SQL text run on both.
/// </summary>
internal abstract class SqlDialect
{
    public abstract StoreKind Kind { get; }

    /// <summary>Column type of an auto-numbered primary key.</summary>
    public abstract string IdColumn { get; }

    public abstract DbConnection Open();

    /// <summary>Begins a write transaction that holds the write lock from its first statement.</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Serializes migrations between processes inside <paramref name="tx"/>.</summary>
    public abstract void LockForMigration(DbConnection connection, DbTransaction tx);

    /// <summary>
    /// Serializes, inside <paramref name="tx"/>, writes to the tables that articles share
    /// (speakers, their aliases, tracked quotes) between processes. Two ingest workers that
    /// insert the same names and quotes in different orders would otherwise deadlock, or each
    /// create the speaker the other has not committed yet.
    /// </summary>
    public abstract void LockSharedTables(DbConnection connection, DbTransaction tx);

    /// <summary>Appended to the queue claim so two workers never take the same row.</summary>
    public abstract string ClaimLockSuffix { get; }

    /// <summary>Statements that add full-text search over <c>attributions.content</c>.</summary>
    public abstract IEnumerable<string> CreateFullText();

    /// <summary>Statement run after inserting attribution <c>@id</c> with content <c>@content</c>, or null.</summary>
    public abstract string? IndexFullText { get; }

    /// <summary>Predicate on attributions <c>a</c> matching the search parameter <c>@q</c>.</summary>
    public abstract string FullTextMatch { get; }

    /// <summary>Rewrites what a person typed into the engine's query syntax (every word must occur).</summary>
    public abstract string FullTextQuery(string text);

    /// <summary>Statements that drop every table (used by tests and <c>--reset</c>).</summary>
    public abstract IEnumerable<string> DropAll(IEnumerable<string> tables);
}
