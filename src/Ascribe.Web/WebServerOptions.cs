namespace Ascribe.Web;

/// <summary>Settings of <c>ascribe serve</c>; every default is the safe one.</summary>
public sealed class WebServerOptions
{
    /// <summary>Default listening address: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Addresses Kestrel listens on; each must be loopback unless <see cref="AllowRemote"/> is set.</summary>
    public IReadOnlyList<string> Urls { get; init; } = new[] { DefaultUrl };

    /// <summary>
    /// The store to browse and ingest into: a SQLite file or a PostgreSQL connection string or URL
    /// (see <c>StoreBuilder</c>). Null serves only the analyzer, without store pages and endpoints.
    /// </summary>
    public string? Database { get; init; }

    /// <summary>Lets the server listen on non-loopback addresses.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>
    /// Bearer token that unlocks the write endpoints (<c>POST /api/ingest</c>). Null means the
    /// server is read-only and the write endpoints answer 403.
    /// </summary>
    public string? ApiToken { get; init; }

    /// <summary>Largest accepted request body in bytes; larger requests get 413.</summary>
    public long MaxRequestBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Requests per client address per minute before 429; 0 turns rate limiting off.</summary>
    public int RateLimitPerMinute { get; init; } = 600;

    /// <summary>Largest page size a search or listing returns.</summary>
    public int MaxResults { get; init; } = 200;

    /// <summary>Returns the first URL that is not a loopback http(s) address, or null when all are.</summary>
    public static string? FirstNonLoopback(IEnumerable<string> urls)
    {
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return url;
            }

            bool loopback = uri.IsLoopback
                || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
            if (!loopback)
            {
                return url;
            }
        }

        return null;
    }
}
