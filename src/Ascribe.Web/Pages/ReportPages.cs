using Ascribe.Core.Documents;
using Ascribe.Core.Serialization;

namespace Ascribe.Web.Pages;

/// <summary>The one place that picks how an analyzed document is shown as a report.</summary>
public static class ReportPages
{
    /// <summary>
    /// The report page for a freshly analyzed article: exactly the HTML report that
    /// <c>ascribe analyze --format html</c> writes (<see cref="DocumentHtml"/>), with the site's
    /// navigation added at the top. The report carries its own script-free CSP as well.
    /// </summary>
    public static string RenderPage(Document doc, SiteInfo site)
    {
        string html = DocumentHtml.Render(doc);
        int body = html.IndexOf("<body>", StringComparison.Ordinal);
        return body < 0 ? html : html.Insert(body + "<body>".Length, SiteNav(site));
    }

    /// <summary>
    /// Report body for a stored article inside the site layout: the stored attributions highlighted,
    /// with each speaker linked through <paramref name="speakerLink"/> (attribution index to URL, or null).
    /// </summary>
    public static string Render(Document doc, Func<int, string?>? speakerLink)
        => ReportView.Render(doc, speakerLink);

    private static string SiteNav(SiteInfo site)
    {
        const string Link = "color:#2d5bd7;text-decoration:none;margin-right:1.2rem";
        var nav = new System.Text.StringBuilder();
        nav.Append("\n<nav class=\"site-nav\" style=\"padding:8px 28px;background:#fff;border-bottom:1px solid #ddd;font:14px system-ui,sans-serif\">")
           .Append("<a style=\"").Append(Link).Append(";font-weight:700;color:#1d2330\" href=\"/\">Ascribe</a>")
           .Append("<a style=\"").Append(Link).Append("\" href=\"/\">Analyze another article</a>");
        if (site.HasCorpus)
        {
            nav.Append("<a style=\"").Append(Link).Append("\" href=\"/documents\">Documents</a>")
               .Append("<a style=\"").Append(Link).Append("\" href=\"/speakers\">Speakers</a>")
               .Append("<a style=\"").Append(Link).Append("\" href=\"/search\">Search</a>")
               .Append("<a style=\"").Append(Link).Append("\" href=\"/tracked\">Tracked quotes</a>");
        }

        nav.Append("</nav>\n");
        return nav.ToString();
    }
}
