using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Ascribe.Core.Serialization;
using Ascribe.Store;
using Ascribe.Store.Ingest;
using Ascribe.Store.Queries;
using Ascribe.Web.Analysis;
using Ascribe.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ascribe.Web.Endpoints;

/// <summary>
/// The store-backed JSON API: search, speakers, documents, tracked quotes (read) and ingest (write,
/// token-protected). Shapes follow the CLI's <c>--format json</c> output (snake_case names).
/// </summary>
public static class CorpusApi
{
    /// <summary>JSON settings shared with the CLI's store commands.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        IncludeFields = true,
    };

    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web);
    private static readonly SemaphoreSlim IngestGate = new(1, 1);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/search", Search).WithName("Search").WithSummary("Search stored quotes")
            .WithDescription("Full-text search over quote content (q) with optional speaker, outlet, since, until (ISO dates), type (attribution kind or speaker type) and limit; as `ascribe search --format json`.")
            .Produces<IReadOnlyList<QuoteHit>>();
        api.MapGet("/speakers", Speakers).WithName("Speakers").WithSummary("List speakers, most quoted first, optionally filtered by name (q)")
            .Produces<IReadOnlyList<SpeakerSummary>>();
        api.MapGet("/speakers/{id}", Speaker).WithName("Speaker").WithSummary("A speaker's profile: aliases, quotes over time, outlets, stances, recent quotes")
            .WithDescription("{id} is the numeric speaker id or a name, alias or spelling variant; as `ascribe speaker NAME --format json`.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/documents", Documents).WithName("Documents").WithSummary("List stored documents, newest first (offset, limit)")
            .Produces<IReadOnlyList<DocumentSummary>>();
        api.MapGet("/documents/{id:long}", Document).WithName("Document").WithSummary("One stored document in the analyze JSON schema")
            .WithDescription("Returns {store_id, duplicate_of, speaker_ids, document}; document has the analyze JSON schema (docs/schema.md) rebuilt from the store, speaker_ids gives each attribution's cross-document speaker id.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/tracked", Tracked).WithName("Tracked").WithSummary("Quotes that appear in several articles, first appearance first (min, limit)")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapPost("/ingest", Ingest).WithName("Ingest").WithSummary("Analyze and store articles (needs the API token)")
            .WithDescription("Body: one article object or an array of them ({id, text | html, title, url, outlet, published, author}). Needs 'Authorization: Bearer <token>'; a server started without a token answers 403.")
            .AddEndpointFilter<ApiToken>()
            .Accepts<AnalyzeRequest[]>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>Parses an optional integer query value within [min, max]; null on a bad value.</summary>
    public static bool TryInt(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    /// <summary>Resolves a speaker path segment: digits are an id, anything else a name.</summary>
    public static string SpeakerKey(string id) => id.All(char.IsAsciiDigit) ? "#" + id : id;

    private static IResult Search(HttpRequest request, IDocumentStore store, WebServerOptions options)
    {
        var q = request.Query;
        if (!TryInt(q["limit"], 50, 1, options.MaxResults, out int limit))
        {
            return Problems.BadRequest($"'limit' must be a whole number from 1 to {options.MaxResults}.");
        }

        var query = new SearchQuery
        {
            Text = q["q"],
            Speaker = q["speaker"],
            Outlet = q["outlet"],
            Since = q["since"],
            Until = q["until"],
            Type = q["type"],
            Limit = limit,
        };
        return Results.Json(store.Search(query), Json);
    }

    private static IResult Speakers(HttpRequest request, IDocumentStore store, WebServerOptions options)
    {
        if (!TryInt(request.Query["limit"], 50, 1, options.MaxResults, out int limit))
        {
            return Problems.BadRequest($"'limit' must be a whole number from 1 to {options.MaxResults}.");
        }

        string? filter = request.Query["q"];
        return Results.Json(store.Speakers(string.IsNullOrWhiteSpace(filter) ? null : filter, limit), Json);
    }

    private static IResult Speaker(string id, HttpRequest request, IDocumentStore store)
    {
        if (!TryInt(request.Query["recent"], 10, 0, 200, out int recent))
        {
            return Problems.BadRequest("'recent' must be a whole number from 0 to 200.");
        }

        var profile = store.Speaker(SpeakerKey(id), recent);
        if (profile is null)
        {
            return Problems.NotFound($"No speaker matches '{id}'.");
        }

        return Results.Json(profile.ToJsonShape(), Json);
    }

    private static IResult Documents(HttpRequest request, IDocumentStore store, WebServerOptions options)
    {
        if (!TryInt(request.Query["limit"], 50, 1, options.MaxResults, out int limit) || !TryInt(request.Query["offset"], 0, 0, int.MaxValue, out int offset))
        {
            return Problems.BadRequest($"'limit' must be a whole number from 1 to {options.MaxResults} and 'offset' a whole number from 0.");
        }

        return Results.Json(store.Documents(offset, limit), Json);
    }

    private static IResult Document(long id, IDocumentStore store)
    {
        var stored = store.Document(id);
        if (stored is null)
        {
            return Problems.NotFound($"No document with id {id}.");
        }

        var buffer = new ArrayBufferWriter<byte>(stored.Doc.Text.Length * 3 + 1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("store_id", stored.Id);
            if (stored.DuplicateOf is long dup)
            {
                w.WriteNumber("duplicate_of", dup);
            }
            else
            {
                w.WriteNull("duplicate_of");
            }

            w.WriteStartArray("speaker_ids");
            foreach (var s in stored.SpeakerIds)
            {
                if (s is long v)
                {
                    w.WriteNumberValue(v);
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            w.WriteEndArray();
            w.WritePropertyName("document");
            DocumentJson.Write(w, stored.Doc);
            w.WriteEndObject();
        }

        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json; charset=utf-8");
    }

    private static IResult Tracked(HttpRequest request, IDocumentStore store, WebServerOptions options)
    {
        if (!TryInt(request.Query["limit"], 20, 1, options.MaxResults, out int limit) || !TryInt(request.Query["min"], 2, 2, 1000, out int min))
        {
            return Problems.BadRequest($"'limit' must be a whole number from 1 to {options.MaxResults} and 'min' from 2 to 1000.");
        }

        return Results.Json(store.Tracked(min, limit).Select(t => new
        {
            id = t.Id,
            text = t.Text,
            documents = t.Documents,
            outlets = t.Outlets,
            first = t.Appearances.Count > 0 ? t.Appearances[0] : null,
            appearances = t.Appearances,
        }), Json);
    }

    private static async Task<IResult> Ingest(HttpContext context, IDocumentStore store, AnalysisService analysis, WebServerOptions options, CancellationToken cancellationToken)
    {
        var body = await RequestLimits.ReadBodyAsync(context.Request, options.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.TooLarge(options.MaxRequestBytes);
        }

        if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send application/json: one article object or an array of them.");
        }

        List<AnalyzeRequest> requests;
        try
        {
            using var json = JsonDocument.Parse(body);
            requests = json.RootElement.ValueKind switch
            {
                JsonValueKind.Array => json.RootElement.Deserialize<List<AnalyzeRequest>>(RequestJson) ?? new(),
                JsonValueKind.Object => new List<AnalyzeRequest> { json.RootElement.Deserialize<AnalyzeRequest>(RequestJson)! },
                _ => throw new JsonException("expected an object or an array of objects"),
            };
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest("The request body is not valid JSON for this endpoint: " + ex.Message);
        }

        if (requests.Count == 0)
        {
            return Problems.BadRequest("The array has no articles.");
        }

        var articles = new List<IncomingArticle>(requests.Count);
        for (int i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            if (r is null)
            {
                return Problems.BadRequest($"Article {i}: not an object.");
            }

            var (text, title, problem) = AnalysisService.ReadableText(r);
            if (text is null)
            {
                return Problems.BadRequest($"Article {i}: {problem}");
            }

            var meta = new Dictionary<string, string>(StringComparer.Ordinal);
            Put(meta, "title", title);
            Put(meta, "url", r.Url);
            Put(meta, "outlet", r.Outlet);
            Put(meta, "published", r.Published);
            Put(meta, "author", r.Author);
            string id = string.IsNullOrWhiteSpace(r.Id) ? AnalysisService.ContentId(text) : r.Id.Trim();
            articles.Add(new IncomingArticle(id, "api:" + i.ToString(CultureInfo.InvariantCulture), text, meta));
        }

        // One ingest at a time per server: batches are claimed from the shared queue, so a second
        // concurrent caller would only wait on the same work.
        await IngestGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var runner = new IngestRunner(store, analysis.Pipeline) { Workers = 1, BatchSize = 50 };
            var enqueued = runner.Enqueue(articles);
            var summary = runner.Drain(enqueued, cancellationToken: cancellationToken);
            return Results.Json(new
            {
                enqueued = summary.Enqueued,
                already_known = summary.AlreadyKnown,
                stored = summary.Stored,
                near_duplicates = summary.NearDuplicates,
                failed = summary.Failed,
                attributions = summary.Attributions,
                errors = summary.Errors,
            }, Json);
        }
        finally
        {
            IngestGate.Release();
        }
    }

    private static void Put(Dictionary<string, string> meta, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            meta[key] = value.Trim();
        }
    }
}
