using System.Data.Common;
using Ascribe.Store.Dedup;
using Microsoft.Data.Sqlite;

namespace Ascribe.Store.Sql;

/// <summary>Embedded SQLite file in WAL mode; full text through FTS5 (bundled in e_sqlite3).</summary>
internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;

    public SqliteDialect(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 600,
        }.ToString();
    }

    public override StoreKind Kind => StoreKind.Sqlite;

    public override string IdColumn => "INTEGER PRIMARY KEY";

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        // WAL lets readers run while one process writes; NORMAL sync in WAL mode still never
        // corrupts the database or loses a committed transaction on a process crash.
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=600000;";
        cmd.ExecuteNonQuery();
        return connection;
    }

    // Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE unless asked for deferred:
    // the write lock is taken at once, so the queue claim cannot race another process.
    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override void LockForMigration(DbConnection connection, DbTransaction tx)
    {
        // BEGIN IMMEDIATE already holds the only write lock.
    }

    public override void LockSharedTables(DbConnection connection, DbTransaction tx)
    {
        // BEGIN IMMEDIATE already holds the only write lock.
    }

    public override string ClaimLockSuffix => string.Empty;

    public override IEnumerable<string> CreateFullText()
    {
        yield return "CREATE VIRTUAL TABLE attribution_fts USING fts5(content, tokenize = 'porter unicode61 remove_diacritics 2')";
    }

    public override string? IndexFullText => "INSERT INTO attribution_fts(rowid, content) VALUES (@id, @content)";

    public override string FullTextMatch => "a.id IN (SELECT rowid FROM attribution_fts WHERE attribution_fts MATCH @q)";

    public override string FullTextQuery(string text) =>
        string.Join(' ', TextFingerprint.Words(text).Select(w => "\"" + w + "\""));

    public override IEnumerable<string> DropAll(IEnumerable<string> tables) =>
        tables.Append("attribution_fts").Select(t => $"DROP TABLE IF EXISTS {t}");
}
