using Ascribe.Core.Pipeline;
using Ascribe.Core.Serialization;
using Ascribe.Web.Analysis;
using System.Net;
using System.Text.RegularExpressions;

namespace Ascribe.Web.Tests;

public sealed class PageTests
{
    [Fact]
    public async Task Home_HasPasteAndUploadForms_AndSecurityHeaders()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form class=\"card\" id=\"paste\" method=\"post\" action=\"/analyze\">", html, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", html, StringComparison.Ordinal);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PasteSample_ShowsSpeakersPanelAndHighlights()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.PostAsync("/analyze", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["text"] = TestApp.Sample,
            ["title"] = "Negotiations",
            ["format"] = "text",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string html = await response.Content.ReadAsStringAsync();
        // The report page is the HTML report of `ascribe analyze --format html`, plus the site's navigation.
        var doc = DefaultPipeline.Create().Run(AnalysisService.ContentId(TestApp.Sample), TestApp.Sample);
        doc.Meta["title"] = "Negotiations";
        Assert.Matches("<body>\n<nav class=\"site-nav\"[^>]*>.*?<a [^>]*href=\"/\">Analyze another article</a>", html);
        Assert.Equal(DocumentHtml.Render(doc), Regex.Replace(html, "\n<nav class=\"site-nav\".*?</nav>\n", string.Empty, RegexOptions.Singleline));
        Assert.Contains("<section id=\"sources\"", html, StringComparison.Ordinal);
        Assert.Matches("<tr class=\"source\"><td><span class=\"swatch sp\\d+\"></span>(Andriy )?Tschernak", html);
        Assert.Matches("<span class=\"src sp\\d+\"[^>]*>(<span class=\"flag\"[^>]*>)?(Andriy )?Tschernak</span>", html);
        Assert.Matches("<span class=\"cue sp\\d+\"[^>]*>told</span>", html);
        Assert.True(Regex.Matches(html, "<span class=\"content sp").Count >= 10);
    }

    [Fact]
    public async Task PasteMarkup_IsShownAsTextNeverAsHtml()
    {
        await using var app = await TestApp.StartAsync();
        const string Payload = "\"<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned=2\">,\" the <b onmouseover=alert(1)>spokesman</b> said.\n\n"
            + "<svg onload=alert(3)></svg> <a href=\"javascript:alert(4)\">link</a>";
        using var response = await app.Client.PostAsync("/analyze", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["text"] = Payload,
            ["title"] = "<script>alert('title')</script>",
            ["url"] = "javascript:alert(5)",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string html = await response.Content.ReadAsStringAsync();
        foreach (var tag in new[] { "<script", "<img", "<svg", "<b ", "<a href=\"javascript" })
        {
            Assert.DoesNotContain(tag, html, StringComparison.OrdinalIgnoreCase);
        }

        // Shown as text: the article body, with highlight tags removed and entities decoded, holds each pasted paragraph verbatim.
        string article = Regex.Match(html, "<article id=\"text\" class=\"text\">(.*?)</article>", RegexOptions.Singleline).Groups[1].Value;
        string shown = WebUtility.HtmlDecode(Regex.Replace(article, "<[^>]+>", string.Empty));
        foreach (var paragraph in Payload.Split("\n\n"))
        {
            Assert.Contains(paragraph, shown, StringComparison.Ordinal);
        }

        Assert.Matches("<h1>&lt;script&gt;alert\\(&#(39|x27);title&#(39|x27);\\)&lt;/script&gt;</h1>", html);
        Assert.DoesNotMatch("<[^>]*\\son[a-z]+\\s*=", html);
    }

    [Fact]
    public async Task UploadHtmlFile_AnalyzesItsText()
    {
        await using var app = await TestApp.StartAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("<html><body><p>\"Prices will fall,\" the minister said.</p><script>document.title='x'</script></body></html>"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/html");
        form.Add(file, "file", "story.html");
        using var response = await app.Client.PostAsync("/analyze", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Matches("<span class=\"src (sp\\d+|unresolved)\"[^>]*>(<span class=\"flag\"[^>]*>)?the minister</span>", html);
        Assert.DoesNotContain("document.title", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasteNothing_Returns400Page()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.PostAsync("/analyze", new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "  " }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Build_NonLoopbackUrlWithoutAllowRemote_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => WebServer.Build(new WebServerOptions { Urls = new[] { "http://0.0.0.0:5080" } }));
        Assert.Contains("--allow-remote", ex.Message, StringComparison.Ordinal);
        Assert.Null(WebServerOptions.FirstNonLoopback(new[] { "http://127.0.0.1:5080", "http://localhost:1", "http://[::1]:2" }));
        Assert.Equal("http://*:80", WebServerOptions.FirstNonLoopback(new[] { "http://*:80" }));
    }
}
