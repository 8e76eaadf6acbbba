using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Ascribe.Web.Pages;

/// <summary>
/// Server-rendered HTML: one encoder for every piece of text that reaches a page, and the shared
/// layout. Pages carry no script; styles are inline so the page needs no other request.
/// </summary>
public static class Html
{
    // Keeps non-ASCII letters readable; still encodes < > & " ' and control characters.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>HTML-encodes <paramref name="text"/> for element content and quoted attribute values.</summary>
    public static string E(string? text) => string.IsNullOrEmpty(text) ? string.Empty : Encoder.Encode(text);

    /// <summary>Escapes one path segment or query value of a same-site link.</summary>
    public static string U(string text) => Uri.EscapeDataString(text);

    /// <summary>Returns an HTML result with the right content type.</summary>
    public static IResult Result(string html, int status = StatusCodes.Status200OK)
        => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>Wraps <paramref name="body"/> (already safe HTML) in the site layout.</summary>
    public static string Page(string title, string body, bool corpus)
    {
        var sb = new StringBuilder(body.Length + 4096);
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<title>").Append(E(title)).Append(" · Ascribe</title><style>").Append(Style).Append("</style></head><body>")
          .Append("<header class=\"top\"><a class=\"brand\" href=\"/\">Ascribe</a><nav>")
          .Append("<a href=\"/\">Analyze</a>");
        if (corpus)
        {
            sb.Append("<a href=\"/documents\">Documents</a><a href=\"/speakers\">Speakers</a><a href=\"/tracked\">Tracked quotes</a>")
              .Append("<form class=\"navsearch\" method=\"get\" action=\"/search\" role=\"search\"><input type=\"search\" name=\"q\" placeholder=\"Search the store\" aria-label=\"Search the store\"><button type=\"submit\">Search</button></form>");
        }

        sb.Append("<a href=\"/openapi/v1.json\">API</a></nav></header><main>")
          .Append(body)
          .Append("</main></body></html>");
        return sb.ToString();
    }

    /// <summary>A page that says what went wrong, with the given status code.</summary>
    public static IResult Error(int status, string title, string detail, bool corpus)
        => Result(Page(title, $"<h1>{E(title)}</h1><p class=\"error\">{E(detail)}</p><p><a href=\"/\">Back to the start page</a></p>", corpus), status);

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="max"/> characters on one line.</summary>
    public static string Clip(string text, int max)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    private const string Style = """
        :root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#f7f8fa;--accent:#2d5bd7}
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg)}
        header.top{display:flex;gap:1.5rem;align-items:center;padding:.6rem 1.5rem;background:#fff;border-bottom:1px solid var(--line);flex-wrap:wrap}
        .brand{font-weight:700;font-size:1.2rem;color:var(--ink);text-decoration:none}
        nav{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}nav a{color:var(--accent);text-decoration:none}
        .navsearch{display:flex;gap:.3rem}main{max-width:1200px;margin:0 auto;padding:1rem 1.5rem 3rem}
        h1{font-size:1.6rem;margin:.6rem 0}h2{font-size:1.15rem;margin:1.2rem 0 .5rem}
        textarea{width:100%;min-height:16rem;font:14px/1.4 ui-monospace,monospace;padding:.5rem}
        input[type=text],input[type=search]{padding:.35rem .5rem;border:1px solid var(--line);border-radius:4px;min-width:16rem}
        button{padding:.4rem .9rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:4px;cursor:pointer}
        .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem;margin:1rem 0}
        .muted,.meta{color:var(--muted)}.error{color:#a3141b;font-weight:600}
        .report{display:grid;grid-template-columns:minmax(14rem,20rem) 1fr;gap:1rem;align-items:start}
        @media (max-width:800px){.report{grid-template-columns:1fr}}
        .panel{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.8rem}
        .panel ul{list-style:none;margin:0;padding:0}.panel li{padding:.3rem 0;border-bottom:1px solid #eef0f4}
        .swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.4rem;vertical-align:middle}
        .text{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.2rem;white-space:pre-wrap;font:16px/1.65 Georgia,serif}
        mark{padding:0 .05rem;border-radius:2px;color:inherit}mark.src{font-weight:700}mark.cue{text-decoration:underline;text-decoration-thickness:2px}
        .s0{background:#ffe08a}.s1{background:#a8e6cf}.s2{background:#ffc4d6}.s3{background:#b5d8ff}.s4{background:#e0c3fc}.s5{background:#ffd3a5}.s6{background:#c1f0f6}.s7{background:#dfe7a4}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
        th{background:#eef1f6}.pill{display:inline-block;padding:0 .4rem;border-radius:8px;background:#eef1f6;font-size:.8rem}
        .flag{color:#8a4b00}.pager a{margin-right:1rem}
        .bar{display:inline-block;height:.7rem;max-width:75%;background:var(--accent);border-radius:2px;vertical-align:middle}
        """;
}
