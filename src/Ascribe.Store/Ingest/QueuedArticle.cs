namespace Ascribe.Store.Ingest;

/// <summary>An article claimed from the queue for analysis.</summary>
public sealed record QueuedArticle(long QueueId, string ArticleKey, IncomingArticle Article);
