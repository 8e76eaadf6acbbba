using System.Data.Common;
using System.Globalization;

namespace Ascribe.Store.Sql;

/// <summary>
/// Versioned schema changes. Each migration runs once, in its own transaction, and is recorded in
/// <c>schema_migrations</c>; a migration is never edited once shipped, only followed by a new one.
/// The same statements run on SQLite and PostgreSQL, except where <see cref="SqlDialect"/> differs.
/// </summary>
internal static class Migrations
{
    public sealed record Migration(int Version, string Name, Func<SqlDialect, IEnumerable<string>> Statements);

    /// <summary>Every table, children first (for dropping).</summary>
    public static readonly string[] Tables =
    {
        "flags", "entities", "attributions", "quotes", "speaker_edits", "speaker_aliases", "speakers", "documents", "queue", "schema_migrations",
    };

    public static readonly Migration[] All =
    {
        new(1, "initial schema", Initial),
    };

    public static int Latest => All[^1].Version;

    private static IEnumerable<string> Initial(SqlDialect d)
    {
        string id = d.IdColumn;
        yield return $"""
            CREATE TABLE queue (
              id {id},
              article_key TEXT NOT NULL UNIQUE,
              ext_id TEXT NOT NULL,
              origin TEXT NOT NULL,
              payload TEXT,
              status TEXT NOT NULL DEFAULT 'pending',
              worker TEXT,
              attempts INTEGER NOT NULL DEFAULT 0,
              error TEXT,
              enqueued_at TEXT NOT NULL,
              done_at TEXT,
              document_id BIGINT)
            """;
        yield return "CREATE INDEX ix_queue_status ON queue (status, id)";
        yield return $"""
            CREATE TABLE documents (
              id {id},
              article_key TEXT NOT NULL UNIQUE,
              text_hash TEXT NOT NULL,
              ext_id TEXT NOT NULL,
              origin TEXT,
              url TEXT,
              title TEXT,
              outlet TEXT,
              author TEXT,
              published TEXT,
              text TEXT NOT NULL,
              word_count INTEGER NOT NULL,
              simhash BIGINT NOT NULL,
              band0 INTEGER NOT NULL, band1 INTEGER NOT NULL, band2 INTEGER NOT NULL, band3 INTEGER NOT NULL, band4 INTEGER NOT NULL, band5 INTEGER NOT NULL, band6 INTEGER NOT NULL,
              duplicate_of BIGINT REFERENCES documents(id),
              duplicate_distance INTEGER,
              attribution_count INTEGER NOT NULL,
              worker TEXT,
              ingested_at TEXT NOT NULL)
            """;
        for (int b = 0; b < Dedup.SimHash.Bands; b++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"CREATE INDEX ix_documents_band{b} ON documents (band{b})");
        }

