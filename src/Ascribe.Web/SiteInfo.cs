namespace Ascribe.Web;

/// <summary>What the pages need to know about the running server.</summary>
public sealed class SiteInfo
{
    public SiteInfo(WebServerOptions options, bool hasCorpus)
    {
        MaxRequestBytes = options.MaxRequestBytes;
        HasCorpus = hasCorpus;
    }

    /// <summary>True when a document store is attached, so browse, search and speaker pages exist.</summary>
    public bool HasCorpus { get; }

    public long MaxRequestBytes { get; }
}
