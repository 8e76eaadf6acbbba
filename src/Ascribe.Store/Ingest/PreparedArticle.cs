using System.Globalization;
using Ascribe.Core.Documents;
using Ascribe.Core.Serialization;
using Ascribe.Store.Dedup;
using Ascribe.Store.Names;

namespace Ascribe.Store.Ingest;

/// <summary>
/// An analyzed article with everything the writer needs precomputed (hashes, SimHash, name keys),
/// so the single writer only does database work. Built on the analysis threads.
/// </summary>
internal sealed class PreparedArticle
{
    /// <summary>Shingle length of the document SimHash (words).</summary>
    public const int DocumentShingle = 3;

    /// <summary>Shingle length of the quote SimHash (words); quotes are short.</summary>
    public const int QuoteShingle = 2;

    /// <summary>Quotes shorter than this (words) are too generic to track across articles ("No comment").</summary>
    public const int MinTrackedWords = 6;

    public required QueuedArticle Queued { get; init; }

    public required Document Doc { get; init; }

    public required string TextHash { get; init; }

    public required int WordCount { get; init; }

    public required ulong SimHash { get; init; }

    public string? Published { get; init; }

    public required List<PreparedEntity> Entities { get; init; }

    public required List<PreparedAttribution> Attributions { get; init; }

    public string? Meta(string key) => Queued.Article.Meta.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    public static PreparedArticle Create(QueuedArticle queued, Document doc, INameKey nameKey)
    {
        var words = TextFingerprint.Words(doc.Text);
        var entities = new List<PreparedEntity>();
        var byId = new Dictionary<string, PreparedEntity>(StringComparer.Ordinal);
        foreach (var entity in doc.Entities)
        {
            // Only full-name aliases that can denote the same bearer become cross-document aliases:
            // a bare surname ("Clinton") or a relative grouped in by the document ("Chelsea Clinton"
            // in an entity named "Hillary Clinton") would merge different people across articles.
            var aliasKeys = new List<(string, string)>();
            foreach (var alias in entity.Aliases)
            {
                if (nameKey.Key(alias) is { } aliasKey && aliasKey.Contains(' ', StringComparison.Ordinal) && nameKey.SameBearer(alias, entity.Name))
                {
                    aliasKeys.Add((alias, aliasKey));
                }
            }

            var prepared = new PreparedEntity(entity, nameKey.Key(entity.Name), aliasKeys);
            entities.Add(prepared);
            byId[entity.Id] = prepared;
        }

        var attributions = new List<PreparedAttribution>(doc.Attributions.Count);
        foreach (var a in doc.Attributions)
        {
            string content = string.Join(" … ", a.Content.Select(doc.Slice));
            string? speakerName = null, speakerKey = null, speakerType = null;
            PreparedEntity? entity = null;
            if (a.Speaker is not null && byId.TryGetValue(a.Speaker, out entity))
            {
                speakerName = entity.Entity.Name;
                speakerType = DocumentJson.TypeName(entity.Entity.Type);
                speakerKey = entity.CanBeSpeaker ? entity.Key : null;
            }
            else if (a.Source is { } source && LooksLikeName(doc.Slice(source)))
            {
                // No in-document resolution: a capitalized source ("Tschernak", "Maria Schulmann") is still a name.
                speakerName = doc.Slice(source).Trim();
                speakerKey = nameKey.Key(speakerName);
            }

            var quoteWords = TextFingerprint.Words(content);
            string? quoteKey = null;
            ulong quoteHash = 0;
            if (quoteWords.Count >= MinTrackedWords)
            {
                quoteKey = TextFingerprint.Sha256(string.Join(' ', quoteWords))[..32];
                quoteHash = Dedup.SimHash.Compute(quoteWords, QuoteShingle);
            }

            attributions.Add(new PreparedAttribution(
                a,
                content,
                speakerName,
                speakerKey,
                speakerType,
                entity,
                quoteKey,
                string.Join(' ', quoteWords),
                quoteWords.Count,
                quoteHash,
                a.Cites.Select(c => byId.TryGetValue(c, out var e) ? e.Entity.Name : c).ToList(),
                a.Venue is null ? null : byId.TryGetValue(a.Venue, out var v) ? v.Entity.Name : a.Venue));
        }

        return new PreparedArticle
        {
            Queued = queued,
            Doc = doc,
            TextHash = TextFingerprint.Sha256(string.Join(' ', words)),
            WordCount = words.Count,
            SimHash = Dedup.SimHash.Compute(words, DocumentShingle),
            Published = NormalizeDate(queued.Article.Meta.TryGetValue("published", out var p) ? p : null),
            Entities = entities,
            Attributions = attributions,
        };
    }

    /// <summary>ISO 8601 (UTC) for a parsable date, the trimmed original otherwise, null when absent.</summary>
    public static string? NormalizeDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            var utc = date.UtcDateTime;
            return utc.TimeOfDay == TimeSpan.Zero && !value.Contains('T', StringComparison.Ordinal) && !value.Contains(':', StringComparison.Ordinal)
                ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return value;
    }

    private static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal) { "de", "van", "von", "der", "da", "di", "del", "la", "le", "bin", "al", "el", "ben", "du", "of" };

    private static readonly HashSet<string> NotNameStarts = new(StringComparer.Ordinal) { "The", "A", "An", "This", "That", "These", "Those", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Their", "Our", "Its", "Some", "Many", "Several", "One", "Two", "Officials", "Critics", "Experts", "Analysts", "Sources", "Others", "Both", "All", "Most", "Who" };

    /// <summary>True for a short capitalized phrase that reads as a proper name.</summary>
    internal static bool LooksLikeName(string text)
    {
        var parts = text.Split((char[])[' ', '\n', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 5 || NotNameStarts.Contains(parts[0]))
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (NameParticles.Contains(part))
            {
                continue;
            }

            if (!char.IsUpper(part[0]) || part.Any(c => !(char.IsLetter(c) || c is '.' or '-' or '\'' or '\u2019')))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>An in-document entity with its cross-document name keys.</summary>
internal sealed record PreparedEntity(Entity Entity, string? Key, List<(string Alias, string Key)> AliasKeys)
{
    /// <summary>Anonymous sources and documents are not merged across articles: "a senior official" is not one person.</summary>
    public bool CanBeSpeaker => Key is not null && Entity.Type is not (SourceType.Anonymous or SourceType.Document);
}

/// <summary>An attribution with its content text, speaker name key and quote fingerprint.</summary>
internal sealed record PreparedAttribution(
    Attribution Attribution,
    string Content,
    string? SpeakerName,
    string? SpeakerKey,
    string? SpeakerType,
    PreparedEntity? Entity,
    string? QuoteKey,
    string QuoteText,
    int QuoteWords,
    ulong QuoteHash,
    List<string> Cites,
    string? Venue);
