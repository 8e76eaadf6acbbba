namespace Ascribe.Accurate.Head;

/// <summary>
/// The head scores each token three times, once per role, with O/B/I. A head decodes the roles
/// as one chain of <see cref="JointTags"/> (no two roles mark a token, and their order is scored)
/// or, if trained that way, one chain per role, flattened afterwards.
/// </summary>
internal static class Roles
{
    public const int Count = 3;
    public const int Source = 0;
    public const int Cue = 1;
    public const int Content = 2;

    public const byte O = 0;
    public const byte B = 1;
    public const byte I = 2;

    /// <summary>Outputs per token: three tags for each role.</summary>
    public const int Outputs = Count * 3;

    public static readonly string[] Names = { "Source", "Cue", "Content" };

    /// <summary>Which role a token keeps where roles overlap: a cue over a source, a source over content.</summary>
    public static readonly int[] Priority = { Cue, Source, Content };
}
