using System.Globalization;
using System.Text;
using Ascribe.Core.Documents;
using Ascribe.Core.Serialization;

namespace Ascribe.Web.Pages;

/// <summary>
/// The report for one analyzed document: speakers panel, the text with every source, cue and
/// quoted content highlighted in its speaker's colour, the attribution table and the flags.
/// All document text is HTML-encoded; nothing from the article is ever emitted as markup.
/// </summary>
public static class ReportView
{
    private const int Colours = 8;

    /// <summary>Renders the report body (without the site layout).</summary>
    /// <param name="speakerLink">Maps an attribution's index to its speaker's page URL, or null when there is none.</param>
    public static string Render(Document doc, Func<int, string?>? speakerLink = null)
    {
        var speakers = CollectSpeakers(doc, speakerLink);
        var sb = new StringBuilder(doc.Text.Length * 2 + 4096);
        string title = doc.Meta.TryGetValue("title", out var t) ? t : doc.Id;
        sb.Append("<h1>").Append(Html.E(title)).Append("</h1>");
        AppendMeta(sb, doc);
        sb.Append("<p class=\"summary muted\">")
          .Append(doc.Attributions.Count.ToString(CultureInfo.InvariantCulture)).Append(" attributions · ")
          .Append(speakers.Count.ToString(CultureInfo.InvariantCulture)).Append(" speakers · ")
          .Append(doc.Sentences.Count.ToString(CultureInfo.InvariantCulture)).Append(" sentences · ")
          .Append(doc.Flags.Count.ToString(CultureInfo.InvariantCulture)).Append(" flags</p>");

        sb.Append("<div class=\"report\"><aside id=\"speakers\" class=\"panel\"><h2>Speakers</h2>");
        if (speakers.Count == 0)
        {
            sb.Append("<p class=\"muted\">No attributed speakers found.</p>");
        }
        else
        {
            sb.Append("<ul>");
            foreach (var s in speakers.Values.OrderByDescending(s => s.Count).ThenBy(s => s.Order))
            {
                string? link = s.Link;
                sb.Append("<li class=\"speaker\" data-speaker=\"").Append(Html.E(s.Key)).Append("\"><span class=\"swatch s")
                  .Append(s.Colour.ToString(CultureInfo.InvariantCulture)).Append("\"></span>");
                if (link is not null)
                {
                    sb.Append("<a href=\"").Append(Html.E(link)).Append("\">").Append(Html.E(s.Name)).Append("</a>");
                }
                else
                {
                    sb.Append("<span class=\"name\">").Append(Html.E(s.Name)).Append("</span>");
                }

                sb.Append(" <span class=\"pill\">").Append(s.Count.ToString(CultureInfo.InvariantCulture))
                  .Append(s.Count == 1 ? " attribution" : " attributions").Append("</span>");
                if (s.Type is not null)
                {
                    sb.Append(" <span class=\"muted\">").Append(Html.E(s.Type)).Append("</span>");
                }

                sb.Append("</li>");
            }

            sb.Append("</ul>");
        }

        sb.Append("</aside><article id=\"text\" class=\"text\">");
        AppendHighlightedText(sb, doc, speakers);
        sb.Append("</article></div>");

        AppendAttributionTable(sb, doc, speakers);
        AppendFlags(sb, doc);
        return sb.ToString();
    }

    private static void AppendMeta(StringBuilder sb, Document doc)
    {
        var parts = new List<string>();
        foreach (var key in new[] { "outlet", "author", "published" })
        {
            if (doc.Meta.TryGetValue(key, out var value))
            {
                parts.Add(Html.E(value));
            }
        }

        if (doc.Meta.TryGetValue("url", out var url))
        {
            // Only http(s) links are made clickable; anything else (javascript:, data:) stays text.
            parts.Add(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? $"<a href=\"{Html.E(uri.AbsoluteUri)}\" rel=\"noopener noreferrer nofollow\">{Html.E(url)}</a>"
                : Html.E(url));
        }

        if (parts.Count > 0)
        {
            sb.Append("<p class=\"meta\">").Append(string.Join(" · ", parts)).Append("</p>");
        }
    }

    private static void AppendHighlightedText(StringBuilder sb, Document doc, Dictionary<string, Speaker> speakers)
    {
        var marks = new List<Mark>();
        for (int i = 0; i < doc.Attributions.Count; i++)
        {
            var a = doc.Attributions[i];
            int colour = speakers[KeyOf(doc, a)].Colour;
            foreach (var c in a.Content)
            {
                marks.Add(new Mark(c, "q", 1, colour, i));
            }

            if (a.Source is { } source)
            {
                marks.Add(new Mark(source, "src", 2, colour, i));
            }

            if (a.Cue is { } cue)
            {
                marks.Add(new Mark(cue, "cue", 3, colour, i));
            }
        }

        marks.RemoveAll(m => m.Span.IsEmpty || m.Span.Start < 0 || m.Span.End > doc.Text.Length);
        var bounds = new SortedSet<int> { 0, doc.Text.Length };
        foreach (var m in marks)
        {
            bounds.Add(m.Span.Start);
            bounds.Add(m.Span.End);
        }

        // Overlapping spans (nested quotes, a source inside another's content) are cut at every
        // boundary; each piece shows the most specific mark covering it: cue, then source, then the shortest content.
        marks.Sort((x, y) => x.Span.Start.CompareTo(y.Span.Start));
        int[] cuts = bounds.ToArray();
        Mark? open = null;
        for (int b = 0; b + 1 < cuts.Length; b++)
        {
            int start = cuts[b], end = cuts[b + 1];
            Mark? best = null;
            foreach (var m in marks)
            {
                if (m.Span.Start > start)
                {
                    break;
                }

                if (m.Span.End >= end && (best is null || m.Priority > best.Priority || (m.Priority == best.Priority && m.Span.Length < best.Span.Length)))
                {
                    best = m;
                }
            }

            if (!ReferenceEquals(best, open))
            {
                if (open is not null)
                {
                    sb.Append("</mark>");
                }

                if (best is not null)
                {
                    var a = doc.Attributions[best.Attribution];
                    sb.Append("<mark class=\"").Append(best.Kind).Append(" s").Append(best.Colour.ToString(CultureInfo.InvariantCulture))
                      .Append("\" data-attribution=\"").Append(best.Attribution.ToString(CultureInfo.InvariantCulture))
                      .Append("\" title=\"").Append(Html.E(Tooltip(doc, a))).Append("\">");
                }

                open = best;
            }

            sb.Append(Html.E(doc.Text.Substring(start, end - start)));
        }

        if (open is not null)
        {
            sb.Append("</mark>");
        }
    }

