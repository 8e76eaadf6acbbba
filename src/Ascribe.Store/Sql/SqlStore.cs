using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Ascribe.Core.Errors;
using Ascribe.Store.Ingest;
using Ascribe.Store.Names;
using Ascribe.Store.Queries;

namespace Ascribe.Store.Sql;

/// <summary>The one <see cref="IDocumentStore"/> implementation: plain ADO.NET over a <see cref="SqlDialect"/>.</summary>
internal sealed partial class SqlStore : IDocumentStore
{
    private readonly SqlDialect _dialect;
    private readonly INameKey _nameKey;

    public SqlStore(SqlDialect dialect, INameKey nameKey)
    {
        _dialect = dialect;
        _nameKey = nameKey;
    }

    public StoreKind Kind => _dialect.Kind;

    public void Migrate() => Guard(() =>
    {
        using var connection = _dialect.Open();
        return Migrations.Apply(_dialect, connection);
    });

    public EnqueueResult Enqueue(IEnumerable<IncomingArticle> articles, int batchSize = 500) => Guard(() =>
    {
        using var connection = _dialect.Open();
        int added = 0, known = 0;
        foreach (var chunk in articles.Chunk(Math.Max(1, batchSize)))
        {
            using var tx = _dialect.BeginWrite(connection);
            using var exists = Db.Command(connection, tx, "SELECT COUNT(*) FROM documents WHERE article_key = @k");
            var existsKey = Db.Add(exists, "@k", string.Empty);
            using var insert = Db.Command(connection, tx, """
                INSERT INTO queue (article_key, ext_id, origin, payload, enqueued_at)
                VALUES (@k, @id, @origin, @payload, @t)
                ON CONFLICT (article_key) DO NOTHING
                """);
            var key = Db.Add(insert, "@k", string.Empty);
            var id = Db.Add(insert, "@id", string.Empty);
            var origin = Db.Add(insert, "@origin", string.Empty);
            var payload = Db.Add(insert, "@payload", string.Empty);
            Db.Add(insert, "@t", Db.Now());
            foreach (var article in chunk)
            {
                string articleKey = Dedup.TextFingerprint.ArticleKey(article.Text, article.Meta.GetValueOrDefault("outlet"));
                existsKey.Value = articleKey;
                if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
                {
                    known++;
                    continue;
                }

                key.Value = articleKey;
                id.Value = article.Id;
                origin.Value = article.Origin;
                payload.Value = Payload(article);
                if (insert.ExecuteNonQuery() > 0)
                {
                    added++;
                }
                else
                {
                    known++;
                }
            }

            tx.Commit();
        }

        return new EnqueueResult(added, known);
    });

    public long PendingCount() => Guard(() =>
    {
        using var connection = _dialect.Open();
        return Db.Scalar(connection, null, "SELECT COUNT(*) FROM queue WHERE status = 'pending'");
    });

    public StoreCounts Counts() => Guard(() =>
    {
        using var connection = _dialect.Open();
        long Count(string sql) => Db.Scalar(connection, null, sql);
        return new StoreCounts(
            Count("SELECT COUNT(*) FROM documents"),
            Count("SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL"),
            Count("SELECT COUNT(*) FROM attributions"),
            Count("SELECT COUNT(*) FROM speakers WHERE merged_into IS NULL"),
            Count("SELECT COUNT(*) FROM quotes"),
            Count("SELECT COUNT(*) FROM (SELECT q.tracked_id FROM attributions a JOIN quotes q ON q.id = a.quote_id GROUP BY q.tracked_id HAVING COUNT(DISTINCT a.document_id) > 1) t"),
            Count("SELECT COUNT(*) FROM queue WHERE status = 'pending'"),
            Count("SELECT COUNT(*) FROM queue WHERE status = 'done'"),
            Count("SELECT COUNT(*) FROM queue WHERE status = 'failed'"));
    });

    public void Dispose()
    {
        if (_dialect is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    /// <summary>Removes every table (tests and benchmarks start from an empty store).</summary>
    internal void DropAll()
    {
        using var connection = _dialect.Open();
        foreach (var statement in _dialect.DropAll(Migrations.Tables))
        {
            using var cmd = Db.Command(connection, null, statement);
            cmd.ExecuteNonQuery();
        }
    }

    private static string Payload(IncomingArticle article)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("text", article.Text);
            w.WriteStartObject("meta");
            foreach (var (k, v) in article.Meta)
            {
                w.WriteString(k, v);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static IncomingArticle ReadPayload(string extId, string origin, string payload)
    {
        using var json = JsonDocument.Parse(payload);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in json.RootElement.GetProperty("meta").EnumerateObject())
        {
            meta[p.Name] = p.Value.GetString() ?? string.Empty;
        }

        return new IncomingArticle(extId, origin, json.RootElement.GetProperty("text").GetString() ?? string.Empty, meta);
    }

    /// <summary>Turns database failures into ASC0008 errors with the engine's message.</summary>
    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DbException ex)
        {
            throw new AscribeException(ErrorCodes.Store, string.Format(CultureInfo.InvariantCulture, ErrorCodes.Message(ErrorCodes.Store), ex.Message), ex);
        }
    }
}
