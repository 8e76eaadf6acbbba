using System.Globalization;
using System.Text;

namespace Ascribe.Cli.Input;

/// <summary>
/// Extracts the main text of a web page and its metadata (title, author, publication date,
/// outlet) with SmartReader (a port of Mozilla Readability over AngleSharp). Navigation, ads and
/// footers are dropped; paragraphs are separated by blank lines.
/// </summary>
public static class HtmlArticle
{
    /// <summary>Returns false with a reason when the page has no readable text.</summary>
    public static bool TryExtract(string html, string? url, out string text, out Dictionary<string, string> meta, out string? error)
    {
        meta = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        var reader = new SmartReader.Reader(url ?? "https://localhost/article.html", html);
        var article = reader.GetArticle();
        text = Clean(article.TextContent ?? string.Empty);
        if (text.Length == 0)
        {
            error = "no article text found in the HTML";
            return false;
        }

        Put(meta, "title", article.Title);
        Put(meta, "author", string.IsNullOrWhiteSpace(article.Author) ? article.Byline : article.Author);
        Put(meta, "outlet", article.SiteName);
        if (article.PublicationDate is { } date)
        {
            Put(meta, "published", date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        }

        if (url is not null)
        {
            Put(meta, "url", url);
        }

        return true;
    }

    private static void Put(Dictionary<string, string> meta, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            meta[key] = value.Trim();
        }
    }

    /// <summary>Trims every line and keeps at most one blank line between paragraphs.</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        int blank = 0;
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(blank > 0 ? "\n\n" : "\n");
            }

            sb.Append(line);
            blank = 0;
        }

        return sb.ToString();
    }
}
