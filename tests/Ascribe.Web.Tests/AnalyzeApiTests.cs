using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ascribe.Core.Pipeline;
using Ascribe.Core.Serialization;

namespace Ascribe.Web.Tests;

public sealed class AnalyzeApiTests
{
    [Fact]
    public async Task Analyze_SampleJson_ReturnsTheSameDocumentAsTheCli()
    {
        await using var app = await TestApp.StartAsync();
        string text = TestApp.Sample;
        var body = JsonSerializer.Serialize(new { id = "putin-inner-circle", text, title = "Putin's inner circle" });
        using var response = await app.Client.PostAsync("/api/analyze", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var served = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var doc = DefaultPipeline.Create().Run("putin-inner-circle", text);
        doc.Meta["title"] = "Putin's inner circle";
        using var expected = JsonDocument.Parse(DocumentJson.ToJsonLine(doc));
        Assert.True(JsonElement.DeepEquals(expected.RootElement, served.RootElement));
        Assert.Contains(served.RootElement.GetProperty("attributions").EnumerateArray(),
            a => a.GetProperty("source").ValueKind == JsonValueKind.Object && a.GetProperty("source").GetProperty("text").GetString() == "Tschernak");
    }

    [Fact]
    public async Task Analyze_PlainTextBody_UsesQueryId()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.PostAsync("/api/analyze?id=plain-1",
            new StringContent("\"We will rebuild the bridge,\" the mayor said on Monday.", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("plain-1", json.RootElement.GetProperty("id").GetString());
        var a = Assert.Single(json.RootElement.GetProperty("attributions").EnumerateArray());
        Assert.Equal("the mayor", a.GetProperty("source").GetProperty("text").GetString());
        Assert.Equal("said", a.GetProperty("cue").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Analyze_Html_AnalyzesReadableTextOnly()
    {
        await using var app = await TestApp.StartAsync();
        const string Html = "<html><head><title>Bridge news</title><script>var said = \"nobody said this\";</script></head>"
            + "<body><nav>Home | World</nav><article><p>\"We will rebuild the bridge,\" the mayor said on Monday.</p><p>The council agreed.</p></article></body></html>";
        using var response = await app.Client.PostAsync("/api/analyze", new StringContent(JsonSerializer.Serialize(new { html = Html }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("Bridge news", root.GetProperty("meta").GetProperty("title").GetString());
        Assert.Equal("\"We will rebuild the bridge,\" the mayor said on Monday.\n\nThe council agreed.".Length, root.GetProperty("length").GetInt32());
        var attributions = root.GetProperty("attributions").EnumerateArray().ToList();
        Assert.DoesNotContain(attributions, x => x.GetRawText().Contains("nobody", StringComparison.Ordinal));
        var a = Assert.Single(attributions, x => x.GetProperty("content").GetArrayLength() > 0);
        Assert.Equal("the mayor", a.GetProperty("source").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Analyze_JsonEscapesMarkupInText()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.PostAsync("/api/analyze",
            new StringContent("\"<script>alert(1)</script>,\" she said.", Encoding.UTF8, "text/plain"));
        string raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(raw);
        Assert.Contains(json.RootElement.GetProperty("attributions").EnumerateArray(),
            a => a.GetProperty("content")[0].GetProperty("text").GetString()!.Contains("<script>alert(1)</script>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"text\": ", "not valid JSON")]
    [InlineData("[1, 2]", "not valid JSON")]
    [InlineData("{\"text\": 42}", "not valid JSON")]
    [InlineData("{}", "'text'")]
    [InlineData("{\"text\": \"   \"}", "'text'")]
    [InlineData("{\"text\": \"a\", \"html\": \"<p>b</p>\"}", "not both")]
    [InlineData("{\"html\": \"<script>x()</script>\"}", "no readable text")]
    [InlineData("", "empty")]
    public async Task Analyze_BadRequest_Returns400ProblemDetails(string body, string expected)
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.PostAsync("/api/analyze", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(expected, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_InvalidUtf8_Returns400()
    {
        await using var app = await TestApp.StartAsync();
        var content = new ByteArrayContent(new byte[] { 0x22, 0xC3, 0x28, 0xFF, 0x22 });
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await app.Client.PostAsync("/api/analyze", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Analyze_UnsupportedMediaType_Returns415()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.PostAsync("/api/analyze", new StringContent("<x/>", Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Analyze_BodyOverLimit_Returns413WithDeclaredLength()
    {
        await using var app = await TestApp.StartAsync(new WebServerOptions { MaxRequestBytes = 4096 });
        string text = string.Concat(Enumerable.Repeat("The minister said the plan works. ", 200));
        using var response = await app.Client.PostAsync("/api/analyze", new StringContent(text, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(413, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("4096", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_ChunkedBodyOverLimit_Returns413()
    {
        await using var app = await TestApp.StartAsync(new WebServerOptions { MaxRequestBytes = 4096 });
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("The minister said the plan works. ", 200)));
        var content = new StreamContent(new NoLengthStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await app.Client.PostAsync("/api/analyze", content);
        Assert.Null(content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Analyze_BodyJustUnderLimit_IsAccepted()
    {
        await using var app = await TestApp.StartAsync(new WebServerOptions { MaxRequestBytes = 4096 });
        string text = string.Concat(Enumerable.Repeat("The minister said the plan works. ", 100));
        Assert.True(Encoding.UTF8.GetByteCount(text) < 4096);
        using var response = await app.Client.PostAsync("/api/analyze", new StringContent(text, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RateLimit_ExceededWindow_Returns429WithRetryAfter()
    {
        await using var app = await TestApp.StartAsync(new WebServerOptions { RateLimitPerMinute = 3 });
        for (int i = 0; i < 3; i++)
        {
            using var ok = await app.Client.PostAsync("/api/analyze", new StringContent("He said so.", Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var limited = await app.Client.PostAsync("/api/analyze", new StringContent("He said so.", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        using var json = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        Assert.Equal(429, json.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OpenApi_DescribesTheAnalyzeEndpoint()
    {
        await using var app = await TestApp.StartAsync();
        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/openapi/v1.json"));
        var post = json.RootElement.GetProperty("paths").GetProperty("/api/analyze").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("413", out _));
    }

    [Fact]
    public async Task UnknownApiPath_Returns404ProblemDetails()
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A stream that hides its length, so the client sends the body chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
