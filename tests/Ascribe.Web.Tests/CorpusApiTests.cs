using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ascribe.Web.Tests;

public sealed class CorpusApiTests : IDisposable
{
    private const string Token = "test-token-7f3a";
    private readonly string _dir = Directory.CreateTempSubdirectory("ascribe-web-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<TestApp> StartAsync(string? token = Token) => TestApp.StartAsync(new WebServerOptions
    {
        Database = Path.Combine(_dir, "web.db"),
        ApiToken = token,
    });

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static readonly object[] Wire =
    {
        new { id = "wire-1", outlet = "Harbor Gazette", published = "2026-03-02", title = "Mayor promises bridge rebuild",
              text = "\"We will rebuild the bridge before the summer, and we will do it without new taxes,\" Mayor Helen Brandt told reporters.\n\n\"The numbers do not add up,\" said council member Tom Okafor." },
        new { id = "wire-2", outlet = "Valley Courier", published = "2026-03-03", title = "Bridge to reopen by summer",
              text = "The old bridge will be back soon.\n\n\"We will rebuild the bridge before the summer, and we will do it without new taxes,\" Mayor Helen Brandt said on Tuesday." },
    };

    private static async Task<JsonDocument> IngestAsync(TestApp app, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ingest_WithoutToken_Returns401ProblemDetails()
    {
        await using var app = await StartAsync();
        using var response = await app.Client.PostAsync("/api/ingest", Json(Wire));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/api/documents"));
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer test-token-7f3")]
    [InlineData("Basic dGVzdC10b2tlbi03ZjNh")]
    [InlineData("test-token-7f3a")]
    public async Task Ingest_WrongToken_Returns401(string authorization)
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = Json(Wire) };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Ingest_OnReadOnlyServer_Returns403()
    {
        await using var app = await StartAsync(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = Json(Wire) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("read-only", json.RootElement.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ingest_BadArticle_Returns400AndStoresNothing()
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = Json(new object[] { Wire[0], new { id = "empty", text = " " } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Article 1:", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var docs = JsonDocument.Parse(await app.Client.GetStringAsync("/api/documents"));
        Assert.Equal(0, docs.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Ingest_ThenSearchSpeakerDocumentsAndTracked()
    {
        await using var app = await StartAsync();
        using (var summary = await IngestAsync(app, Wire))
        {
            Assert.Equal(2, summary.RootElement.GetProperty("stored").GetInt32());
        }

        using (var again = await IngestAsync(app, Wire[0]))
        {
            Assert.Equal(1, again.RootElement.GetProperty("already_known").GetInt32());
            Assert.Equal(0, again.RootElement.GetProperty("stored").GetInt32());
        }

        using var hits = JsonDocument.Parse(await app.Client.GetStringAsync("/api/search?q=numbers"));
        var hit = Assert.Single(hits.RootElement.EnumerateArray());
        Assert.Equal("wire-1", hit.GetProperty("external_id").GetString());
        Assert.Contains("do not add up", hit.GetProperty("content").GetString(), StringComparison.Ordinal);

        using var speakers = JsonDocument.Parse(await app.Client.GetStringAsync("/api/speakers?q=Brandt"));
        var brandt = speakers.RootElement.EnumerateArray().First();
        long id = brandt.GetProperty("id").GetInt64();
        using var profile = JsonDocument.Parse(await app.Client.GetStringAsync($"/api/speakers/{id}"));
        Assert.Equal(2, profile.RootElement.GetProperty("documents").GetInt32());
        Assert.Equal(2, profile.RootElement.GetProperty("outlets").GetArrayLength());
        using var byName = JsonDocument.Parse(await app.Client.GetStringAsync("/api/speakers/Helen%20Brandt"));
        Assert.Equal(id, byName.RootElement.GetProperty("id").GetInt64());

        using var tracked = JsonDocument.Parse(await app.Client.GetStringAsync("/api/tracked"));
        var quote = Assert.Single(tracked.RootElement.EnumerateArray());
        Assert.Equal(2, quote.GetProperty("documents").GetInt32());
        Assert.Equal("wire-1", quote.GetProperty("first").GetProperty("external_id").GetString());
    }

    [Fact]
    public async Task StoredDocument_HasTheSameAttributionsAsAnalyze()
    {
        await using var app = await StartAsync();
        string text = TestApp.Sample;
        (await IngestAsync(app, new { id = "putin", text, title = "Putin" })).Dispose();
        using var list = JsonDocument.Parse(await app.Client.GetStringAsync("/api/documents"));
        long id = Assert.Single(list.RootElement.EnumerateArray()).GetProperty("id").GetInt64();

        using var stored = JsonDocument.Parse(await app.Client.GetStringAsync($"/api/documents/{id}"));
        using var analyzed = JsonDocument.Parse(await (await app.Client.PostAsync("/api/analyze", Json(new { id = "putin", text, title = "Putin" }))).Content.ReadAsStringAsync());
        var doc = stored.RootElement.GetProperty("document");
        Assert.Equal("putin", doc.GetProperty("id").GetString());
        Assert.Equal(text.Length, doc.GetProperty("length").GetInt32());
        var expected = analyzed.RootElement.GetProperty("attributions");
        var actual = doc.GetProperty("attributions");
        Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
        Assert.Equal(expected.GetArrayLength(), stored.RootElement.GetProperty("speaker_ids").GetArrayLength());
        for (int i = 0; i < expected.GetArrayLength(); i++)
        {
            foreach (var field in new[] { "kind", "source", "cue", "content", "speaker", "stance", "hedged" })
            {
                Assert.True(JsonElement.DeepEquals(expected[i].GetProperty(field), actual[i].GetProperty(field)), $"attribution {i} field {field}");
            }
        }
    }

    [Theory]
    [InlineData("/api/documents/424242", HttpStatusCode.NotFound)]
    [InlineData("/api/speakers/Nobody%20Atall", HttpStatusCode.NotFound)]
    [InlineData("/api/search?q=x&limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/search?q=x&limit=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/documents?offset=-1", HttpStatusCode.BadRequest)]
    [InlineData("/api/tracked?min=1", HttpStatusCode.BadRequest)]
    public async Task ReadEndpoints_BadOrUnknown_ReturnProblemDetails(string path, HttpStatusCode status)
    {
        await using var app = await StartAsync();
        using var response = await app.Client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StorePages_EscapeStoredMarkup()
    {
        await using var app = await StartAsync();
        (await IngestAsync(app, new
        {
            id = "x<script>",
            outlet = "<img src=x onerror=alert(1)>",
            title = "<script>alert('t')</script>",
            text = "\"<script>window.__pwned=1</script> is fine,\" the mayor said.\n\nThey said <b onclick=alert(2)>Mr. Evil</b> left.",
        })).Dispose();
        using var list = JsonDocument.Parse(await app.Client.GetStringAsync("/api/documents"));
        long id = Assert.Single(list.RootElement.EnumerateArray()).GetProperty("id").GetInt64();
        foreach (var path in new[] { "/documents", $"/documents/{id}", "/search?q=fine", "/speakers", "/tracked" })
        {
            string html = await app.Client.GetStringAsync(path);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("<[^>]*\\son[a-z]+\\s*=", html);
        }

        string page = await app.Client.GetStringAsync($"/documents/{id}");
        Assert.Contains("<mark class=", page, StringComparison.Ordinal);
        string unmarked = System.Text.RegularExpressions.Regex.Replace(page, "</?mark[^>]*>", string.Empty);
        Assert.Contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;", unmarked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_ListsStoreEndpoints()
    {
        await using var app = await StartAsync();
        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/analyze", "/api/search", "/api/speakers/{id}", "/api/documents/{id}", "/api/tracked", "/api/ingest" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        Assert.True(paths.GetProperty("/api/ingest").GetProperty("post").GetProperty("responses").TryGetProperty("401", out _));
    }
}