    private static void AppendAttributionTable(StringBuilder sb, Document doc, Dictionary<string, Speaker> speakers)
    {
        sb.Append("<section id=\"attributions\"><h2>Attributions</h2>");
        if (doc.Attributions.Count == 0)
        {
            sb.Append("<p class=\"muted\">No attributions found.</p></section>");
            return;
        }

        sb.Append("<table><thead><tr><th>#</th><th>speaker</th><th>cue</th><th>kind</th><th>stance</th><th>content</th></tr></thead><tbody>");
        for (int i = 0; i < doc.Attributions.Count; i++)
        {
            var a = doc.Attributions[i];
            var s = speakers[KeyOf(doc, a)];
            string content = string.Join(" … ", a.Content.Select(c => doc.Slice(c)));
            sb.Append("<tr><td>").Append((i + 1).ToString(CultureInfo.InvariantCulture))
              .Append("</td><td><span class=\"swatch s").Append(s.Colour.ToString(CultureInfo.InvariantCulture)).Append("\"></span>")
              .Append(Html.E(a.Source is { } src ? doc.Slice(src) : s.Name))
              .Append("</td><td>").Append(Html.E(a.Cue is { } cue ? doc.Slice(cue) : "—"))
              .Append("</td><td>").Append(Html.E(DocumentJson.KindName(a.Kind))).Append(a.Hedged ? " <span class=\"pill\">hedged</span>" : string.Empty)
              .Append("</td><td>").Append(Html.E(a.Stance ?? "—"))
              .Append("</td><td>").Append(Html.E(Html.Clip(content, 400))).Append("</td></tr>");
        }

        sb.Append("</tbody></table></section>");
    }

    private static void AppendFlags(StringBuilder sb, Document doc)
    {
        if (doc.Flags.Count == 0)
        {
            return;
        }

        sb.Append("<section id=\"flags\"><h2>Flags</h2><ul>");
        foreach (var f in doc.Flags)
        {
            string where = f.Start >= 0 && f.End <= doc.Text.Length && f.End >= f.Start ? doc.Text.Substring(f.Start, f.End - f.Start) : string.Empty;
            sb.Append("<li class=\"flag\"><strong>").Append(Html.E(f.Code)).Append("</strong> ")
              .Append(Html.E(f.Message)).Append(" <span class=\"muted\">“").Append(Html.E(Html.Clip(where, 80))).Append("”</span></li>");
        }

        sb.Append("</ul></section>");
    }

    private static string Tooltip(Document doc, Attribution a)
    {
        string who = a.Source is { } s ? doc.Slice(s) : "unattributed";
        string cue = a.Cue is { } c ? doc.Slice(c) : DocumentJson.KindName(a.Kind);
        return Html.Clip($"{who} — {cue}", 120);
    }

    private static Dictionary<string, Speaker> CollectSpeakers(Document doc, Func<int, string?>? speakerLink)
    {
        var entities = doc.Entities.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var speakers = new Dictionary<string, Speaker>(StringComparer.Ordinal);
        for (int i = 0; i < doc.Attributions.Count; i++)
        {
            var a = doc.Attributions[i];
            string key = KeyOf(doc, a);
            if (!speakers.TryGetValue(key, out var s))
            {
                string name;
                string? type = null;
                if (a.Speaker is not null && entities.TryGetValue(a.Speaker, out var e))
                {
                    name = e.Name;
                    type = DocumentJson.TypeName(e.Type);
                }
                else
                {
                    name = a.Source is { } src ? Html.Clip(doc.Slice(src), 80) : "(no named source)";
                }

                s = new Speaker(key, name, type, speakers.Count, speakers.Count % Colours);
                speakers[key] = s;
            }

            s.Count++;
            s.Link ??= speakerLink?.Invoke(i);
        }

        return speakers;
    }

    private static string KeyOf(Document doc, Attribution a)
    {
        if (a.Speaker is not null)
        {
            return "entity:" + a.Speaker;
        }

        return a.Source is { } src ? "source:" + doc.Slice(src).ReplaceLineEndings(" ").Trim().ToLowerInvariant() : "none";
    }

    private sealed record Mark(TextSpan Span, string Kind, int Priority, int Colour, int Attribution);

    private sealed class Speaker(string key, string name, string? type, int order, int colour)
    {
        public string Key { get; } = key;

        public string Name { get; } = name;

        public string? Type { get; } = type;

        public int Order { get; } = order;

        public int Colour { get; } = colour;

        public int Count { get; set; }

        public string? Link { get; set; }
    }
}
