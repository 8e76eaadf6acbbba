namespace Ascribe.Core.Internal;

/// <summary>Binary search over items sorted so that a condition holds for a prefix of them.</summary>
internal static class SortedSearch
{
    /// <summary>
    /// The number of leading <paramref name="items"/> for which <paramref name="before"/> holds, given
    /// that it holds for a prefix and fails for the rest (the index of the first item it fails for,
    /// or the length when it holds for all). <paramref name="state"/> is handed to the condition so
    /// that callers can pass a static lambda and allocate nothing.
    /// </summary>
    public static int PartitionPoint<T, TState>(ReadOnlySpan<T> items, TState state, Func<T, TState, bool> before)
    {
        int lo = 0, hi = items.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (before(items[mid], state))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
