namespace Ascribe.Store.Ingest;

/// <summary>An article to store: its text and metadata (title, url, published, outlet, author) as read from the input.</summary>
/// <param name="Id">External id (file name or JSONL id).</param>
/// <param name="Origin">Where it was read from, for messages ("folder/a.txt", "feed.jsonl:12").</param>
public sealed record IncomingArticle(string Id, string Origin, string Text, IReadOnlyDictionary<string, string> Meta);
