using System.Security.Cryptography;
using System.Text;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Web.Analysis;

/// <summary>
/// Runs Ascribe's default pipeline for web requests. The pipeline is immutable and thread-safe,
/// so one instance serves every request.
/// </summary>
public sealed class AnalysisService
{
    private readonly Pipeline _pipeline;

    public AnalysisService()
        : this(DefaultPipeline.Create())
    {
    }

    public AnalysisService(Pipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>The pipeline every request runs (ingest reuses it).</summary>
    public Pipeline Pipeline => _pipeline;

    /// <summary>
    /// Analyzes the request's text (or the readable text of its HTML). Returns null and a reason
    /// when the request has nothing to analyze.
    /// </summary>
    public Document? Analyze(AnalyzeRequest request, out string? problem)
    {
        var (text, title, reason) = ReadableText(request);
        if (text is null)
        {
            problem = reason;
            return null;
        }

        var doc = new Document(string.IsNullOrWhiteSpace(request.Id) ? ContentId(text) : request.Id.Trim(), text);
        AddMeta(doc, "title", title);
        AddMeta(doc, "url", request.Url);
        AddMeta(doc, "outlet", request.Outlet);
        AddMeta(doc, "published", request.Published);
        AddMeta(doc, "author", request.Author);
        _pipeline.Process(doc);
        problem = null;
        return doc;
    }

    /// <summary>
    /// The text to analyze and the title: <see cref="AnalyzeRequest.Text"/> as given, or the
    /// readable text and title of <see cref="AnalyzeRequest.Html"/>. Text is null when there is
    /// nothing to analyze, and Problem says why.
    /// </summary>
    public static (string? Text, string? Title, string? Problem) ReadableText(AnalyzeRequest request)
    {
        if (request.Text is not null && request.Html is not null)
        {
            return (null, null, "Give either 'text' or 'html', not both.");
        }

        string? text = request.Text;
        string? title = request.Title;
        if (request.Html is not null)
        {
            var (htmlTitle, extracted) = HtmlText.Extract(request.Html);
            text = extracted;
            title = string.IsNullOrWhiteSpace(title) ? htmlTitle : title;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null, request.Html is not null
                ? "The HTML has no readable text."
                : "The request needs a non-empty 'text' (plain text) or 'html' field.");
        }

        return (text, title, null);
    }

    /// <summary>A stable id for unnamed text: "doc-" and the first 12 hex digits of its SHA-256.</summary>
    public static string ContentId(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return "doc-" + Convert.ToHexStringLower(hash[..6]);
    }

    private static void AddMeta(Document doc, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            doc.Meta[key] = value.Trim();
        }
    }
}
