namespace Ascribe.Accurate.Head;

/// <summary>
/// The head tags each token three times, once per role, with O/B/I. Roles are tagged
/// independently because they nest: a source or cue often lies inside another attribution's content.
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
}
