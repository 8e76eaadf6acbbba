using System.Collections.Concurrent;

namespace Ascribe.Core.Models;

/// <summary>Feature hashes of part-of-speech tag strings, cached (the tag set is small).</summary>
internal static class TagHashes
{
    private static readonly ConcurrentDictionary<string, ulong> Cache = new(StringComparer.Ordinal);
    private static readonly ulong Missing = FeatureHash.Text("-NONE-");

    public static ulong Of(string? tag) => tag is null ? Missing : Cache.GetOrAdd(tag, static t => FeatureHash.Text(t));
}
