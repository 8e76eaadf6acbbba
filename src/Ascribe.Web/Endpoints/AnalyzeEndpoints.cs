using System.Buffers;
using System.Text;
using System.Text.Json;
using Ascribe.Core.Documents;
using Ascribe.Core.Serialization;
using Ascribe.Web.Analysis;
using Ascribe.Web.Pages;
using Ascribe.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Ascribe.Web.Endpoints;

/// <summary><c>POST /api/analyze</c> and the paste/upload form that renders the report page.</summary>
public static class AnalyzeEndpoints
{
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web);
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/analyze", AnalyzeApi)
            .WithName("Analyze")
            .WithSummary("Analyze one article")
            .WithDescription("Send JSON {\"text\": ...} or {\"html\": ...} (plus optional id, title, url, outlet, published, author), or a raw text/plain or text/html body. Returns the document in Ascribe's analyze JSON schema (docs/schema.md), as `ascribe analyze --format json` prints it.")
            .Accepts<AnalyzeRequest>("application/json", "text/plain", "text/html")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        app.MapGet("/", (SiteInfo site) => Html.Result(Html.Page("Analyze an article", HomePage(site), site.HasCorpus)))
            .ExcludeFromDescription();
        app.MapGet("/analyze", () => Results.Redirect("/")).ExcludeFromDescription();
        app.MapPost("/analyze", AnalyzeForm).ExcludeFromDescription();
    }

    /// <summary>Reads, parses and analyzes an API request body.</summary>
    private static async Task<IResult> AnalyzeApi(HttpContext context, AnalysisService analysis, WebServerOptions options, CancellationToken cancellationToken)
    {
        var body = await RequestLimits.ReadBodyAsync(context.Request, options.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.TooLarge(options.MaxRequestBytes);
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) || mediaType.MediaType.Value is not string type)
        {
            return Problems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send application/json ({\"text\": ...}), text/plain or text/html.");
        }

        AnalyzeRequest? request;
        if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            if (body.Length == 0)
            {
                return Problems.BadRequest("The request body is empty; send {\"text\": \"...\"}.");
            }

            try
            {
                request = JsonSerializer.Deserialize<AnalyzeRequest>(body, RequestJson);
            }
            catch (JsonException ex)
            {
                return Problems.BadRequest("The request body is not valid JSON for this endpoint: " + ex.Message);
            }

            if (request is null)
            {
                return Problems.BadRequest("The request body must be a JSON object.");
            }
        }
        else if (type.Equals("text/plain", StringComparison.OrdinalIgnoreCase) || type.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        {
            string? text = Decode(body);
            if (text is null)
            {
                return Problems.BadRequest("The request body is not valid UTF-8.");
            }

            var query = context.Request.Query;
            bool html = type.Equals("text/html", StringComparison.OrdinalIgnoreCase);
            request = new AnalyzeRequest
            {
                Id = query["id"],
                Title = query["title"],
                Url = query["url"],
                Text = html ? null : text,
                Html = html ? text : null,
            };
        }
        else
        {
            return Problems.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Content type '{type}' is not accepted; send application/json, text/plain or text/html.");
        }

        var doc = analysis.Analyze(request, out var problem);
        if (doc is null)
        {
            return Problems.BadRequest(problem!);
        }

        return Json(doc);
    }

    /// <summary>Serializes a document as the analyze JSON; the default encoder escapes &lt;, &gt; and &amp;.</summary>
    public static IResult Json(Document doc)
    {
        var buffer = new ArrayBufferWriter<byte>(doc.Text.Length * 3 + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            DocumentJson.Write(writer, doc);
        }

        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> AnalyzeForm(HttpContext context, AnalysisService analysis, SiteInfo site, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return Html.Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported form", "Send the article with the form on the start page.", site.HasCorpus);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            return Html.Error(StatusCodes.Status400BadRequest, "Bad form", ex.Message, site.HasCorpus);
        }

        // Browsers submit a textarea's line breaks as CRLF (HTML form encoding); the article had LF.
        string? text = ((string?)form["text"])?.Replace("\r\n", "\n", StringComparison.Ordinal);
        bool isHtml = form["format"] == "html";
        var file = form.Files.GetFile("file");
        if (file is not null && file.Length > 0)
        {
            using var stream = new MemoryStream();
            await file.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            text = Decode(stream.ToArray());
            if (text is null)
            {
                return Html.Error(StatusCodes.Status400BadRequest, "Unreadable file", $"{file.FileName} is not UTF-8 text or HTML.", site.HasCorpus);
            }

            string ext = Path.GetExtension(file.FileName);
            isHtml = ext.Equals(".html", StringComparison.OrdinalIgnoreCase) || ext.Equals(".htm", StringComparison.OrdinalIgnoreCase)
                || (form["format"] != "text" && HtmlText.LooksLikeHtml(text));
        }

        var request = new AnalyzeRequest
        {
            Title = form["title"],
            Url = form["url"],
            Text = isHtml ? null : text,
            Html = isHtml ? text : null,
        };
        var doc = analysis.Analyze(request, out var problem);
        if (doc is null)
        {
            return Html.Error(StatusCodes.Status400BadRequest, "Nothing to analyze", problem!, site.HasCorpus);
        }

        return Html.Result(ReportPages.RenderPage(doc, site));
    }

    private static string HomePage(SiteInfo site)
    {
        var sb = new StringBuilder();
        sb.Append("<h1>Who said what, according to whom?</h1>")
          .Append("<p class=\"muted\">Paste an article or upload a .txt or .html file. Ascribe finds the speakers, the quotes and how they are attributed.</p>")
          .Append("<form class=\"card\" id=\"paste\" method=\"post\" action=\"/analyze\">")
          .Append("<p><label>Title (optional) <input type=\"text\" name=\"title\" maxlength=\"300\"></label></p>")
          .Append("<p><label for=\"text\">Article text</label></p><textarea id=\"text\" name=\"text\" required></textarea>")
          .Append("<p><label><input type=\"radio\" name=\"format\" value=\"text\" checked> plain text</label> ")
          .Append("<label><input type=\"radio\" name=\"format\" value=\"html\"> HTML source</label></p>")
          .Append("<p><button type=\"submit\">Analyze</button></p></form>")
          .Append("<form class=\"card\" id=\"upload\" method=\"post\" action=\"/analyze\" enctype=\"multipart/form-data\">")
          .Append("<p><label>Upload a file <input type=\"file\" name=\"file\" accept=\".txt,.md,.html,.htm,text/plain,text/html\" required></label></p>")
          .Append("<p><button type=\"submit\">Analyze file</button></p></form>");
        if (site.HasCorpus)
        {
            sb.Append("<form class=\"card\" method=\"get\" action=\"/search\" role=\"search\"><p><label>Search the store <input type=\"search\" name=\"q\"></label> <button type=\"submit\">Search</button></p></form>");
        }

        sb.Append("<p class=\"muted\">Requests are limited to ").Append(Html.E(FormatBytes(site.MaxRequestBytes)))
          .Append(". The JSON API is described at <a href=\"/openapi/v1.json\">/openapi/v1.json</a>.</p>");
        return sb.ToString();
    }

    private static string FormatBytes(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " KB";

    /// <summary>Decodes UTF-8 (dropping a byte-order mark); null when the bytes are not valid UTF-8.</summary>
    private static string? Decode(byte[] bytes)
    {
        try
        {
            var span = bytes.AsSpan();
            if (span.StartsWith(Encoding.UTF8.Preamble))
            {
                span = span[3..];
            }

            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
