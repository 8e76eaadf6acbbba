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
        Assert.Contains("<aside id=\"speakers\"", html, StringComparison.Ordinal);
        Assert.Matches("<li class=\"speaker\"[^>]*><span class=\"swatch s\\d\"></span><span class=\"name\">(Andriy )?Tschernak</span>", html);
        Assert.Matches("<mark class=\"src s\\d\"[^>]*>Tschernak</mark>", html);
        Assert.Matches("<mark class=\"cue s\\d\"[^>]*>told</mark>", html);
        Assert.True(Regex.Matches(html, "<mark class=\"q ").Count >= 10);
        // The highlighted text, stripped of marks and decoded, is exactly the article.
        var article = Regex.Match(html, "<article id=\"text\" class=\"text\">(.*?)</article>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(TestApp.Sample, WebUtility.HtmlDecode(Regex.Replace(article, "</?mark[^>]*>", string.Empty)));
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

        // Attribution highlights may start inside the pasted markup, so check the escaped pieces.
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
        Assert.Contains("window.__pwned = 1&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror", html, StringComparison.Ordinal);
        Assert.Contains("=&quot;window.__pwned=2&quot;&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<h1>&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;</h1>", html, StringComparison.Ordinal);
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
        Assert.Matches("<mark class=\"src s0\"[^>]*>the minister</mark>", html);
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
