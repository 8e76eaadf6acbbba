using System.Runtime.CompilerServices;

namespace Ascribe.Core.Components.Attribution.Model;

/// <summary>
/// FNV-1a over a feature template id and its parts, finished with a murmur mix. Hashing spans of
/// the normalized text directly keeps feature extraction free of string allocations.
/// </summary>
internal struct FeatureHash
{
    private uint _h;

    private const uint Basis = 2166136261u;
    private const uint Prime = 16777619u;
    private const uint PrimeSquared = unchecked(Prime * Prime);

    /// <summary>The state after the template id, for the first 128 ids (the hash of a template's parts starts from it).</summary>
    private static readonly uint[] Seeds = Enumerable.Range(0, 128).Select(t => Mix(Basis, (uint)t)).ToArray();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FeatureHash(int template)
    {
        _h = (uint)template < (uint)Seeds.Length ? Seeds[template] : Mix(Basis, (uint)template);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FeatureHash Add(int value)
    {
        _h = Mix(_h, (uint)value);
        return this;
    }

    /// <summary>FNV-1a over the four bytes of <paramref name="v"/>, low byte first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Mix(uint h, uint v)
    {
        h = (h ^ (v & 0xFF)) * Prime;
        h = (h ^ ((v >> 8) & 0xFF)) * Prime;
        h = (h ^ ((v >> 16) & 0xFF)) * Prime;
        return (h ^ (v >> 24)) * Prime;
    }

    /// <summary>Adds the characters lower-cased (invariant), with a separator so parts cannot run together.</summary>
    public FeatureHash AddLower(ReadOnlySpan<char> text)
    {
        uint h = _h;
        foreach (char c in text)
        {
            if (c < 128)
            {
                // The high byte is zero: (h ^ 0) * Prime, folded into one multiply by Prime².
                uint l = c is >= 'A' and <= 'Z' ? (uint)(c | 0x20) : c;
                h = (h ^ l) * PrimeSquared;
            }
            else
            {
                char l = char.ToLowerInvariant(c);
                h = (h ^ (l & 0xFFu)) * Prime;
                h = (h ^ ((uint)l >> 8)) * Prime;
            }
        }

        _h = h;

        _h = (_h ^ 0x1Fu) * 16777619u;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FeatureHash Add(string? text) => text is null ? Add(-7) : AddLower(text.AsSpan());

    public readonly uint Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
