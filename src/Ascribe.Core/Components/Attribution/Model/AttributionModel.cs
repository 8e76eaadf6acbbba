using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Ascribe.Core.Errors;

namespace Ascribe.Core.Components.Attribution.Model;

/// <summary>
/// A linear-chain model over <see cref="SpanTags"/>: hashed emission weights
/// (<c>2^Bits</c> buckets × tags) and first-order transition weights, decoded by Viterbi with
/// illegal BIO transitions excluded. Immutable once built; safe to share between threads.
/// </summary>
public sealed class AttributionModel
{
    private const uint Magic = 0x52544341; // "ACTR"
    private const int FormatVersion = 3;

    internal AttributionModel(int bits, float[] weights, float[] transitions, string record, AttributionModel? second = null)
    {
        Bits = bits;
        _weights = weights;
        Transitions = transitions;
        Record = record;
        Second = second;
    }

    private AttributionModel(int bits, WeightRows rows, float[] transitions, string record, AttributionModel? second)
    {
        Bits = bits;
        _rows = rows;
        Transitions = transitions;
        Record = record;
        Second = second;
    }

    private float[]? _weights;
    private WeightRows? _rows;

    /// <summary>
    /// The stacked second stage, or null: it sees the same features plus this stage's tags
    /// (trained on cross-validated first-stage tags, so it learns how far to trust them).
    /// </summary>
    internal AttributionModel? Second { get; }

    /// <summary>Number of hash bits of the feature space.</summary>
    public int Bits { get; }

    /// <summary>How the model was trained (command, seed, iterations, dev scores), as plain text.</summary>
    public string Record { get; }

    /// <summary>Emission weights, bucket-major: <c>Weights[bucket * SpanTags.Count + tag]</c>. A trainer updates them in place; a loaded model makes them from its rows on first use.</summary>
    internal float[] Weights => _weights ??= _rows!.ToWeights(Bits);

    /// <summary>The emission weights for decoding: one aligned row of eight floats per bucket, made from <see cref="Weights"/> on first use, so they must not change after.</summary>
    private WeightRows Rows => _rows ??= WeightRows.From(_weights!, Bits);

    /// <summary>Transition weights <c>[(prev + 1) * SpanTags.Count + cur]</c>; row 0 is the sequence start.</summary>
    internal float[] Transitions { get; }

    /// <summary>Scores every tag of tokens <c>[start, end)</c> (which have rows in <paramref name="features"/>) into <paramref name="scores"/> (row per token).</summary>
    internal void Emissions(AttributionFeatures features, int start, int end, Span<float> scores)
    {
        const int L = SpanTags.Count;
        var w = Weights;
        var offsets = features.Offsets;
        var buckets = features.Buckets;
        int o = features.Start;
        for (int t = start; t < end; t++)
        {
            var row = scores.Slice((t - start) * L, L);
            row.Clear();
            for (int f = offsets[t - o]; f < offsets[t - o + 1]; f++)
            {
                int b = buckets[f] * L;
                for (int y = 0; y < L; y++)
                {
                    row[y] += w[b + y];
                }
            }
        }
    }

    /// <summary>
    /// Scores every tag of tokens <c>[start, end)</c> into <paramref name="scores"/> (row per token)
    /// from <see cref="Rows"/>: one vector add per feature. Each tag's sum runs over the features in
    /// the same order as <see cref="Emissions"/>, so the scores are the same to the bit.
    /// </summary>
    internal void Score(AttributionFeatures features, int start, int end, Span<float> scores)
    {
        const int L = SpanTags.Count;
        var rows = Rows;
        var offsets = features.Offsets;
        var buckets = features.Buckets;
        if (end <= start)
        {
            return;
        }

        // Row indexes: the features may hold the rows of part of the document only.
        start -= features.Start;
        end -= features.Start;
        if (start < 0 || (uint)end >= (uint)offsets.Length || offsets[end] > buckets.Length || scores.Length < (end - start) * L)
        {
            throw new ArgumentOutOfRangeException(nameof(end));
        }

        ref float table = ref rows.First;
        ref int bucket = ref MemoryMarshal.GetArrayDataReference(buckets);
        int mask = (1 << Bits) - 1;
        Span<float> lanes = stackalloc float[WeightRows.Width];
        int t = start;

        // Four tokens at a time, each with its own sum: four independent chains of loads and adds
        // keep more weight rows in flight than one (the rows are far apart in a large table).
        for (; t + 4 <= end; t += 4)
        {
            int f0 = offsets[t], f1 = offsets[t + 1], f2 = offsets[t + 2], f3 = offsets[t + 3], f4 = offsets[t + 4];
            int common = Math.Min(Math.Min(f1 - f0, f2 - f1), Math.Min(f3 - f2, f4 - f3));
            Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (int k = 0; k < common; k++)
            {
                a0 += Row(ref table, ref bucket, f0 + k, mask);
                a1 += Row(ref table, ref bucket, f1 + k, mask);
                a2 += Row(ref table, ref bucket, f2 + k, mask);
                a3 += Row(ref table, ref bucket, f3 + k, mask);
            }

            a0 = Sum(a0, ref table, ref bucket, f0 + common, f1, mask);
            a1 = Sum(a1, ref table, ref bucket, f1 + common, f2, mask);
            a2 = Sum(a2, ref table, ref bucket, f2 + common, f3, mask);
            a3 = Sum(a3, ref table, ref bucket, f3 + common, f4, mask);
            Store(a0, lanes, scores, t - start);
            Store(a1, lanes, scores, t + 1 - start);
            Store(a2, lanes, scores, t + 2 - start);
            Store(a3, lanes, scores, t + 3 - start);
        }

        for (; t < end; t++)
        {
            Store(Sum(Vector256<float>.Zero, ref table, ref bucket, offsets[t], offsets[t + 1], mask), lanes, scores, t - start);
        }

        static Vector256<float> Row(ref float table, ref int bucket, int f, int mask) =>
            Vector256.LoadUnsafe(ref table, (nuint)(uint)(Unsafe.Add(ref bucket, f) & mask) * WeightRows.Width);

        static Vector256<float> Sum(Vector256<float> acc, ref float table, ref int bucket, int from, int to, int mask)
        {
            for (int f = from; f < to; f++)
            {
                acc += Row(ref table, ref bucket, f, mask);
            }

            return acc;
        }

        static void Store(Vector256<float> acc, Span<float> lanes, Span<float> scores, int row)
        {
            acc.CopyTo(lanes);
            lanes[..L].CopyTo(scores.Slice(row * L, L));
        }
    }

