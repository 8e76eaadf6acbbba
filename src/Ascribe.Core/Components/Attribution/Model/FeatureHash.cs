namespace Ascribe.Core.Components.Attribution.Model;

/// <summary>
/// FNV-1a over a feature template id and its parts, finished with a murmur mix. Hashing spans of
/// the normalized text directly keeps feature extraction free of string allocations.
/// </summary>
internal struct FeatureHash
{
    private uint _h;

    public FeatureHash(int template)
    {
        _h = 2166136261u;
        Add(template);
    }

    public FeatureHash Add(int value)
    {
        uint v = (uint)value;
        for (int i = 0; i < 4; i++)
        {
            _h = (_h ^ (v & 0xFF)) * 16777619u;
            v >>= 8;
        }

        return this;
    }

    /// <summary>Adds the characters lower-cased (invariant), with a separator so parts cannot run together.</summary>
    public FeatureHash AddLower(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            char l = c < 128 ? (c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c) : char.ToLowerInvariant(c);
            _h = (_h ^ (l & 0xFFu)) * 16777619u;
            _h = (_h ^ ((uint)l >> 8)) * 16777619u;
        }

        _h = (_h ^ 0x1Fu) * 16777619u;
        return this;
    }

    public FeatureHash Add(string? text) => text is null ? Add(-7) : AddLower(text.AsSpan());

    public readonly uint Value
    {
        get
        {
            uint h = _h;
            h ^= h >> 16;
            h *= 0x85EBCA6Bu;
            h ^= h >> 13;
            h *= 0xC2B2AE35u;
            h ^= h >> 16;
            return h;
        }
    }
}
