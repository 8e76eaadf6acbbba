using System.Runtime.CompilerServices;

namespace Ascribe.Core.Components.Attribution.Model;

/// <summary>
/// The hash of a feature: a template id and its parts, each part one multiply-xor round, finished
/// with a murmur mix. Words, tags, lemmas and other strings are hashed once per token into ids
/// (<see cref="Text"/>) that enter here as ints, so a feature costs a few multiplies, not a pass
/// over characters.
/// </summary>
internal struct FeatureHash
{
    private uint _h;

    private const uint Basis = 2166136261u;
    private const uint Prime = 16777619u;
    private const uint PrimeSquared = unchecked(Prime * Prime);
    private const uint Golden = 0x9E3779B1u;

    /// <summary>The id of a string that is absent (a token without a tag, a missing stance).</summary>
    public const int Null = -7;

    /// <summary>The ids of the positions before the first and after the last token.</summary>
    public static readonly int Bos = Text("<s>"), Eos = Text("</s>");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FeatureHash(int template)
    {
        // A constant for a constant template: the JIT folds it.
        _h = unchecked(Basis ^ ((uint)template * 0x85EBCA77u));
    }

    /// <summary>Adds an int part (a small code, a bucket, or an id from <see cref="Text"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FeatureHash Add(int value)
    {
        // Odd multiplier: for a given state every value leads to a different state.
        _h = unchecked((_h ^ (uint)value) * Golden);
        return this;
    }

    /// <summary>The id of a string: FNV-1a over its characters lower-cased (invariant).</summary>
    public static int Text(ReadOnlySpan<char> text)
    {
        uint h = Basis;
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

        return unchecked((int)h);
    }

    /// <summary>The id of a string, <see cref="Null"/> for null.</summary>
    public static int Text(string? text) => text is null ? Null : Text(text.AsSpan());

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