    /// <summary>Per previous tag, a lane mask of the current tags it may be followed by (<see cref="SpanTags.IsLegal"/>); lanes past the last tag are never set.</summary>
    private static readonly Vector256<int>[] LegalNext = Enumerable.Range(0, SpanTags.Count)
        .Select(p => Vector256.Create(Enumerable.Range(0, WeightRows.Width).Select(y => y < SpanTags.Count && SpanTags.IsLegal(p, y) ? -1 : 0).ToArray()))
        .ToArray();

    /// <summary>
    /// Best legal tag sequence for the emission rows; writes one tag per row into <paramref name="tags"/>.
    /// All current tags of a token are updated at once (one vector lane each), going through the
    /// previous tags in increasing order and keeping the first best, so the result is the same as
    /// a scalar loop over (current, previous) pairs.
    /// </summary>
    internal static void Viterbi(ReadOnlySpan<float> scores, ReadOnlySpan<float> transitions, Span<byte> tags)
    {
        const int L = SpanTags.Count;
        const int W = WeightRows.Width;
        int n = tags.Length;
        if (n == 0)
        {
            return;
        }

        var delta = n * W <= 4096 ? stackalloc float[n * W] : new float[n * W];
        var back = n * W <= 2048 ? stackalloc int[n * W] : new int[n * W];

        // into[p * W + y]: the weight of moving from tag p to tag y; lanes past the last tag zero.
        Span<float> into = stackalloc float[L * W];
        into.Clear();
        for (int p = 0; p < L; p++)
        {
            transitions.Slice((p + 1) * L, L).CopyTo(into.Slice(p * W, L));
        }

        for (int y = 0; y < W; y++)
        {
            delta[y] = y < L && SpanTags.IsLegal(-1, y) ? transitions[y] + scores[y] : float.NegativeInfinity;
        }

        Span<float> emission = stackalloc float[W];
        emission.Clear();
        var legal = LegalNext;
        for (int t = 1; t < n; t++)
        {
            var best = Vector256.Create(float.NegativeInfinity);
            var arg = Vector256<int>.Zero;
            var previous = delta.Slice((t - 1) * W, W);
            for (int p = 0; p < L; p++)
            {
                var v = Vector256.Create(previous[p]) + Vector256.Create<float>(into.Slice(p * W, W));
                var take = Vector256.GreaterThan(v, best).AsInt32() & legal[p];
                best = Vector256.ConditionalSelect(take.AsSingle(), v, best);
                arg = Vector256.ConditionalSelect(take, Vector256.Create(p), arg);
            }

            scores.Slice(t * L, L).CopyTo(emission);
            (best + Vector256.Create<float>(emission)).CopyTo(delta.Slice(t * W, W));
            arg.CopyTo(back.Slice(t * W, W));
        }

        int last = 0;
        for (int y = 1; y < L; y++)
        {
            if (SpanTags.CanEnd(y) && delta[(n - 1) * W + y] > delta[(n - 1) * W + last])
            {
                last = y;
            }
        }

        for (int t = n - 1; t >= 0; t--)
        {
            tags[t] = (byte)last;
            last = back[t * W + last];
        }
    }

