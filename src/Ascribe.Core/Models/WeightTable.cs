using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ascribe.Core.Errors;

namespace Ascribe.Core.Models;

/// <summary>
/// Sparse linear-model weights for inference: an open-addressing table from 64-bit feature hash
/// to a run of (class, weight) entries. Immutable once built, so any number of threads may score
/// with it at once.
/// </summary>
internal sealed class WeightTable
{
    private readonly Slot[] _slots;
    private readonly Entry[] _entries;
    private readonly int _mask;

    private WeightTable(Slot[] slots, Entry[] entries)
    {
        _slots = slots;
        _entries = entries;
        _mask = slots.Length - 1;
    }

    public int FeatureCount { get; private init; }

    public int EntryCount => _entries.Length;

    /// <summary>Adds the weights of feature <paramref name="key"/> to <paramref name="scores"/> (indexed by class).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong key, Span<float> scores)
    {
        key = key == 0 ? 1 : key;
        var slots = _slots;
        int i = (int)(key ^ (key >> 32)) & _mask;
        while (true)
        {
            ref readonly Slot slot = ref slots[i];
            if (slot.Key == key)
            {
                var run = _entries.AsSpan(slot.Start, slot.Count);
                foreach (ref readonly Entry e in run)
                {
                    scores[e.Class] += e.Weight;
                }

                return;
            }

            if (slot.Key == 0)
            {
                return;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>
    /// Adds the weights of every feature in <paramref name="keys"/> to <paramref name="scores"/>, the
    /// same sums in the same order as <see cref="Add"/> called for each key in turn. The table is
    /// larger than the caches: all keys are looked up first and the first entry of every run read
    /// next, so the misses of one token's features overlap instead of waiting one after another.
    /// </summary>
    public void AddAll(ReadOnlySpan<ulong> keys, Span<float> scores)
    {
        const int MaxKeys = 64;
        if (keys.Length > MaxKeys)
        {
            foreach (ulong key in keys)
            {
                Add(key, scores);
            }

            return;
        }

        Span<int> starts = stackalloc int[MaxKeys];
        Span<int> counts = stackalloc int[MaxKeys];
        Span<Entry> firsts = stackalloc Entry[MaxKeys];
        var slots = _slots;
        var entries = _entries;
        int mask = _mask;
        for (int k = 0; k < keys.Length; k++)
        {
            ulong key = keys[k] == 0 ? 1 : keys[k];
            int i = (int)(key ^ (key >> 32)) & mask;
            counts[k] = 0;
            while (true)
            {
                ref readonly Slot slot = ref slots[i];
                if (slot.Key == key)
                {
                    starts[k] = slot.Start;
                    counts[k] = slot.Count;
                    break;
                }

                if (slot.Key == 0)
                {
                    break;
                }

                i = (i + 1) & mask;
            }
        }

        for (int k = 0; k < keys.Length; k++)
        {
            if (counts[k] > 0)
            {
                firsts[k] = entries[starts[k]];
            }
        }

        for (int k = 0; k < keys.Length; k++)
        {
            int count = counts[k];
            if (count == 0)
            {
                continue;
            }

            scores[firsts[k].Class] += firsts[k].Weight;
            foreach (ref readonly Entry e in entries.AsSpan(starts[k] + 1, count - 1))
            {
                scores[e.Class] += e.Weight;
            }
        }
    }

    /// <summary>A copy without the weights smaller than <paramref name="threshold"/> in magnitude (features left with none are dropped).</summary>
    public WeightTable Prune(float threshold)
    {
        var features = new List<KeyValuePair<ulong, List<(int Class, float Weight)>>>(FeatureCount);
        foreach (var slot in _slots)
        {
            if (slot.Key == 0)
            {
                continue;
            }

            var kept = new List<(int, float)>();
            foreach (var e in _entries.AsSpan(slot.Start, slot.Count))
            {
                if (Math.Abs(e.Weight) >= threshold)
                {
                    kept.Add((e.Class, e.Weight));
                }
            }

            features.Add(new(slot.Key, kept));
        }

        return Build(features);
    }

    /// <summary>Builds a table from per-feature weight lists; runs are stored in key order so files are reproducible.</summary>
    public static WeightTable Build(IEnumerable<KeyValuePair<ulong, List<(int Class, float Weight)>>> features)
    {
        var list = features.Where(f => f.Value.Count > 0).OrderBy(f => f.Key).ToList();
        var keys = new ulong[list.Count];
        var counts = new int[list.Count];
        var entries = new List<Entry>();
        for (int i = 0; i < list.Count; i++)
        {
            keys[i] = list[i].Key == 0 ? 1 : list[i].Key;
            counts[i] = list[i].Value.Count;
            foreach (var (c, w) in list[i].Value.OrderBy(x => x.Class))
            {
                entries.Add(new Entry((ushort)c, w));
            }
        }

        return Create(keys, counts, entries.ToArray());
    }

    private static WeightTable Create(ulong[] keys, int[] counts, Entry[] entries)
    {
        int capacity = 16;
        while (capacity < keys.Length * 2)
        {
            capacity <<= 1;
        }

        var slots = new Slot[capacity];
        int mask = capacity - 1;
        int start = 0;
        for (int k = 0; k < keys.Length; k++)
        {
            ulong key = keys[k];
            int i = (int)(key ^ (key >> 32)) & mask;
            while (slots[i].Key != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = new Slot { Key = key, Start = start, Count = counts[k] };
            start += counts[k];
        }

        return new WeightTable(slots, entries) { FeatureCount = keys.Length };
    }

    /// <summary>Writes keys, run lengths, classes and half-precision weights.</summary>
    public void Write(BinaryWriter writer)
    {
        var used = _slots.Where(s => s.Key != 0).OrderBy(s => s.Start).ToArray();
        writer.Write(used.Length);
        writer.Write(_entries.Length);
        var keys = new ulong[used.Length];
        var counts = new ushort[used.Length];
        for (int i = 0; i < used.Length; i++)
        {
            keys[i] = used[i].Key;
            counts[i] = checked((ushort)used[i].Count);
        }

        var classes = new ushort[_entries.Length];
        var weights = new Half[_entries.Length];
        for (int i = 0; i < _entries.Length; i++)
        {
            classes[i] = _entries[i].Class;
            weights[i] = (Half)_entries[i].Weight;
        }

        writer.Write(MemoryMarshal.AsBytes(keys.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(counts.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(classes.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(weights.AsSpan()));
    }

    public static WeightTable Read(BinaryReader reader, int classCount, string source)
    {
        int features = reader.ReadInt32();
        int entryCount = reader.ReadInt32();
        if (features < 0 || entryCount < 0 || entryCount < features)
        {
            ThrowHelper.Throw(ErrorCodes.ModelCorrupt, source, "bad weight table size");
        }

        var keys = new ulong[features];
        var counts16 = new ushort[features];
        var classes = new ushort[entryCount];
        var weights = new Half[entryCount];
        ReadExactly(reader, MemoryMarshal.AsBytes(keys.AsSpan()), source);
        ReadExactly(reader, MemoryMarshal.AsBytes(counts16.AsSpan()), source);
        ReadExactly(reader, MemoryMarshal.AsBytes(classes.AsSpan()), source);
        ReadExactly(reader, MemoryMarshal.AsBytes(weights.AsSpan()), source);
        var counts = new int[features];
        long total = 0;
        for (int i = 0; i < features; i++)
        {
            counts[i] = counts16[i];
            total += counts16[i];
        }

        if (total != entryCount)
        {
            ThrowHelper.Throw(ErrorCodes.ModelCorrupt, source, "weight runs do not add up");
        }

        var entries = new Entry[entryCount];
        for (int i = 0; i < entryCount; i++)
        {
            if (classes[i] >= classCount)
            {
                ThrowHelper.Throw(ErrorCodes.ModelCorrupt, source, "class index out of range");
            }

            entries[i] = new Entry(classes[i], (float)weights[i]);
        }

        return Create(keys, counts, entries);
    }

    private static void ReadExactly(BinaryReader reader, Span<byte> buffer, string source)
    {
        if (reader.BaseStream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) != buffer.Length)
        {
            ThrowHelper.Throw(ErrorCodes.ModelCorrupt, source, "file is truncated");
        }
    }

    private struct Slot
    {
        public ulong Key;
        public int Start;
        public int Count;
    }

    private readonly record struct Entry(ushort Class, float Weight);
}
