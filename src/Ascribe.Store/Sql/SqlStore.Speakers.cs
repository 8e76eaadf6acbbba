using System.Data.Common;
using System.Globalization;
using Ascribe.Core.Errors;
using Ascribe.Store.Names;
using Ascribe.Store.Queries;

namespace Ascribe.Store.Sql;

internal sealed partial class SqlStore
{
    public IReadOnlyList<SpeakerSummary> Speakers(string? filter, int limit) => Guard<IReadOnlyList<SpeakerSummary>>(() =>
    {
        using var connection = _dialect.Open();
        var ids = new List<long>();
        if (!string.IsNullOrWhiteSpace(filter))
        {
            ids = FindSpeakers(connection, filter);
        }
        else
        {
            using var cmd = Db.Command(connection, null, """
                SELECT s.id FROM speakers s
                WHERE s.merged_into IS NULL
                ORDER BY (SELECT COUNT(*) FROM attributions a WHERE a.speaker_id = s.id) DESC, s.id
                LIMIT @n
                """);
            Db.Add(cmd, "@n", Math.Max(1, limit));
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                ids.Add(Db.Long(r, 0));
            }
        }

        return ids.Take(Math.Max(1, limit)).Select(id => Summary(connection, null, id)).ToList();
    });

    public SpeakerSummary Merge(string into, string from) => Guard(() =>
    {
        using var connection = _dialect.Open();
        long target = Single(connection, into);
        long source = Single(connection, from);
        if (target == source)
        {
            ThrowHelper.Throw(ErrorCodes.Store, $"'{into}' and '{from}' are already one speaker (#{target})");
        }

        using var tx = _dialect.BeginWrite(connection);
        _dialect.LockSharedTables(connection, tx);
        MergeInto(connection, tx, target, source);
        // Aliases moved by hand stay put when later articles arrive.
        using (var manual = Db.Command(connection, tx, "UPDATE speaker_aliases SET manual = 1 WHERE speaker_id = @id"))
        {
            Db.Add(manual, "@id", target);
            manual.ExecuteNonQuery();
        }

        Log(connection, tx, "merge", target, source, null);
        tx.Commit();
        return Summary(connection, null, target);
    });

    public SpeakerSummary Split(string alias) => Guard(() =>
    {
        using var connection = _dialect.Open();
        string? key = _nameKey.Key(alias);
        long owner = key is null ? 0 : Db.Scalar(connection, null, "SELECT speaker_id FROM speaker_aliases WHERE alias_key = @k", ("@k", key));
        if (owner == 0)
        {
            ThrowHelper.Throw(ErrorCodes.Store, $"no speaker has the name '{alias}'");
        }

        if (Db.Scalar(connection, null, "SELECT COUNT(*) FROM speaker_aliases WHERE speaker_id = @id", ("@id", owner)) < 2)
        {
            ThrowHelper.Throw(ErrorCodes.Store, $"'{alias}' is the only name of speaker #{owner}; nothing to split");
        }

        using var tx = _dialect.BeginWrite(connection);
        _dialect.LockSharedTables(connection, tx);
        long created;
        using (var cmd = Db.Command(connection, tx, "INSERT INTO speakers (name, name_key, surname_key, type, created_at) SELECT @n, @k, @s, type, @t FROM speakers WHERE id = @owner RETURNING id"))
        {
            Db.Add(cmd, "@n", alias.Trim());
            Db.Add(cmd, "@k", key);
            Db.Add(cmd, "@s", TransliteratedNameKey.Surname(key));
            Db.Add(cmd, "@t", Db.Now());
            Db.Add(cmd, "@owner", owner);
            created = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        foreach (var sql in new[]
        {
            "UPDATE speaker_aliases SET speaker_id = @new, manual = 1 WHERE alias_key = @k",
            "UPDATE attributions SET speaker_id = @new WHERE speaker_id = @old AND speaker_key = @k",
            "UPDATE speakers SET merged_into = @new WHERE merged_into = @old AND name_key = @k",
        })
        {
            using var cmd = Db.Command(connection, tx, sql);
            Db.Add(cmd, "@new", created);
            Db.Add(cmd, "@old", owner);
            Db.Add(cmd, "@k", key);
            cmd.ExecuteNonQuery();
        }

        // Entities are matched by their name's key, computed here as at ingest.
        var entities = new List<(long Doc, string Local)>();
        using (var cmd = Db.Command(connection, tx, "SELECT document_id, local_id, name FROM entities WHERE speaker_id = @old"))
        {
            Db.Add(cmd, "@old", owner);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (_nameKey.Key(r.GetString(2)) == key)
                {
                    entities.Add((Db.Long(r, 0), r.GetString(1)));
                }
            }
        }

        foreach (var (doc, local) in entities)
        {
            using var cmd = Db.Command(connection, tx, "UPDATE entities SET speaker_id = @new WHERE document_id = @d AND local_id = @l");
            Db.Add(cmd, "@new", created);
            Db.Add(cmd, "@d", doc);
            Db.Add(cmd, "@l", local);
            cmd.ExecuteNonQuery();
            using var attrs = Db.Command(connection, tx, "UPDATE attributions SET speaker_id = @new WHERE document_id = @d AND speaker_local = @l");
            Db.Add(attrs, "@new", created);
            Db.Add(attrs, "@d", doc);
            Db.Add(attrs, "@l", local);
            attrs.ExecuteNonQuery();
        }

        Log(connection, tx, "split", owner, created, alias);
        tx.Commit();
        return Summary(connection, null, created);
    });

    private long Single(DbConnection connection, string name)
    {
        var ids = FindSpeakers(connection, name);
        if (ids.Count == 0)
        {
            ThrowHelper.Throw(ErrorCodes.Store, $"no speaker matches '{name}'");
        }

        if (ids.Count > 1)
        {
            ThrowHelper.Throw(ErrorCodes.Store, $"'{name}' matches {ids.Count} speakers ({string.Join(", ", ids.Select(i => "#" + i.ToString(CultureInfo.InvariantCulture)))}); use #ID");
        }

        return ids[0];
    }

    private static SpeakerSummary Summary(DbConnection connection, DbTransaction? tx, long id)
    {
        string name = string.Empty, type = string.Empty;
        using (var cmd = Db.Command(connection, tx, "SELECT name, type FROM speakers WHERE id = @id"))
        {
            Db.Add(cmd, "@id", id);
            using var r = cmd.ExecuteReader();
            if (r.Read())
            {
                name = r.GetString(0);
                type = r.GetString(1);
            }
        }

        var aliases = Strings(connection, "SELECT alias FROM speaker_aliases WHERE speaker_id = @id ORDER BY alias", id);
        var merged = Strings(connection, "SELECT CAST(id AS TEXT) FROM speakers WHERE merged_into = @id ORDER BY id", id)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
        long quotes = Db.Scalar(connection, tx, "SELECT COUNT(*) FROM attributions WHERE speaker_id = @id", ("@id", id));
        long documents = Db.Scalar(connection, tx, "SELECT COUNT(DISTINCT document_id) FROM attributions WHERE speaker_id = @id", ("@id", id));
        return new SpeakerSummary(id, name, type, aliases, quotes, documents, merged);
    }

    private static void Log(DbConnection connection, DbTransaction tx, string action, long speaker, long other, string? alias)
    {
        using var cmd = Db.Command(connection, tx, "INSERT INTO speaker_edits (action, speaker_id, other_id, alias, at) VALUES (@a, @s, @o, @al, @t)");
        Db.Add(cmd, "@a", action);
        Db.Add(cmd, "@s", speaker);
        Db.Add(cmd, "@o", other);
        Db.Add(cmd, "@al", alias);
        Db.Add(cmd, "@t", Db.Now());
        cmd.ExecuteNonQuery();
    }
}
