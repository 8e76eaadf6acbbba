using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Ascribe.Core.Documents;
using Ascribe.Core.Errors;
using Ascribe.Core.Serialization;
using Ascribe.Store.Dedup;
using Ascribe.Store.Ingest;

namespace Ascribe.Store.Sql;

internal sealed partial class SqlStore
{
    /// <summary>
    /// Largest SimHash distance (bits of 64) at which two articles count as copies of one wire
    /// story. Chosen on PolNeAR (docs/store.md, bench/store-bench.sh): 96% of copies with a new
    /// headline or byline and 74% with the last paragraph dropped stay within 6 bits, while 99.6%
    /// of distinct articles are 7 or more bits from their nearest neighbour (median 19).
    /// </summary>
    public const int DocumentThreshold = SimHash.MaxBandedDistance;

    /// <summary>Largest SimHash distance at which two quotes count as one lightly edited quote (stricter: quotes are short).</summary>
    public const int QuoteThreshold = 4;

    public BatchResult? ProcessNext(int batchSize, string worker, int parallelism, Func<QueuedArticle, Document> analyze) => Guard(() =>
    {
        using var connection = _dialect.Open();
        using var tx = _dialect.BeginWrite(connection);
        var claimed = Claim(connection, tx, batchSize);
        if (claimed.Count == 0)
        {
            tx.Commit();
            return null;
        }

        // Analysis runs on several threads while this transaction holds the claimed rows; the
        // writes below are single-threaded on this one connection.
        var prepared = new PreparedArticle?[claimed.Count];
        var errors = new string?[claimed.Count];
        Parallel.For(0, claimed.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            try
            {
                var doc = analyze(claimed[i]);
                prepared[i] = PreparedArticle.Create(claimed[i], doc, _nameKey);
            }
            catch (AscribeException ex)
            {
                errors[i] = ex.Message;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Record-and-continue: one article that breaks a component must not hold the
                // whole batch in the queue forever. The error names the article.
                errors[i] = $"analysis failed: {ex.GetType().Name}: {ex.Message}";
            }
        });

        _dialect.LockSharedTables(connection, tx);
        var writer = new BatchWriter(this, connection, tx, worker);
        int stored = 0, duplicates = 0, failed = 0, attributions = 0;
        var messages = new List<string>();
        for (int i = 0; i < claimed.Count; i++)
        {
            if (prepared[i] is { } article)
            {
                var (documentId, duplicate) = writer.Write(article);
                writer.MarkDone(claimed[i].QueueId, documentId);
                stored++;
                attributions += article.Attributions.Count;
                duplicates += duplicate ? 1 : 0;
            }
            else
            {
                writer.MarkFailed(claimed[i].QueueId, errors[i] ?? "analysis failed");
                messages.Add($"{claimed[i].Article.Origin}: {errors[i]}");
                failed++;
            }
        }

        tx.Commit();
        return new BatchResult(claimed.Count, stored, duplicates, failed, attributions, messages);
    });

    private List<QueuedArticle> Claim(DbConnection connection, DbTransaction tx, int batchSize)
    {
        using var cmd = Db.Command(connection, tx,
            "SELECT id, article_key, ext_id, origin, payload FROM queue WHERE status = 'pending' ORDER BY id LIMIT @n" + _dialect.ClaimLockSuffix);
        Db.Add(cmd, "@n", Math.Max(1, batchSize));
        var claimed = new List<QueuedArticle>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            claimed.Add(new QueuedArticle(Db.Long(r, 0), r.GetString(1), ReadPayload(r.GetString(2), r.GetString(3), r.GetString(4))));
        }

        return claimed;
    }

    /// <summary>Writes prepared articles inside one transaction, reusing its commands.</summary>
    private sealed class BatchWriter
    {
        private readonly SqlStore _store;
        private readonly DbConnection _connection;
        private readonly DbTransaction _tx;
        private readonly string _worker;
        private readonly Dictionary<string, long?> _speakerCache = new(StringComparer.Ordinal);

        public BatchWriter(SqlStore store, DbConnection connection, DbTransaction tx, string worker)
        {
            _store = store;
            _connection = connection;
            _tx = tx;
            _worker = worker;
        }

        private DbCommand Cmd(string sql) => Db.Command(_connection, _tx, sql);

        public void MarkDone(long queueId, long documentId)
        {
            using var cmd = Cmd("UPDATE queue SET status = 'done', payload = NULL, worker = @w, attempts = attempts + 1, done_at = @t, document_id = @d WHERE id = @id");
            Db.Add(cmd, "@w", _worker);
            Db.Add(cmd, "@t", Db.Now());
            Db.Add(cmd, "@d", documentId);
            Db.Add(cmd, "@id", queueId);
            cmd.ExecuteNonQuery();
        }

        public void MarkFailed(long queueId, string error)
        {
            using var cmd = Cmd("UPDATE queue SET status = 'failed', worker = @w, attempts = attempts + 1, done_at = @t, error = @e WHERE id = @id");
            Db.Add(cmd, "@w", _worker);
            Db.Add(cmd, "@t", Db.Now());
            Db.Add(cmd, "@e", error);
            Db.Add(cmd, "@id", queueId);
            cmd.ExecuteNonQuery();
        }

        public (long DocumentId, bool Duplicate) Write(PreparedArticle article)
        {
            var (original, distance) = FindNear("documents", article.SimHash, DocumentThreshold, "COALESCE(duplicate_of, id)");
            long documentId;
            using (var cmd = Cmd("""
                INSERT INTO documents (article_key, text_hash, ext_id, origin, url, title, outlet, author, published, text, word_count,
                  simhash, band0, band1, band2, band3, band4, band5, band6, duplicate_of, duplicate_distance, attribution_count, worker, ingested_at)
                VALUES (@key, @hash, @ext, @origin, @url, @title, @outlet, @author, @published, @text, @words,
                  @sim, @b0, @b1, @b2, @b3, @b4, @b5, @b6, @dup, @dist, @attrs, @worker, @t)
                ON CONFLICT (article_key) DO NOTHING
                RETURNING id
                """))
            {
                Db.Add(cmd, "@key", article.Queued.ArticleKey);
                Db.Add(cmd, "@hash", article.TextHash);
                Db.Add(cmd, "@ext", article.Queued.Article.Id);
                Db.Add(cmd, "@origin", article.Queued.Article.Origin);
                Db.Add(cmd, "@url", article.Meta("url"));
                Db.Add(cmd, "@title", article.Meta("title"));
                Db.Add(cmd, "@outlet", article.Meta("outlet"));
                Db.Add(cmd, "@author", article.Meta("author"));
                Db.Add(cmd, "@published", article.Published);
                Db.Add(cmd, "@text", article.Doc.Text);
                Db.Add(cmd, "@words", article.WordCount);
                AddHash(cmd, article.SimHash);
                Db.Add(cmd, "@dup", original, DbType.Int64);
                Db.Add(cmd, "@dist", original is null ? null : distance, DbType.Int32);
                Db.Add(cmd, "@attrs", article.Attributions.Count);
                Db.Add(cmd, "@worker", _worker);
                Db.Add(cmd, "@t", Db.Now());
                var id = cmd.ExecuteScalar();
                if (id is null or DBNull)
                {
                    // Stored by an earlier run whose queue row was lost: nothing to add.
                    return (Db.Scalar(_connection, _tx, "SELECT id FROM documents WHERE article_key = @k", ("@k", article.Queued.ArticleKey)), false);
                }

                documentId = Convert.ToInt64(id, CultureInfo.InvariantCulture);
            }

            var entitySpeakers = WriteEntities(documentId, article);
            WriteAttributions(documentId, article, entitySpeakers);
            WriteFlags(documentId, article.Doc);
            return (documentId, original is not null);
        }

        private static readonly string BandPredicate = string.Join(" OR ", Enumerable.Range(0, SimHash.Bands).Select(b => string.Create(CultureInfo.InvariantCulture, $"band{b} = @b{b}")));

        private static void AddHash(DbCommand cmd, ulong hash)
        {
            Db.Add(cmd, "@sim", unchecked((long)hash));
            for (int b = 0; b < SimHash.Bands; b++)
            {
                Db.Add(cmd, "@b" + b.ToString(CultureInfo.InvariantCulture), SimHash.Band(hash, b));
            }
        }

        /// <summary>The closest row of <paramref name="table"/> within <paramref name="threshold"/> bits, as <paramref name="target"/>.</summary>
        private (long? Id, int Distance) FindNear(string table, ulong hash, int threshold, string target)
        {
            using var cmd = Cmd($"SELECT {target}, simhash FROM {table} WHERE " + BandPredicate);
            for (int b = 0; b < SimHash.Bands; b++)
            {
                Db.Add(cmd, "@b" + b.ToString(CultureInfo.InvariantCulture), SimHash.Band(hash, b));
            }

            long? best = null;
            int bestDistance = int.MaxValue;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                int distance = SimHash.Distance(hash, unchecked((ulong)Db.Long(r, 1)));
                long id = Db.Long(r, 0);
                if (distance <= threshold && (distance < bestDistance || (distance == bestDistance && id < best)))
                {
                    best = id;
                    bestDistance = distance;
                }
            }

            return (best, bestDistance);
        }

        private Dictionary<string, long?> WriteEntities(long documentId, PreparedArticle article)
        {
            var speakers = new Dictionary<string, long?>(StringComparer.Ordinal);
            foreach (var entity in article.Entities)
            {
                long? speakerId = entity.CanBeSpeaker
                    ? ResolveSpeaker(entity.Entity.Name, entity.Key!, DocumentJson.TypeName(entity.Entity.Type), entity.AliasKeys)
                    : null;
                speakers[entity.Entity.Id] = speakerId;
                using var cmd = Cmd("""
                    INSERT INTO entities (document_id, local_id, name, type, aliases, description, mentions, speaker_id)
                    VALUES (@d, @l, @n, @t, @a, @desc, @m, @s)
                    ON CONFLICT (document_id, local_id) DO NOTHING
                    """);
                Db.Add(cmd, "@d", documentId);
                Db.Add(cmd, "@l", entity.Entity.Id);
                Db.Add(cmd, "@n", entity.Entity.Name);
                Db.Add(cmd, "@t", DocumentJson.TypeName(entity.Entity.Type));
                Db.Add(cmd, "@a", JsonSerializer.Serialize(entity.Entity.Aliases));
                Db.Add(cmd, "@desc", entity.Entity.Description.Count == 0 ? null : string.Join("; ", entity.Entity.Description));
                Db.Add(cmd, "@m", entity.Entity.Mentions.Count);
                Db.Add(cmd, "@s", speakerId, DbType.Int64);
                cmd.ExecuteNonQuery();
            }

            return speakers;
        }

        private void WriteAttributions(long documentId, PreparedArticle article, Dictionary<string, long?> entitySpeakers)
        {
            using var cmd = Cmd("""
                INSERT INTO attributions (document_id, ordinal, kind, source_text, source_start, source_end, cue_text, cue_start, cue_end,
                  content, content_start, content_end, fragments, speaker_local, speaker_name, speaker_key, speaker_type, speaker_id,
                  cites, venue, stance, hedged, confidence, origin, quote_id)
                VALUES (@d, @o, @kind, @st, @ss, @se, @ct, @cs, @ce, @content, @xs, @xe, @frag, @sl, @sn, @sk, @sty, @sid,
                  @cites, @venue, @stance, @hedged, @conf, @origin, @qid)
                ON CONFLICT (document_id, ordinal) DO NOTHING
                RETURNING id
                """);
            var p = new Dictionary<string, DbParameter>(StringComparer.Ordinal);
            foreach (var name in new[] { "@d", "@o", "@kind", "@st", "@ss", "@se", "@ct", "@cs", "@ce", "@content", "@xs", "@xe", "@frag", "@sl", "@sn", "@sk", "@sty", "@sid", "@cites", "@venue", "@stance", "@hedged", "@conf", "@origin", "@qid" })
            {
                p[name] = Db.Add(cmd, name, null);
            }

            DbCommand? fts = _store._dialect.IndexFullText is { } ftsSql ? Cmd(ftsSql) : null;
            var ftsId = fts is null ? null : Db.Add(fts, "@id", 0L);
            var ftsContent = fts is null ? null : Db.Add(fts, "@content", string.Empty);
            var doc = article.Doc;
            int ordinal = 0;
            foreach (var prepared in article.Attributions)
            {
                var a = prepared.Attribution;
                long? speakerId = null;
                if (prepared.Entity is not null && entitySpeakers.TryGetValue(prepared.Entity.Entity.Id, out var sid))
                {
                    speakerId = sid;
                }
                else if (prepared.SpeakerKey is not null)
                {
                    speakerId = ResolveSpeaker(prepared.SpeakerName!, prepared.SpeakerKey, "person", new List<(string, string)>());
                }

                long? quoteId = prepared.QuoteKey is null ? null : ResolveQuote(prepared);
                var extent = a.ContentExtent;
                Set(p["@d"], documentId, DbType.Int64);
                Set(p["@o"], ordinal++, DbType.Int32);
                Set(p["@kind"], DocumentJson.KindName(a.Kind));
                Set(p["@st"], a.Source is { } s ? doc.Slice(s) : null);
                Set(p["@ss"], a.Source?.Start, DbType.Int32);
                Set(p["@se"], a.Source?.End, DbType.Int32);
                Set(p["@ct"], a.Cue is { } c ? doc.Slice(c) : null);
                Set(p["@cs"], a.Cue?.Start, DbType.Int32);
                Set(p["@ce"], a.Cue?.End, DbType.Int32);
                Set(p["@content"], prepared.Content);
                Set(p["@xs"], extent.Start, DbType.Int32);
                Set(p["@xe"], extent.End, DbType.Int32);
                Set(p["@frag"], JsonSerializer.Serialize(a.Content.Select(f => new[] { f.Start, f.End })));
                Set(p["@sl"], a.Speaker);
                Set(p["@sn"], prepared.SpeakerName);
                Set(p["@sk"], prepared.SpeakerKey);
                Set(p["@sty"], prepared.SpeakerType);
                Set(p["@sid"], speakerId, DbType.Int64);
                Set(p["@cites"], prepared.Cites.Count == 0 ? null : JsonSerializer.Serialize(prepared.Cites));
                Set(p["@venue"], prepared.Venue);
                Set(p["@stance"], a.Stance);
                Set(p["@hedged"], a.Hedged ? 1 : 0, DbType.Int32);
                Set(p["@conf"], a.Confidence, DbType.Double);
                Set(p["@origin"], a.Origin);
                Set(p["@qid"], quoteId, DbType.Int64);
                var id = cmd.ExecuteScalar();
                if (fts is not null && id is not null and not DBNull)
                {
                    ftsId!.Value = Convert.ToInt64(id, CultureInfo.InvariantCulture);
                    ftsContent!.Value = prepared.Content;
                    fts.ExecuteNonQuery();
                }
            }

            fts?.Dispose();
        }

        private static void Set(DbParameter parameter, object? value, DbType type = DbType.String)
        {
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
        }

        private void WriteFlags(long documentId, Document doc)
        {
            int ordinal = 0;
            foreach (var flag in doc.Flags)
            {
                using var cmd = Cmd("INSERT INTO flags (document_id, ordinal, code, start_offset, end_offset, message) VALUES (@d, @o, @c, @s, @e, @m) ON CONFLICT (document_id, ordinal) DO NOTHING");
                Db.Add(cmd, "@d", documentId);
                Db.Add(cmd, "@o", ordinal++);
                Db.Add(cmd, "@c", flag.Code);
                Db.Add(cmd, "@s", flag.Start);
                Db.Add(cmd, "@e", flag.End);
                Db.Add(cmd, "@m", flag.Message);
                cmd.ExecuteNonQuery();
            }
        }

        /// <summary>
        /// The tracked-quote row for this content: the same normalized words, else a quote within
        /// <see cref="QuoteThreshold"/> bits (lightly edited) whose group it joins, else a new group.
        /// </summary>
        private long ResolveQuote(PreparedAttribution prepared)
        {
            long existing = Db.Scalar(_connection, _tx, "SELECT id FROM quotes WHERE quote_key = @k", ("@k", prepared.QuoteKey));
            if (existing != 0)
            {
                return existing;
            }

            var (near, _) = FindNear("quotes", prepared.QuoteHash, QuoteThreshold, "tracked_id");
            using var cmd = Cmd("""
                INSERT INTO quotes (quote_key, text, word_count, simhash, band0, band1, band2, band3, band4, band5, band6, tracked_id)
                VALUES (@k, @text, @w, @sim, @b0, @b1, @b2, @b3, @b4, @b5, @b6, @tracked)
                ON CONFLICT (quote_key) DO NOTHING
                RETURNING id
                """);
            Db.Add(cmd, "@k", prepared.QuoteKey);
            Db.Add(cmd, "@text", prepared.Content);
            Db.Add(cmd, "@w", prepared.QuoteWords);
            AddHash(cmd, prepared.QuoteHash);
            Db.Add(cmd, "@tracked", near, DbType.Int64);
            var id = cmd.ExecuteScalar();
            if (id is null or DBNull)
            {
                // Another worker inserted the same quote since the lookup above.
                return Db.Scalar(_connection, _tx, "SELECT id FROM quotes WHERE quote_key = @k", ("@k", prepared.QuoteKey));
            }

            long quoteId = Convert.ToInt64(id, CultureInfo.InvariantCulture);
            if (near is null)
            {
                using var self = Cmd("UPDATE quotes SET tracked_id = id WHERE id = @id");
                Db.Add(self, "@id", quoteId);
                self.ExecuteNonQuery();
            }

            return quoteId;
        }

        /// <summary>
        /// The cross-document speaker for a name: an existing alias with the same key, else the one
        /// speaker whose surname is this one-word name, else a new speaker. Aliases of the entity
        /// are attached to it unless they already belong to someone.
        /// </summary>
        private long? ResolveSpeaker(string name, string key, string type, List<(string Alias, string Key)> aliases)
        {
            if (_speakerCache.TryGetValue(key, out var cached) && aliases.Count == 0)
            {
                return cached;
            }

            long id = LookupAlias(key);
            bool joinedBySurname = false;
            if (id == 0)
            {
                foreach (var (_, aliasKey) in aliases)
                {
                    id = LookupAlias(aliasKey);
                    if (id != 0)
                    {
                        break;
                    }
                }
            }

            if (id == 0)
            {
                // A bare surname ("Putin") joins the one speaker with that surname; a full name in
                // another transliteration ("Vladimir Zelenskiy" for "Volodymyr Zelensky") joins the
                // one speaker with that surname and the same first initial.
                string surname = Names.TransliteratedNameKey.Surname(key)!;
                bool bare = surname == key;
                using var cmd = Cmd("SELECT id, name FROM speakers WHERE surname_key = @s AND merged_into IS NULL AND name_key <> @s ORDER BY id LIMIT 3");
                Db.Add(cmd, "@s", surname);
                var found = new List<(long Id, string Name)>();
                using (var r = cmd.ExecuteReader())
                {
                    while (r.Read())
                    {
                        found.Add((Db.Long(r, 0), r.GetString(1)));
                    }
                }

                if (found.Count == 1 && (bare || _store._nameKey.SameBearer(name, found[0].Name)))
                {
                    id = found[0].Id;
                    // A bare surname is not pinned as an alias: once a second "Obama" appears it
                    // no longer names one person.
                    joinedBySurname = bare;
                }
            }

            if (id == 0)
            {
                id = CreateSpeaker(name, key, type);
            }

            if (!joinedBySurname)
            {
                AddAlias(id, name, key);
            }

            foreach (var (alias, aliasKey) in aliases)
            {
                AddAlias(id, alias, aliasKey);
            }

            _speakerCache[key] = id;
            return id;
        }

        private long LookupAlias(string key) =>
            Db.Scalar(_connection, _tx, "SELECT speaker_id FROM speaker_aliases WHERE alias_key = @k", ("@k", key));

        private void AddAlias(long speakerId, string alias, string key)
        {
            using var cmd = Cmd("INSERT INTO speaker_aliases (alias_key, speaker_id, alias) VALUES (@k, @s, @a) ON CONFLICT (alias_key) DO NOTHING");
            Db.Add(cmd, "@k", key);
            Db.Add(cmd, "@s", speakerId);
            Db.Add(cmd, "@a", alias);
            cmd.ExecuteNonQuery();
        }

        private long CreateSpeaker(string name, string key, string type)
        {
            using var cmd = Cmd("INSERT INTO speakers (name, name_key, surname_key, type, created_at) VALUES (@n, @k, @s, @t, @at) RETURNING id");
            Db.Add(cmd, "@n", name);
            Db.Add(cmd, "@k", key);
            Db.Add(cmd, "@s", Names.TransliteratedNameKey.Surname(key));
            Db.Add(cmd, "@t", type);
            Db.Add(cmd, "@at", Db.Now());
            return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Points everything of speaker <paramref name="from"/> at <paramref name="into"/>.</summary>
    private static void MergeInto(DbConnection connection, DbTransaction tx, long into, long from)
    {
        foreach (var sql in new[]
        {
            "UPDATE attributions SET speaker_id = @into WHERE speaker_id = @from",
            "UPDATE entities SET speaker_id = @into WHERE speaker_id = @from",
            "UPDATE speaker_aliases SET speaker_id = @into WHERE speaker_id = @from",
            "UPDATE speakers SET merged_into = @into WHERE id = @from OR merged_into = @from",
        })
        {
            using var cmd = Db.Command(connection, tx, sql);
            Db.Add(cmd, "@into", into);
            Db.Add(cmd, "@from", from);
            cmd.ExecuteNonQuery();
        }
    }
}