    /// <summary>
    /// Writes the model: a header, the training record, then per stage the transitions and the
    /// non-zero emission weights as (gap, half-precision value) pairs, all deflated. Trainers round
    /// weights to half precision first (<see cref="RoundToHalf"/>), so a reloaded model decides exactly as the trained one.
    /// </summary>
    public void Save(Stream stream)
    {
        using var z = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(z);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(AttributionFeatures.Version);
        w.Write(Bits);
        w.Write(SpanTags.Count);
        w.Write(Record);
        WriteStage(w, this);
        w.Write(Second is not null);
        if (Second is not null)
        {
            WriteStage(w, Second);
        }
    }

    private static void WriteStage(BinaryWriter w, AttributionModel stage)
    {
        foreach (float v in stage.Transitions)
        {
            w.Write(v);
        }

        var weights = stage.Weights;
        int nonZero = weights.Count(v => (Half)v != Half.Zero);
        w.Write(nonZero);
        int prev = -1;
        for (int i = 0; i < weights.Length; i++)
        {
            if ((Half)weights[i] != Half.Zero)
            {
                w.Write7BitEncodedInt(i - prev);
                w.Write((Half)weights[i]);
                prev = i;
            }
        }
    }

    /// <summary>Rounds emission weights to the precision they are stored with.</summary>
    internal static void RoundToHalf(float[] weights)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(Half)weights[i];
        }
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="AscribeException">ASC0004 when the stream is not a model of this version.</exception>
    public static AttributionModel Load(Stream stream, string name)
    {
        try
        {
            using var z = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var r = new BinaryReader(z);
            if (r.ReadUInt32() != Magic)
            {
                throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, name, "not an attribution model");
            }

            int format = r.ReadInt32();
            int features = r.ReadInt32();
            if (format != FormatVersion || features != AttributionFeatures.Version)
            {
                throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, name, $"format {format}/features {features}, this build reads {FormatVersion}/{AttributionFeatures.Version}; retrain it");
            }

            int bits = r.ReadInt32();
            int labels = r.ReadInt32();
            if (bits is < 8 or > 26 || labels != SpanTags.Count)
            {
                throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, name, "bad header");
            }

            string record = r.ReadString();
            var (weights, transitions) = ReadStage(r, bits, name);
            AttributionModel? second = null;
            if (r.ReadBoolean())
            {
                var (w2, t2) = ReadStage(r, bits, name);
                second = new AttributionModel(bits, w2, t2, record, null);
            }

            return new AttributionModel(bits, weights, transitions, record, second);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or FormatException)
        {
            throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, name, ex.Message);
        }
    }

    private static (WeightRows Rows, float[] Transitions) ReadStage(BinaryReader r, int bits, string name)
    {
        var transitions = new float[(SpanTags.Count + 1) * SpanTags.Count];
        for (int i = 0; i < transitions.Length; i++)
        {
            transitions[i] = r.ReadSingle();
        }

        int size = (1 << bits) * SpanTags.Count;
        var rows = new WeightRows(1 << bits);
        int nonZero = r.ReadInt32();
        int pos = -1;
        for (int k = 0; k < nonZero; k++)
        {
            pos += r.Read7BitEncodedInt();
            if ((uint)pos >= (uint)size)
            {
                throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, name, "weight index out of range");
            }

            rows[pos / SpanTags.Count, pos % SpanTags.Count] = (float)r.ReadHalf();
        }

        return (rows, transitions);
    }
}

/// <summary>
/// Emission weights laid out for decoding: one row of <see cref="Width"/> floats per hash bucket
/// (the tags, then zeros), each row 32-byte aligned in memory that never moves, so a feature's
/// weights for all tags are one aligned vector load from one cache line.
/// </summary>
internal sealed class WeightRows
{
    public const int Width = 8;

    private readonly float[] _data;
    private readonly int _offset;

    public WeightRows(int buckets)
    {
        _data = GC.AllocateArray<float>(buckets * Width + Width, pinned: true);
        // The array is on the pinned heap: its address (the distance from null) stays as it is.
        nint address = Unsafe.ByteOffset(ref Unsafe.NullRef<float>(), ref _data[0]);
        _offset = (int)((32 - (address & 31)) & 31) / sizeof(float);

        Buckets = buckets;
    }

    public int Buckets { get; }

    public ref float First => ref _data[_offset];

    public float this[int bucket, int tag]
    {
        get => _data[_offset + bucket * Width + tag];
        set => _data[_offset + bucket * Width + tag] = value;
    }

    public static WeightRows From(float[] weights, int bits)
    {
        const int L = SpanTags.Count;
        var rows = new WeightRows(1 << bits);
        for (int b = 0; b < rows.Buckets; b++)
        {
            weights.AsSpan(b * L, L).CopyTo(rows._data.AsSpan(rows._offset + b * Width, L));
        }

        return rows;
    }

    public float[] ToWeights(int bits)
    {
        const int L = SpanTags.Count;
        var weights = new float[(1 << bits) * L];
        for (int b = 0; b < Buckets; b++)
        {
            _data.AsSpan(_offset + b * Width, L).CopyTo(weights.AsSpan(b * L, L));
        }

        return weights;
    }
}
