namespace Ascribe.Store.Queries;

/// <summary>Everything the store knows about one cross-document speaker.</summary>
public sealed record SpeakerProfile(
    long Id,
    string Name,
    string Type,
    IReadOnlyList<string> Aliases,
    long Quotes,
    long Documents,
    string? FirstSeen,
    string? LastSeen,
    IReadOnlyList<(string Key, long Count)> Outlets,
    IReadOnlyList<(string Key, long Count)> Timeline,
    IReadOnlyList<(string Key, long Count)> Stances,
    IReadOnlyList<QuoteHit> Recent)
{
    /// <summary>The profile in the snake_case shape that <c>ascribe speaker --format json</c> and <c>GET /api/speakers/{id}</c> return.</summary>
    public object ToJsonShape() => new
    {
        id = Id,
        name = Name,
        type = Type,
        aliases = Aliases,
        quotes = Quotes,
        documents = Documents,
        first_seen = FirstSeen,
        last_seen = LastSeen,
        outlets = Outlets.Select(o => new { outlet = o.Key, quotes = o.Count }),
        timeline = Timeline.Select(o => new { month = o.Key, quotes = o.Count }),
        stances = Stances.Select(o => new { stance = o.Key, quotes = o.Count }),
        recent = Recent,
    };
}
