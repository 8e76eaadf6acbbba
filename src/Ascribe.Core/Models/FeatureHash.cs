using System.Runtime.CompilerServices;

namespace Ascribe.Core.Models;

/// <summary>
/// 64-bit hashes of words and feature templates. Features are never materialized as strings:
/// a feature is <c>Combine(template, value...)</c> over pre-hashed word properties, so scoring
/// allocates nothing. <see cref="Lower"/> folds typographic quotes and apostrophes to their ASCII forms.
/// </summary>
internal static class FeatureHash
{
    private const ulong Offset = 0xcbf29ce484222325UL;
    private const ulong Prime = 0x100000001b3UL;

    /// <summary>Hash of the text exactly as written (“ and ” stay apart: they tell opening from closing quotes).</summary>
    public static ulong Text(ReadOnlySpan<char> text)
    {
        ulong h = Offset;
        foreach (char c in text)
        {
            h = (h ^ c) * Prime;
        }

        return Finish(h);
    }

    public static ulong Text(string text) => Text(text.AsSpan());

    /// <summary>Hash of the lower-cased text, after folding typographic quotes.</summary>
    public static ulong Lower(ReadOnlySpan<char> text)
    {
        ulong h = Offset;
        foreach (char c in text)
        {
            h = (h ^ char.ToLowerInvariant(Fold(c))) * Prime;
        }

        return Finish(h);
    }

    /// <summary>Combines two hashes; order matters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong a, ulong b)
    {
        ulong h = a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2));
        h *= 0xff51afd7ed558ccdUL;
        return h ^ (h >> 33);
    }

    public static ulong Combine(ulong a, ulong b, ulong c) => Combine(Combine(a, b), c);

    public static ulong Combine(ulong a, ulong b, ulong c, ulong d) => Combine(Combine(Combine(a, b), c), d);

    public static ulong Combine(ulong a, ulong b, ulong c, ulong d, ulong e) => Combine(Combine(Combine(Combine(a, b), c), d), e);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Fold(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u00AB' or '\u00BB' or '\u2033' => '"',
        '\u00A0' => ' ',
        _ => c,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finish(ulong h)
    {
        h ^= h >> 31;
        h *= 0x7fb5d329728ea185UL;
        return h ^ (h >> 27);
    }
}
