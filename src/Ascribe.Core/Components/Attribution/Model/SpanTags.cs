namespace Ascribe.Core.Components.Attribution.Model;

/// <summary>
/// The BIO tag set of the attribution labeler: one flat layer of sources, cues and content
/// fragments (PolNeAR spans of different kinds almost never overlap).
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
    public const int Count = 7;

    public static readonly string[] Names = { "O", "B-Source", "I-Source", "B-Cue", "I-Cue", "B-Content", "I-Content" };

    /// <summary>Span kind of a tag: 0 none, 1 source, 2 cue, 3 content.</summary>
    public static int KindOf(int tag) => (tag + 1) / 2;

    public static bool IsInside(int tag) => tag != O && tag % 2 == 0;

    public static int Begin(int kind) => kind * 2 - 1;

    public static int Inside(int kind) => kind * 2;

    /// <summary>An I- tag may only follow a B- or I- tag of the same kind.</summary>
    public static bool IsLegal(int prev, int cur) => !IsInside(cur) || (prev != O && prev >= 0 && KindOf(prev) == KindOf(cur));
}