        yield return "CREATE INDEX ix_documents_outlet ON documents (outlet)";
        yield return "CREATE INDEX ix_documents_published ON documents (published)";
        yield return "CREATE INDEX ix_documents_duplicate ON documents (duplicate_of)";
        yield return $"""
            CREATE TABLE speakers (
              id {id},
              name TEXT NOT NULL,
              name_key TEXT NOT NULL,
              surname_key TEXT,
              type TEXT NOT NULL,
              merged_into BIGINT REFERENCES speakers(id),
              created_at TEXT NOT NULL)
            """;
        yield return "CREATE INDEX ix_speakers_surname ON speakers (surname_key)";
        yield return """
            CREATE TABLE speaker_aliases (
              alias_key TEXT PRIMARY KEY,
              speaker_id BIGINT NOT NULL REFERENCES speakers(id),
              alias TEXT NOT NULL,
              manual INTEGER NOT NULL DEFAULT 0)
            """;
        yield return "CREATE INDEX ix_speaker_aliases_speaker ON speaker_aliases (speaker_id)";
        yield return $"""
            CREATE TABLE speaker_edits (
              id {id},
              action TEXT NOT NULL,
              speaker_id BIGINT NOT NULL,
              other_id BIGINT,
              alias TEXT,
              at TEXT NOT NULL)
            """;
        yield return $"""
            CREATE TABLE quotes (
              id {id},
              quote_key TEXT NOT NULL UNIQUE,
              text TEXT NOT NULL,
              word_count INTEGER NOT NULL,
              simhash BIGINT NOT NULL,
              band0 INTEGER NOT NULL, band1 INTEGER NOT NULL, band2 INTEGER NOT NULL, band3 INTEGER NOT NULL, band4 INTEGER NOT NULL, band5 INTEGER NOT NULL, band6 INTEGER NOT NULL,
              tracked_id BIGINT)
            """;
        for (int b = 0; b < Dedup.SimHash.Bands; b++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"CREATE INDEX ix_quotes_band{b} ON quotes (band{b})");
        }

        yield return "CREATE INDEX ix_quotes_tracked ON quotes (tracked_id)";
        yield return $"""
            CREATE TABLE attributions (
              id {id},
              document_id BIGINT NOT NULL REFERENCES documents(id),
              ordinal INTEGER NOT NULL,
              kind TEXT NOT NULL,
              source_text TEXT, source_start INTEGER, source_end INTEGER,
              cue_text TEXT, cue_start INTEGER, cue_end INTEGER,
              content TEXT NOT NULL, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
              fragments TEXT NOT NULL,
              speaker_local TEXT,
              speaker_name TEXT,
              speaker_key TEXT,
              speaker_type TEXT,
              speaker_id BIGINT REFERENCES speakers(id),
              cites TEXT,
              venue TEXT,
              stance TEXT,
              hedged INTEGER NOT NULL,
              confidence DOUBLE PRECISION NOT NULL,
              origin TEXT,
              quote_id BIGINT REFERENCES quotes(id),
              UNIQUE (document_id, ordinal))
            """;
        yield return "CREATE INDEX ix_attributions_speaker ON attributions (speaker_id)";
        yield return "CREATE INDEX ix_attributions_quote ON attributions (quote_id)";
        foreach (var statement in d.CreateFullText())
        {
            yield return statement;
        }

        yield return """
            CREATE TABLE entities (
              document_id BIGINT NOT NULL REFERENCES documents(id),
              local_id TEXT NOT NULL,
              name TEXT NOT NULL,
              type TEXT NOT NULL,
              aliases TEXT NOT NULL,
              description TEXT,
              mentions INTEGER NOT NULL,
              speaker_id BIGINT REFERENCES speakers(id),
              PRIMARY KEY (document_id, local_id))
            """;
        yield return "CREATE INDEX ix_entities_speaker ON entities (speaker_id)";
        yield return """
            CREATE TABLE flags (
              document_id BIGINT NOT NULL REFERENCES documents(id),
              ordinal INTEGER NOT NULL,
              code TEXT NOT NULL,
              start_offset INTEGER NOT NULL,
              end_offset INTEGER NOT NULL,
              message TEXT NOT NULL,
              PRIMARY KEY (document_id, ordinal))
            """;
    }

    /// <summary>Applies every migration newer than the database's version; safe to run from several processes at once.</summary>
    public static int Apply(SqlDialect dialect, DbConnection connection)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
            try
            {
                create.ExecuteNonQuery();
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState is "23505" or "42P07")
            {
                // Two processes created the table at the same moment; the other one won.
            }
        }

        int applied = 0;
        foreach (var migration in All)
        {
            using var tx = dialect.BeginWrite(connection);
            dialect.LockForMigration(connection, tx);
            using (var check = connection.CreateCommand())
            {
                check.Transaction = tx;
                check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = @v";
                Db.Add(check, "@v", migration.Version);
                if (Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
                {
                    tx.Commit();
                    continue;
                }
            }

            foreach (var statement in migration.Statements(dialect))
            {
                using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = statement;
                cmd.ExecuteNonQuery();
            }

            using (var record = connection.CreateCommand())
            {
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)";
                Db.Add(record, "@v", migration.Version);
                Db.Add(record, "@n", migration.Name);
                Db.Add(record, "@t", Db.Now());
                record.ExecuteNonQuery();
            }

            tx.Commit();
            applied++;
        }

        return applied;
    }
}
