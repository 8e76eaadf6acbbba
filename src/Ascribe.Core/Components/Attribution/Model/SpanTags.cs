namespace Ascribe.Core.Components.Attribution.Model;

/// <summary>
/// The tag set of the attribution labeler: one flat layer of sources, cues and content
/// fragments (PolNeAR spans of different kinds almost never overlap). Sources and cues are BIO;
/// contents are BIOE: a content of two or more tokens ends with <see cref="EContent"/>, so where a
/// content stops is a decision of its own (with its own weights), not only the start of what follows.
/// </summary>
internal static class SpanTags
{
    public const int O = 0;
    public const int BSource = 1;
    public const int ISource = 2;
    public const int BCue = 3;
    public const int ICue = 4;
    public const int BContent = 5;
    public const int IContent = 6;
    public const int EContent = 7;
    public const int Count = 8;

    public static readonly string[] Names = { "O", "B-Source", "I-Source", "B-Cue", "I-Cue", "B-Content", "I-Content", "E-Content" };

    /// <summary>Span kind of a tag: 0 none, 1 source, 2 cue, 3 content.</summary>
    public static int KindOf(int tag) => tag == EContent ? 3 : (tag + 1) / 2;

    /// <summary>A tag that continues a span (I- or E-).</summary>
    public static bool IsInside(int tag) => tag == EContent || (tag != O && tag % 2 == 0);

    /// <summary>Whether a sequence may end with the tag (an I-Content must be followed by I- or E-Content).</summary>
    public static bool CanEnd(int tag) => tag != IContent;

    public static int Begin(int kind) => kind * 2 - 1;

    public static int Inside(int kind) => kind * 2;

    /// <summary>
    /// An I- or E- tag may only follow a B- or I- tag of the same kind, and an I-Content only an
    /// I- or E-Content (a content of two or more tokens ends with E-Content).
    /// </summary>
    public static bool IsLegal(int prev, int cur)
    {
        if (prev == IContent && cur != IContent && cur != EContent)
        {
            return false;
        }

        return !IsInside(cur) || (prev != O && prev >= 0 && prev != EContent && KindOf(prev) == KindOf(cur));
    }
}
