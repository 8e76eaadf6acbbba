using System.Collections.Concurrent;

namespace Ascribe.Core.Internal;

/// <summary>
/// A thread-safe memo for pure functions on the hot path. It forgets everything once it holds
/// <c>capacity</c> entries, so a long stream of documents cannot grow it without bound.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries;
    private readonly int _capacity;
    private int _count;

    public BoundedCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        _capacity = capacity;
        _entries = new ConcurrentDictionary<TKey, TValue>(comparer);
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> compute)
    {
        if (_entries.TryGetValue(key, out var value))
        {
            return value;
        }

        value = compute(key);

        // ConcurrentDictionary.Count takes every lock of the table; an approximate count of our
        // own additions is enough to bound the size.
        if (Volatile.Read(ref _count) >= _capacity)
        {
            _entries.Clear();
            Volatile.Write(ref _count, 0);
        }

        if (_entries.TryAdd(key, value))
        {
            Interlocked.Increment(ref _count);
        }

        return value;
    }
}
