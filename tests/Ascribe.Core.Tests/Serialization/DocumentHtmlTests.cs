using System.Text.RegularExpressions;
using Ascribe.Core.Documents;
using Ascribe.Core.Serialization;

namespace Ascribe.Core.Tests.Serialization;

public sealed class DocumentHtmlTests
{
    private static readonly string[] ForbiddenTags = { "<script", "<img", "<iframe", "<object", "<embed", "<link", "<svg", "<b>", "<form" };

    [Fact]
    public void Render_ArticleMarkupAppearsAsText_NeverAsTags()
    {
        string text = "<script>alert(1)</script> The minister said <img src=x onerror=alert(2)> was \"<b>bold</b>\" & fine.\n\n" +
                      "\"<iframe src='//evil.example'></iframe> is the plan,\" she said <a href=\"javascript:alert(3)\">here</a>.";
        var doc = TestText.Analyze(text);
        doc.Meta["title"] = "<script>alert('title')</script>";
        doc.Meta["url"] = "javascript:alert(4)\"><script>";
        Assert.NotEmpty(doc.Attributions);

        string html = DocumentHtml.Render(doc);

        foreach (var tag in ForbiddenTags)
        {
            Assert.DoesNotContain(tag, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("<a href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&amp; fine", html, StringComparison.Ordinal);
        // Decoding the visible text of the article gives back the original characters.
        var article = Regex.Match(html, "<article[^>]*>(.*)</article>", RegexOptions.Singleline).Groups[1].Value;
        article = Regex.Replace(article, "<a class=\"fmark\"[^>]*>[0-9]+</a>", string.Empty);
        string visible = System.Net.WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(article, "<br>", "\n"), "<[^>]+>", string.Empty));
        Assert.Contains("<script>alert(1)</script> The minister said <img src=x onerror=alert(2)>", visible, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IsSelfContainedWithAStrictPolicy()
    {
        var doc = TestText.Analyze("\"We will win,\" the general said.");
        string html = DocumentHtml.Render(doc);
        Assert.Contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HighlightsSourceCueAndContentByAttribution()
    {
        var doc = TestText.Analyze("\"We will win,\" the general said. The mayor said the bridge would reopen.");
        Assert.Equal(2, doc.Attributions.Count);
        string html = DocumentHtml.Render(doc);
        Assert.Matches("<span class=\"src sp0\"[^>]*>(<span class=\"flag\"[^>]*>)?the general</span>", html);
        Assert.Matches("<span class=\"cue sp0\"[^>]*>(<span class=\"flag\"[^>]*>)?said</span>", html);
        Assert.Matches("<span class=\"content sp0\"[^>]*>(<span class=\"flag\"[^>]*>)?&quot;We will win,&quot;</span>", html);
        Assert.Matches("<span class=\"src sp1\"[^>]*>(<span class=\"flag\"[^>]*>)?The mayor</span>", html);
        // Every opened span is closed: nested and overlapping marks are cut into pieces.
        Assert.Equal(Regex.Matches(html, "<span").Count, Regex.Matches(html, "</span>").Count);
    }

    [Fact]
    public void Render_NestedAttributionsNestWellFormedSpans()
    {
        var doc = TestText.Text("According to Reuters, officials said the border was closed.");
        var outer = new Attribution { Kind = AttributionKind.According, Source = new TextSpan(13, 20), Cue = new TextSpan(0, 12) };
        outer.Content.Add(new TextSpan(22, 59));
        var inner = new Attribution { Source = new TextSpan(22, 31), Cue = new TextSpan(32, 36) };
        inner.Content.Add(new TextSpan(37, 59));
        doc.Attributions.Add(outer);
        doc.Attributions.Add(inner);
        new Ascribe.Core.Components.Audit.AuditComponent().Process(doc);
        string html = DocumentHtml.Render(doc);
        Assert.Matches("<span class=\"content sp0\" data-attribution=\"1\"[^>]*><span class=\"src sp1\" data-attribution=\"2\"[^>]*>(<span class=\"flag\"[^>]*>)?officials</span>", html);
        Assert.Equal(Regex.Matches(html, "<span").Count, Regex.Matches(html, "</span>").Count);
    }

    [Fact]
    public void Render_SourcesPanelFlagsAndSummary()
    {
        var doc = TestText.Text("A senior official said the talks may fail. John Smith said the talks were over.");
        var anon = new Attribution { Source = new TextSpan(0, 17), Cue = new TextSpan(18, 22) };
        anon.Content.Add(new TextSpan(23, 41));
        var named = new Attribution { Source = new TextSpan(43, 53), Cue = new TextSpan(54, 58), Speaker = "e1" };
        named.Content.Add(new TextSpan(59, 78));
        doc.Attributions.Add(anon);
        doc.Attributions.Add(named);
        var e1 = new Entity("e1", "John Smith") { Type = SourceType.Person };
        e1.Aliases.Add("Smith");
        e1.Mentions.Add(new TextSpan(43, 53));
        doc.Entities.Add(e1);
        new Ascribe.Core.Components.Audit.AuditComponent().Process(doc);

        string html = DocumentHtml.Render(doc);

        Assert.Contains("<section id=\"sources\"", html, StringComparison.Ordinal);
        Assert.Contains("A senior official</td><td><span class=\"badge t-anonymous\">anonymous</span>", html, StringComparison.Ordinal);
        Assert.Contains("John Smith<div class=\"aliases\">also: Smith</div></td><td><span class=\"badge t-person\">person</span>", html, StringComparison.Ordinal);
        // Each flag in the list links to an anchor placed at its span, and back.
        for (int k = 1; k <= doc.Flags.Count; k++)
        {
            Assert.Contains($"<a href=\"#flag-{k}\">", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"flag-{k}\" href=\"#fl-{k}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains(doc.Flags, f => f.Code == FlagCodes.AnonymousSource);
        Assert.Contains(doc.Flags, f => f.Code == FlagCodes.HedgedClaim);
        Assert.Contains("<dt>Anonymous</dt><dd>50% of attributions (1)</dd>", html, StringComparison.Ordinal);
    }
}
