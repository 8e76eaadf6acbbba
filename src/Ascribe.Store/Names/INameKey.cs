namespace Ascribe.Store.Names;

/// <summary>
/// Maps a person or organization name to the key under which the store merges speakers across
/// documents: two names with the same key are one speaker unless a manual split says otherwise.
/// </summary>
public interface INameKey
{
    /// <summary>The merge key of <paramref name="name"/>, or null when it carries no name (empty, a pronoun).</summary>
    string? Key(string name);
}
