using System.Numerics;

namespace Ascribe.Store.Dedup;

/// <summary>
/// 64-bit SimHash (Charikar 2002) over overlapping word shingles. Two texts that share most of
/// their shingles get hashes that differ in few bits; <see cref="Distance"/> is the Hamming
/// distance. The store finds candidates by exact match on one of <see cref="Bands"/> 16-bit bands
/// (by the pigeonhole principle every pair within <see cref="MaxBandedDistance"/> bits shares a band)
/// and then checks the full distance.
/// </summary>
public static class SimHash
{
    public const int Bands = 7;

    public const int BandBits = 9;

    /// <summary>The largest distance the banded lookup is guaranteed to find (7 bands cover 63 of the 64 bits).</summary>
    public const int MaxBandedDistance = Bands - 1;

    /// <summary>SimHash of the word shingles of <paramref name="words"/>; 0 for an empty text.</summary>
    public static ulong Compute(IReadOnlyList<string> words, int shingle)
    {
        if (words.Count == 0)
        {
            return 0;
        }

        Span<int> votes = stackalloc int[64];
        votes.Clear();
        int n = Math.Max(1, words.Count - shingle + 1);
        for (int i = 0; i < n; i++)
        {
            ulong h = 14695981039346656037UL;
            for (int k = i; k < Math.Min(words.Count, i + shingle); k++)
            {
                foreach (char c in words[k])
                {
                    h = (h ^ c) * 1099511628211UL;
                }

                h = (h ^ ' ') * 1099511628211UL;
            }

            h = Mix(h);
            for (int bit = 0; bit < 64; bit++)
            {
                votes[bit] += ((h >> bit) & 1) != 0 ? 1 : -1;
            }
        }

        ulong result = 0;
        for (int bit = 0; bit < 64; bit++)
        {
            if (votes[bit] > 0)
            {
                result |= 1UL << bit;
            }
        }

        return result;
    }

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>Band <paramref name="index"/> (0..6) of <paramref name="hash"/>: bits [9·index, 9·index+9).</summary>
    public static int Band(ulong hash, int index) => (int)((hash >> (BandBits * index)) & ((1UL << BandBits) - 1));

    // splitmix64 finalizer: FNV-1a alone leaves the high bits poorly mixed for short inputs.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
