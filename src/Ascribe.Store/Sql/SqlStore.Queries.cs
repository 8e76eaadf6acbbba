using System.Data.Common;
using System.Globalization;
using System.Text;
using Ascribe.Core.Errors;
using Ascribe.Store.Queries;

namespace Ascribe.Store.Sql;

internal sealed partial class SqlStore
{
    private static readonly string[] Kinds = { "direct", "indirect", "mixed", "according" };

    private const string HitColumns = """
        a.id, d.id, d.ext_id, d.title, d.outlet, d.published, d.url,
        COALESCE(s.name, a.speaker_name), a.source_text, a.cue_text, a.content, a.kind, a.stance, d.duplicate_of
        """;

    private const string HitFrom = """
        FROM attributions a
        JOIN documents d ON d.id = a.document_id
        LEFT JOIN speakers s ON s.id = a.speaker_id
        """;

    public IReadOnlyList<QuoteHit> Search(SearchQuery query) => Guard<IReadOnlyList<QuoteHit>>(() =>
    {
        using var connection = _dialect.Open();
        using var cmd = connection.CreateCommand();
        var where = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            string q = _dialect.FullTextQuery(query.Text);
            if (q.Length == 0)
            {
                return Array.Empty<QuoteHit>();
            }

            where.Add(_dialect.FullTextMatch);
            Db.Add(cmd, "@q", q);
        }

        if (!string.IsNullOrWhiteSpace(query.Speaker))
        {
            var ids = FindSpeakers(connection, query.Speaker);
            if (ids.Count == 0)
            {
                return Array.Empty<QuoteHit>();
            }

            where.Add("a.speaker_id IN (" + string.Join(", ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + ")");
        }

        if (!string.IsNullOrWhiteSpace(query.Outlet))
        {
            where.Add("LOWER(d.outlet) = @outlet");
            Db.Add(cmd, "@outlet", query.Outlet.Trim().ToLowerInvariant());
        }

        if (!string.IsNullOrWhiteSpace(query.Since))
        {
            where.Add("d.published >= @since");
            Db.Add(cmd, "@since", query.Since.Trim());
        }

        if (!string.IsNullOrWhiteSpace(query.Until))
        {
            // A date bound includes the whole day: "2024-03-05" < "2024-03-05T10:00:00Z" < "2024-03-05~".
            where.Add("d.published <= @until");
            Db.Add(cmd, "@until", query.Until.Trim() + "~");
        }

        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            string type = query.Type.Trim().ToLowerInvariant();
            where.Add(Kinds.Contains(type) ? "a.kind = @type" : "a.speaker_type = @type");
            Db.Add(cmd, "@type", type);
        }

        cmd.CommandText = $"SELECT {HitColumns} {HitFrom} {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)} ORDER BY d.published DESC, a.id LIMIT @limit";
        Db.Add(cmd, "@limit", Math.Max(1, query.Limit));
        return ReadHits(cmd);
    });

    public SpeakerProfile? Speaker(string name, int recent = 10) => Guard<SpeakerProfile?>(() =>
    {
        using var connection = _dialect.Open();
        var ids = FindSpeakers(connection, name);
        if (ids.Count == 0)
        {
            return null;
        }

        long id = ids[0];
        string speakerName = string.Empty, type = string.Empty;
        using (var cmd = Db.Command(connection, null, "SELECT name, type FROM speakers WHERE id = @id"))
        {
            Db.Add(cmd, "@id", id);
            using var r = cmd.ExecuteReader();
            r.Read();
            speakerName = r.GetString(0);
            type = r.GetString(1);
        }

        var aliases = Strings(connection, "SELECT alias FROM speaker_aliases WHERE speaker_id = @id ORDER BY alias", id);
        long quotes = Db.Scalar(connection, null, "SELECT COUNT(*) FROM attributions WHERE speaker_id = @id", ("@id", id));
        long documents = Db.Scalar(connection, null, "SELECT COUNT(DISTINCT document_id) FROM attributions WHERE speaker_id = @id", ("@id", id));
        string? first = null, last = null;
        using (var cmd = Db.Command(connection, null, "SELECT MIN(d.published), MAX(d.published) FROM attributions a JOIN documents d ON d.id = a.document_id WHERE a.speaker_id = @id"))
        {
            Db.Add(cmd, "@id", id);
            using var r = cmd.ExecuteReader();
            if (r.Read())
            {
                first = Db.Str(r, 0);
                last = Db.Str(r, 1);
            }
        }

        var outlets = Groups(connection, "SELECT COALESCE(d.outlet, '(unknown)'), COUNT(*) FROM attributions a JOIN documents d ON d.id = a.document_id WHERE a.speaker_id = @id GROUP BY COALESCE(d.outlet, '(unknown)') ORDER BY COUNT(*) DESC, 1", id);
        var timeline = Groups(connection, "SELECT COALESCE(SUBSTR(d.published, 1, 7), '(undated)'), COUNT(*) FROM attributions a JOIN documents d ON d.id = a.document_id WHERE a.speaker_id = @id GROUP BY COALESCE(SUBSTR(d.published, 1, 7), '(undated)') ORDER BY 1", id);
        var stances = Groups(connection, "SELECT COALESCE(a.stance, '(none)'), COUNT(*) FROM attributions a WHERE a.speaker_id = @id GROUP BY COALESCE(a.stance, '(none)') ORDER BY COUNT(*) DESC, 1", id);
        using var recentCmd = Db.Command(connection, null, $"SELECT {HitColumns} {HitFrom} WHERE a.speaker_id = @id ORDER BY d.published DESC, a.id LIMIT @n");
        Db.Add(recentCmd, "@id", id);
        Db.Add(recentCmd, "@n", Math.Max(1, recent));
        return new SpeakerProfile(id, speakerName, type, aliases, quotes, documents, first, last, outlets, timeline, stances, ReadHits(recentCmd));
    });

    public IReadOnlyList<TrackedQuote> Tracked(int minDocuments = 2, int limit = 20) => Guard<IReadOnlyList<TrackedQuote>>(() =>
    {
        using var connection = _dialect.Open();
        var groups = new List<(long Id, string Text, long Docs, long Outlets)>();
        using (var cmd = Db.Command(connection, null, """
            SELECT q.tracked_id, t.text, COUNT(DISTINCT a.document_id), COUNT(DISTINCT COALESCE(d.outlet, d.ext_id))
            FROM attributions a
            JOIN quotes q ON q.id = a.quote_id
            JOIN quotes t ON t.id = q.tracked_id
            JOIN documents d ON d.id = a.document_id
            GROUP BY q.tracked_id, t.text
            HAVING COUNT(DISTINCT a.document_id) >= @min
            ORDER BY COUNT(DISTINCT a.document_id) DESC, q.tracked_id
            LIMIT @limit
            """))
        {
            Db.Add(cmd, "@min", Math.Max(2, minDocuments));
            Db.Add(cmd, "@limit", Math.Max(1, limit));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                groups.Add((Db.Long(r, 0), r.GetString(1), Db.Long(r, 2), Db.Long(r, 3)));
            }
        }

        var result = new List<TrackedQuote>(groups.Count);
        foreach (var g in groups)
        {
            // Undated articles sort last; among equal dates the one stored first counts as first.
            using var cmd = Db.Command(connection, null, $"""
                SELECT {HitColumns} {HitFrom}
                JOIN quotes q ON q.id = a.quote_id
                WHERE q.tracked_id = @id
                ORDER BY CASE WHEN d.published IS NULL THEN 1 ELSE 0 END, d.published, d.id, a.id
                """);
            Db.Add(cmd, "@id", g.Id);
            result.Add(new TrackedQuote(g.Id, g.Text, g.Docs, g.Outlets, ReadHits(cmd)));
        }

        return result;
    });

    /// <summary>
    /// Speaker ids for a name: "#12" is an id; otherwise the speaker whose alias has the name's key,
    /// else speakers whose surname or name contains it.
    /// </summary>
    private List<long> FindSpeakers(DbConnection connection, string name)
    {
        name = name.Trim();
        if (name.StartsWith('#') && long.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out long byId))
        {
            long root = Db.Scalar(connection, null, "SELECT COALESCE(merged_into, id) FROM speakers WHERE id = @id", ("@id", byId));
            return root == 0 ? new List<long>() : new List<long> { root };
        }

        string? key = _nameKey.Key(name);
        if (key is null)
        {
            return new List<long>();
        }

        long exact = Db.Scalar(connection, null, "SELECT speaker_id FROM speaker_aliases WHERE alias_key = @k", ("@k", key));
        if (exact != 0)
        {
            return new List<long> { exact };
        }

        var ids = new List<long>();
        using var cmd = Db.Command(connection, null, """
            SELECT r.id FROM speakers r
            WHERE r.merged_into IS NULL AND r.id IN (
              SELECT COALESCE(s.merged_into, s.id) FROM speakers s WHERE s.surname_key = @k OR s.name_key LIKE @like)
            ORDER BY (SELECT COUNT(*) FROM attributions a WHERE a.speaker_id = r.id) DESC, r.id
            LIMIT 20
            """);
        Db.Add(cmd, "@k", key);
        Db.Add(cmd, "@like", "%" + key + "%");
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            ids.Add(Db.Long(r, 0));
        }

        return ids;
    }

    private static List<QuoteHit> ReadHits(DbCommand cmd)
    {
        var hits = new List<QuoteHit>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            hits.Add(new QuoteHit(
                Db.Long(r, 0), Db.Long(r, 1), r.GetString(2), Db.Str(r, 3), Db.Str(r, 4), Db.Str(r, 5), Db.Str(r, 6),
                Db.Str(r, 7), Db.Str(r, 8), Db.Str(r, 9), r.GetString(10), r.GetString(11), Db.Str(r, 12), Db.LongOrNull(r, 13)));
        }

        return hits;
    }

    private static List<string> Strings(DbConnection connection, string sql, long id)
    {
        using var cmd = Db.Command(connection, null, sql);
        Db.Add(cmd, "@id", id);
        var list = new List<string>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(r.GetString(0));
        }

        return list;
    }

    private static List<(string Key, long Count)> Groups(DbConnection connection, string sql, long id)
    {
        using var cmd = Db.Command(connection, null, sql);
        Db.Add(cmd, "@id", id);
        var list = new List<(string, long)>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add((r.GetString(0), Db.Long(r, 1)));
        }

        return list;
    }
}
