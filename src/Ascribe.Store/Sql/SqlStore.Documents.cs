using System.Data.Common;
using System.Text.Json;
using Ascribe.Core.Documents;
using Ascribe.Store.Queries;

namespace Ascribe.Store.Sql;

internal sealed partial class SqlStore
{
    public IReadOnlyList<DocumentSummary> Documents(int offset, int limit) => Guard<IReadOnlyList<DocumentSummary>>(() =>
    {
        using var connection = _dialect.Open();
        using var cmd = Db.Command(connection, null, """
            SELECT id, ext_id, title, outlet, published, url, attribution_count, duplicate_of
            FROM documents ORDER BY published DESC, id DESC LIMIT @limit OFFSET @offset
            """);
        Db.Add(cmd, "@limit", Math.Max(1, limit), System.Data.DbType.Int32);
        Db.Add(cmd, "@offset", Math.Max(0, offset), System.Data.DbType.Int32);
        var list = new List<DocumentSummary>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(new DocumentSummary(Db.Long(r, 0), r.GetString(1), Db.Str(r, 2), Db.Str(r, 3), Db.Str(r, 4), Db.Str(r, 5), Db.Long(r, 6), Db.LongOrNull(r, 7)));
        }

        return list;
    });

    public StoredDocument? Document(long id) => Guard<StoredDocument?>(() =>
    {
        using var connection = _dialect.Open();
        Document doc;
        string extId;
        long? duplicateOf;
        using (var cmd = Db.Command(connection, null, "SELECT ext_id, text, title, url, outlet, author, published, duplicate_of FROM documents WHERE id = @id"))
        {
            Db.Add(cmd, "@id", id, System.Data.DbType.Int64);
            using var r = cmd.ExecuteReader();
            if (!r.Read())
            {
                return null;
            }

            extId = r.GetString(0);
            doc = new Document(extId, r.GetString(1));
            string[] keys = { "title", "url", "outlet", "author", "published" };
            for (int i = 0; i < keys.Length; i++)
            {
                if (Db.Str(r, i + 2) is { Length: > 0 } value)
                {
                    doc.Meta[keys[i]] = value;
                }
            }

            duplicateOf = Db.LongOrNull(r, 7);
        }

        ReadEntities(connection, id, doc);
        var speakerIds = ReadAttributions(connection, id, doc);
        ReadFlags(connection, id, doc);
        return new StoredDocument(id, extId, duplicateOf, doc, speakerIds);
    });

    private static void ReadEntities(DbConnection connection, long id, Document doc)
    {
        using var cmd = Db.Command(connection, null, "SELECT local_id, name, type, aliases, description FROM entities WHERE document_id = @id ORDER BY local_id");
        Db.Add(cmd, "@id", id, System.Data.DbType.Int64);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var entity = new Entity(r.GetString(0), r.GetString(1)) { Type = ParseType(r.GetString(2)) };
            entity.Aliases.AddRange(JsonSerializer.Deserialize<List<string>>(r.GetString(3)) ?? new List<string>());
            if (Db.Str(r, 4) is { Length: > 0 } description)
            {
                entity.Description.AddRange(description.Split("; ", StringSplitOptions.RemoveEmptyEntries));
            }

            doc.Entities.Add(entity);
        }
    }

    private static List<long?> ReadAttributions(DbConnection connection, long id, Document doc)
    {
        using var cmd = Db.Command(connection, null, """
            SELECT kind, source_start, source_end, cue_start, cue_end, fragments, speaker_local, cites, venue, stance, hedged, confidence, origin, speaker_id
            FROM attributions WHERE document_id = @id ORDER BY ordinal
            """);
        Db.Add(cmd, "@id", id, System.Data.DbType.Int64);
        var speakerIds = new List<long?>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var a = new Attribution
            {
                Kind = r.GetString(0) switch
                {
                    "direct" => AttributionKind.Direct,
                    "indirect" => AttributionKind.Indirect,
                    "mixed" => AttributionKind.Mixed,
                    "according-to" or "according" => AttributionKind.According,
                    _ => AttributionKind.Indirect,
                },
                Source = Span(r, 1),
                Cue = Span(r, 3),
                Speaker = Db.Str(r, 6),
                Venue = Db.Str(r, 8),
                Stance = Db.Str(r, 9),
                Hedged = Db.Long(r, 10) != 0,
                Confidence = r.IsDBNull(11) ? 1.0 : Convert.ToDouble(r.GetValue(11), System.Globalization.CultureInfo.InvariantCulture),
                Origin = Db.Str(r, 12),
            };
            foreach (var pair in JsonSerializer.Deserialize<int[][]>(r.GetString(5)) ?? Array.Empty<int[]>())
            {
                a.Content.Add(new TextSpan(pair[0], pair[1]));
            }

            if (Db.Str(r, 7) is { Length: > 0 } cites)
            {
                a.Cites.AddRange(JsonSerializer.Deserialize<List<string>>(cites) ?? new List<string>());
            }

            doc.Attributions.Add(a);
            speakerIds.Add(Db.LongOrNull(r, 13));
        }

        return speakerIds;
    }

    private static void ReadFlags(DbConnection connection, long id, Document doc)
    {
        using var cmd = Db.Command(connection, null, "SELECT code, start_offset, end_offset, message FROM flags WHERE document_id = @id ORDER BY ordinal");
        Db.Add(cmd, "@id", id, System.Data.DbType.Int64);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            doc.Flags.Add(new Flag(r.GetString(0), (int)Db.Long(r, 1), (int)Db.Long(r, 2), r.GetString(3)));
        }
    }

    private static TextSpan? Span(DbDataReader r, int start) =>
        r.IsDBNull(start) || r.IsDBNull(start + 1) ? null : new TextSpan((int)Db.Long(r, start), (int)Db.Long(r, start + 1));

    private static SourceType ParseType(string type) => type switch
    {
        "person" => SourceType.Person,
        "organization" => SourceType.Organization,
        "government" => SourceType.Government,
        "media" => SourceType.Media,
        "anonymous" => SourceType.Anonymous,
        "document" => SourceType.Document,
        "country" => SourceType.Country,
        _ => SourceType.Unknown,
    };
}
