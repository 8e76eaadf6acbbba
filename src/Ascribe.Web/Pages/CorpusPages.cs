using System.Globalization;
using System.Text;
using Ascribe.Store;
using Ascribe.Store.Queries;
using Ascribe.Web.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ascribe.Web.Pages;

/// <summary>Server-rendered pages over the store: search, speakers, documents, tracked quotes.</summary>
public static class CorpusPages
{
    private const int PageSize = 50;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/search", Search).ExcludeFromDescription();
        app.MapGet("/speakers", Speakers).ExcludeFromDescription();
        app.MapGet("/speakers/{id}", Speaker).ExcludeFromDescription();
        app.MapGet("/documents", Documents).ExcludeFromDescription();
        app.MapGet("/documents/{id:long}", Document).ExcludeFromDescription();
        app.MapGet("/tracked", Tracked).ExcludeFromDescription();
    }

    private static IResult Search(HttpRequest request, IDocumentStore store, SiteInfo site)
    {
        var q = request.Query;
        string text = q["q"].ToString(), speaker = q["speaker"].ToString(), outlet = q["outlet"].ToString();
        string since = q["since"].ToString(), until = q["until"].ToString(), type = q["type"].ToString();
        var sb = new StringBuilder();
        sb.Append("<h1>Search the store</h1><form class=\"card\" id=\"search\" method=\"get\" action=\"/search\" role=\"search\"><p>")
          .Append(Field("q", "Words in the quote", text)).Append(' ')
          .Append(Field("speaker", "Speaker", speaker)).Append(' ')
          .Append(Field("outlet", "Outlet", outlet)).Append("</p><p>")
          .Append(Field("since", "Since (YYYY-MM-DD)", since)).Append(' ')
          .Append(Field("until", "Until", until)).Append(' ')
          .Append(Field("type", "Kind or speaker type", type))
          .Append("</p><p><button type=\"submit\">Search</button></p></form>");
        bool any = new[] { text, speaker, outlet, since, until, type }.Any(v => v.Length > 0);
        if (any)
        {
            var hits = store.Search(new SearchQuery { Text = text, Speaker = speaker, Outlet = outlet, Since = since, Until = until, Type = type, Limit = 100 });
            sb.Append("<h2>").Append(hits.Count.ToString(CultureInfo.InvariantCulture)).Append(hits.Count == 1 ? " quote" : " quotes").Append("</h2>");
            AppendHits(sb, hits, "results");
        }

        return Html.Result(Html.Page(any ? "Search: " + text : "Search", sb.ToString(), site.HasCorpus));
    }

    private static IResult Speakers(HttpRequest request, IDocumentStore store, SiteInfo site)
    {
        string filter = request.Query["q"].ToString();
        var speakers = store.Speakers(filter.Length == 0 ? null : filter, 100);
        var sb = new StringBuilder();
        sb.Append("<h1>Speakers</h1><form class=\"card\" method=\"get\" action=\"/speakers\"><p>").Append(Field("q", "Name or alias", filter))
          .Append(" <button type=\"submit\">Find</button></p></form>");
        if (speakers.Count == 0)
        {
            sb.Append("<p class=\"muted\">No speakers.</p>");
        }
        else
        {
            sb.Append("<table id=\"speaker-list\"><thead><tr><th>speaker</th><th>type</th><th>also called</th><th>quotes</th><th>articles</th></tr></thead><tbody>");
            foreach (var s in speakers)
            {
                sb.Append("<tr><td><a href=\"/speakers/").Append(s.Id.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(Html.E(s.Name)).Append("</a></td><td>")
                  .Append(Html.E(s.Type)).Append("</td><td>").Append(Html.E(string.Join(", ", s.Aliases.Where(a => a != s.Name).Take(8))))
                  .Append("</td><td>").Append(s.Quotes.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(s.Documents.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        return Html.Result(Html.Page("Speakers", sb.ToString(), site.HasCorpus));
    }

    private static IResult Speaker(string id, IDocumentStore store, SiteInfo site)
    {
        var profile = store.Speaker(CorpusApi.SpeakerKey(id), 25);
        if (profile is null)
        {
            return Html.Error(StatusCodes.Status404NotFound, "Speaker not found", $"No speaker matches '{id}'.", site.HasCorpus);
        }

        var sb = new StringBuilder();
        sb.Append("<h1 id=\"speaker-name\">").Append(Html.E(profile.Name)).Append("</h1><p class=\"meta\"><span class=\"pill\">").Append(Html.E(profile.Type))
          .Append("</span> #").Append(profile.Id.ToString(CultureInfo.InvariantCulture)).Append(" · ")
          .Append(profile.Quotes.ToString(CultureInfo.InvariantCulture)).Append(" quotes in ").Append(profile.Documents.ToString(CultureInfo.InvariantCulture)).Append(" articles");
        if (profile.FirstSeen is not null)
        {
            sb.Append(" · ").Append(Html.E(profile.FirstSeen)).Append(" – ").Append(Html.E(profile.LastSeen));
        }

        sb.Append("</p><section class=\"card\" id=\"aliases\"><h2>Aliases</h2><p>").Append(Html.E(string.Join(", ", profile.Aliases))).Append("</p></section>");
        sb.Append("<div class=\"report\"><div>");
        AppendCounts(sb, "outlets", "Outlets", "outlet", profile.Outlets);
        AppendCounts(sb, "stances", "Stances", "stance", profile.Stances);
        sb.Append("</div><div>");
        AppendCounts(sb, "timeline", "Quotes over time", "month", profile.Timeline);
        sb.Append("</div></div><h2>Recent quotes</h2>");
        AppendHits(sb, profile.Recent, "recent");
        return Html.Result(Html.Page(profile.Name, sb.ToString(), site.HasCorpus));
    }

    private static IResult Documents(HttpRequest request, IDocumentStore store, SiteInfo site)
    {
        CorpusApi.TryInt(request.Query["page"], 1, 1, 100_000, out int page);
        var docs = store.Documents((page - 1) * PageSize, PageSize);
        var sb = new StringBuilder();
        sb.Append("<h1>Documents</h1>");
        if (docs.Count == 0)
        {
            sb.Append("<p class=\"muted\">No documents on this page. Ingest articles with <code>ascribe ingest</code> or <code>POST /api/ingest</code>.</p>");
        }
        else
        {
            sb.Append("<table id=\"document-list\"><thead><tr><th>title</th><th>outlet</th><th>published</th><th>attributions</th></tr></thead><tbody>");
            foreach (var d in docs)
            {
                sb.Append("<tr><td><a href=\"/documents/").Append(d.Id.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(Html.E(d.Title ?? d.ExternalId)).Append("</a>");
                if (d.DuplicateOf is not null)
                {
                    sb.Append(" <span class=\"pill\">near-duplicate</span>");
                }

                sb.Append("</td><td>").Append(Html.E(d.Outlet)).Append("</td><td>").Append(Html.E(d.Published)).Append("</td><td>")
                  .Append(d.Attributions.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("<p class=\"pager\">");
        if (page > 1)
        {
            sb.Append("<a href=\"/documents?page=").Append((page - 1).ToString(CultureInfo.InvariantCulture)).Append("\">← newer</a>");
        }

        if (docs.Count == PageSize)
        {
            sb.Append("<a href=\"/documents?page=").Append((page + 1).ToString(CultureInfo.InvariantCulture)).Append("\">older →</a>");
        }

        sb.Append("</p>");
        return Html.Result(Html.Page("Documents", sb.ToString(), site.HasCorpus));
    }

    private static IResult Document(long id, IDocumentStore store, SiteInfo site)
    {
        var stored = store.Document(id);
        if (stored is null)
        {
            return Html.Error(StatusCodes.Status404NotFound, "Document not found", $"No document with id {id}.", site.HasCorpus);
        }

        var sb = new StringBuilder();
        if (stored.DuplicateOf is long dup)
        {
            sb.Append("<p class=\"card\">A near-duplicate of <a href=\"/documents/").Append(dup.ToString(CultureInfo.InvariantCulture)).Append("\">document ")
              .Append(dup.ToString(CultureInfo.InvariantCulture)).Append("</a>.</p>");
        }

        // The store knows which cross-document speaker each attribution became.
        sb.Append(ReportPages.Render(stored.Doc, i => stored.SpeakerIds[i] is long sid ? "/speakers/" + sid.ToString(CultureInfo.InvariantCulture) : null));
        string title = stored.Doc.Meta.TryGetValue("title", out var t) ? t : stored.ExternalId;
        return Html.Result(Html.Page(title, sb.ToString(), site.HasCorpus));
    }

    private static IResult Tracked(IDocumentStore store, SiteInfo site)
    {
        var tracked = store.Tracked(2, 50);
        var sb = new StringBuilder();
        sb.Append("<h1>Tracked quotes</h1><p class=\"muted\">Quotes that appear, verbatim or lightly edited, in several articles; the first appearance comes first.</p>");
        if (tracked.Count == 0)
        {
            sb.Append("<p class=\"muted\">No quote appears in more than one article yet.</p>");
        }

        foreach (var t in tracked)
        {
            sb.Append("<section class=\"card tracked\"><p><strong>“").Append(Html.E(Html.Clip(t.Text, 400))).Append("”</strong></p><p class=\"muted\">")
              .Append(t.Documents.ToString(CultureInfo.InvariantCulture)).Append(" articles, ").Append(t.Outlets.ToString(CultureInfo.InvariantCulture)).Append(" outlets</p>");
            AppendHits(sb, t.Appearances, null);
            sb.Append("</section>");
        }

        return Html.Result(Html.Page("Tracked quotes", sb.ToString(), site.HasCorpus));
    }

    private static void AppendHits(StringBuilder sb, IReadOnlyList<QuoteHit> hits, string? id)
    {
        if (hits.Count == 0)
        {
            sb.Append("<p class=\"muted\">No quotes.</p>");
            return;
        }

        sb.Append("<table").Append(id is null ? string.Empty : " id=\"" + id + "\"")
          .Append("><thead><tr><th>speaker</th><th>cue</th><th>quote</th><th>article</th><th>outlet</th><th>published</th></tr></thead><tbody>");
        foreach (var h in hits)
        {
            string speaker = h.Speaker ?? h.Source ?? "—";
            sb.Append("<tr class=\"hit\"><td>");
            if (h.Speaker is not null)
            {
                sb.Append("<a class=\"speaker\" href=\"/speakers/").Append(Html.E(Html.U(h.Speaker))).Append("\">").Append(Html.E(speaker)).Append("</a>");
            }
            else
            {
                sb.Append(Html.E(speaker));
            }

            sb.Append("</td><td>").Append(Html.E(h.Cue ?? h.Kind)).Append("</td><td class=\"quote\">").Append(Html.E(Html.Clip(h.Content, 300)))
              .Append("</td><td><a href=\"/documents/").Append(h.DocumentId.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(Html.E(Html.Clip(h.Title ?? h.ExternalId, 80)))
              .Append("</a></td><td>").Append(Html.E(h.Outlet)).Append("</td><td>").Append(Html.E(h.Published)).Append("</td></tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void AppendCounts(StringBuilder sb, string id, string title, string label, IReadOnlyList<(string Key, long Count)> rows)
    {
        sb.Append("<section class=\"card\" id=\"").Append(id).Append("\"><h2>").Append(Html.E(title)).Append("</h2>");
        if (rows.Count == 0)
        {
            sb.Append("<p class=\"muted\">None.</p></section>");
            return;
        }

        long max = Math.Max(1, rows.Max(r => r.Count));
        sb.Append("<table><thead><tr><th>").Append(Html.E(label)).Append("</th><th>quotes</th></tr></thead><tbody>");
        foreach (var (key, count) in rows)
        {
            int width = (int)Math.Round(100.0 * count / max);
            sb.Append("<tr><td>").Append(Html.E(key)).Append("</td><td><span class=\"bar\" style=\"width:").Append(width.ToString(CultureInfo.InvariantCulture))
              .Append("%\"></span> ").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
        }

        sb.Append("</tbody></table></section>");
    }

    private static string Field(string name, string label, string value) =>
        $"<label>{Html.E(label)} <input type=\"text\" name=\"{name}\" value=\"{Html.E(value)}\"></label>";
}
