namespace Ascribe.Store.Names;

/// <summary>
/// Maps a person or organization name to the key under which the store merges speakers across
/// documents: two names with the same key are one speaker unless a manual split says otherwise.
/// </summary>
public interface INameKey
{
    /// <summary>The merge key of <paramref name="name"/>, or null when it carries no name (empty, a pronoun).</summary>
    string? Key(string name);

    /// <summary>
    /// True when two full names with the same surname key can be one person despite different given
    /// names ("Vladimir Zelenskiy" and "Volodymyr Zelensky"); used only when exactly one speaker has the surname.
    /// </summary>
    bool SameBearer(string name, string other);
}
