using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Ascribe.Web.Analysis;

/// <summary>
/// Turns an HTML page into the plain text Ascribe analyzes: script, style and other non-content
/// elements are dropped, block elements become paragraphs separated by a blank line. The markup
/// is only parsed, never rendered or executed.
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
        "head", "nav", "footer", "form", "button", "select", "textarea", "canvas", "video", "audio",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "aside", "blockquote", "li", "ul", "ol",
        "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "figcaption", "figure", "dd", "dt",
        "dl", "address", "hr", "br",
    };

    /// <summary>Extracts the title (or null) and the readable text of <paramref name="html"/>.</summary>
    public static (string? Title, string Text) Extract(string html)
    {
        var parser = new HtmlParser();
        using var page = parser.ParseDocument(html);
        string? title = string.IsNullOrWhiteSpace(page.Title) ? null : Collapse(page.Title);
        var root = (INode?)page.QuerySelector("article") ?? page.Body ?? (INode)page.DocumentElement;
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        Walk(root, current, paragraphs);
        Flush(current, paragraphs);
        return (title, string.Join("\n\n", paragraphs));
    }

    /// <summary>True when <paramref name="text"/> looks like an HTML document or fragment rather than plain text.</summary>
    public static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan().TrimStart();
        if (head.Length == 0 || head[0] != '<')
        {
            return false;
        }

        return head.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<body", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<article", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<p", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<div", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<h", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<!--", StringComparison.Ordinal);
    }

    private static void Walk(INode node, StringBuilder current, List<string> paragraphs)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText textNode)
            {
                current.Append(textNode.Data);
            }
            else if (child is IElement element)
            {
                if (Skipped.Contains(element.LocalName))
                {
                    continue;
                }

                bool block = Blocks.Contains(element.LocalName);
                if (block)
                {
                    Flush(current, paragraphs);
                }

                Walk(element, current, paragraphs);
                if (block)
                {
                    Flush(current, paragraphs);
                }
            }
        }
    }

    private static void Flush(StringBuilder current, List<string> paragraphs)
    {
        string text = Collapse(current.ToString());
        if (text.Length > 0)
        {
            paragraphs.Add(text);
        }

        current.Clear();
    }

    private static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
