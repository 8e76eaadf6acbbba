using Ascribe.Core.Documents;
using Ascribe.Core.Internal;
using AttributionRecord = Ascribe.Core.Documents.Attribution;

namespace Ascribe.Core.Components.Attribution;

/// <summary>
/// Lines of web-page furniture that text copied from a news site keeps: "Advertisement",
/// "Continue reading the main story", "Story continues below advertisement", "READ MORE: …",
/// "Sign up for our newsletter". A reporting verb in them ("reading", "sign") is no attribution.
/// </summary>
internal static class PageFurniture
{
    /// <summary>Whole paragraphs (lower case, without closing punctuation).</summary>
    private static readonly HashSet<string> Lines = new(StringComparer.Ordinal)
    {
        "advertisement", "advertising", "sponsored", "sponsored content", "skip advertisement", "supported by",
        "continue reading", "continue reading the main story", "continue reading below", "continue reading below advertisement",
        "story continues below", "story continues below advertisement", "article continues below", "article continues below advertisement",
        "story continues after advertisement", "article continues after advertisement", "the story continues below",
        "share this article", "share this story", "share this", "share", "tweet", "email", "print", "comments",
        "listen to this article", "read more", "read more below", "see more", "show more", "load more", "related",
        "related articles", "related stories", "related coverage", "recommended", "recommended stories", "most read",
        "most popular", "trending", "sign up", "subscribe", "subscribe now", "log in", "sign in", "follow us", "click here",
        "watch", "watch the video", "watch video", "listen", "video", "photo", "image",
    };

    /// <summary>Openings of furniture lines that go on with a headline or a pitch ("READ MORE: …").</summary>
    private static readonly string[] Openings =
    {
        "read more:", "read more ", "related:", "related coverage:", "see also:", "watch:", "listen:", "more:",
        "sign up for ", "sign up to ", "subscribe to ", "subscribe for ", "click here ", "follow us on ", "share this article",
    };

    /// <summary>Longest furniture line with an opening, in words: a pitch, not a paragraph of prose.</summary>
    private const int MaxWords = 16;

    /// <summary>True when <paramref name="paragraph"/> of <paramref name="doc"/> is page furniture.</summary>
    public static bool IsFurniture(Document doc, TextSpan paragraph)
    {
        if (paragraph.End - paragraph.Start > 400)
        {
            return false;
        }

        string text = doc.Slice(paragraph).Trim();
        if (text.Length == 0 || text.Length > 200)
        {
            return false;
        }

        string line = text.ToLowerInvariant().TrimEnd('.', ':', '!', '»', '›', '>', ' ');
        if (Lines.Contains(line))
        {
            return true;
        }

        string lower = text.ToLowerInvariant();
        return Array.Exists(Openings, o => lower.StartsWith(o, StringComparison.Ordinal))
            && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxWords
            && lower.IndexOfAny(['"', '\u201C', '\u201D']) < 0;
    }

    /// <summary>Drops from <paramref name="found"/> every attribution whose cue, or whose source when it has no cue, starts in a furniture paragraph.</summary>
    public static void Drop(Document doc, List<AttributionRecord> found)
    {
        var furniture = doc.Paragraphs.Where(p => IsFurniture(doc, p)).ToList();
        if (furniture.Count == 0)
        {
            return;
        }

        var index = new SpanIndex(furniture);
        found.RemoveAll(a => (a.Cue ?? a.Source) is { } anchor && index.AnyContains(anchor.Start));
    }
}
