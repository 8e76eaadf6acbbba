using System.Buffers.Binary;
using System.IO.Compression;
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
        Weights = weights;
        Transitions = transitions;
        Record = record;
        Second = second;
    }

    /// <summary>
    /// The stacked second stage, or null: it sees the same features plus this stage's tags
    /// (trained on cross-validated first-stage tags, so it learns how far to trust them).
    /// </summary>
    internal AttributionModel? Second { get; }

    /// <summary>Number of hash bits of the feature space.</summary>
    public int Bits { get; }

    /// <summary>How the model was trained (command, seed, iterations, dev scores), as plain text.</summary>
    public string Record { get; }

    /// <summary>Emission weights, bucket-major: <c>Weights[bucket * SpanTags.Count + tag]</c>.</summary>
    internal float[] Weights { get; }

    /// <summary>Transition weights <c>[(prev + 1) * SpanTags.Count + cur]</c>; row 0 is the sequence start.</summary>
    internal float[] Transitions { get; }

    /// <summary>Scores every tag of tokens <c>[start, end)</c> into <paramref name="scores"/> (row per token).</summary>
    internal void Emissions(AttributionFeatures features, int start, int end, Span<float> scores)
    {
        const int L = SpanTags.Count;
        var w = Weights;
        var offsets = features.Offsets;
        var buckets = features.Buckets;
        for (int t = start; t < end; t++)
        {
            var row = scores.Slice((t - start) * L, L);
            row.Clear();
            for (int f = offsets[t]; f < offsets[t + 1]; f++)
            {
                int b = buckets[f] * L;
                for (int y = 0; y < L; y++)
                {
                    row[y] += w[b + y];
                }
            }
        }
    }

    /// <summary>Best legal tag sequence for the emission rows; writes one tag per row into <paramref name="tags"/>.</summary>
    internal static void Viterbi(ReadOnlySpan<float> scores, ReadOnlySpan<float> transitions, Span<byte> tags)
    {
        const int L = SpanTags.Count;
        int n = tags.Length;
        if (n == 0)
        {
            return;
        }

        var delta = new float[n * L];
        var back = new byte[n * L];
        for (int y = 0; y < L; y++)
        {
            delta[y] = SpanTags.IsLegal(-1, y) ? transitions[y] + scores[y] : float.NegativeInfinity;
        }

        for (int t = 1; t < n; t++)
        {
            for (int y = 0; y < L; y++)
            {
                float best = float.NegativeInfinity;
                int arg = 0;
                for (int p = 0; p < L; p++)
                {
                    if (!SpanTags.IsLegal(p, y))
                    {
                        continue;
                    }

                    float v = delta[(t - 1) * L + p] + transitions[(p + 1) * L + y];
                    if (v > best)
                    {
                        best = v;
                        arg = p;
                    }
                }

                delta[t * L + y] = best + scores[t * L + y];
                back[t * L + y] = (byte)arg;
            }
        }

        int last = 0;
        for (int y = 1; y < L; y++)
        {
            if (delta[(n - 1) * L + y] > delta[(n - 1) * L + last])
            {
                last = y;
            }
        }

        for (int t = n - 1; t >= 0; t--)
        {
            tags[t] = (byte)last;
            last = back[t * L + last];
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
                second = new AttributionModel(bits, w2, t2, record);
            }

            return new AttributionModel(bits, weights, transitions, record, second);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or FormatException)
        {
            throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, name, ex.Message);
        }
    }

    private static (float[] Weights, float[] Transitions) ReadStage(BinaryReader r, int bits, string name)
    {
        var transitions = new float[(SpanTags.Count + 1) * SpanTags.Count];
        for (int i = 0; i < transitions.Length; i++)
        {
            transitions[i] = r.ReadSingle();
        }

        var weights = new float[(1 << bits) * SpanTags.Count];
        int nonZero = r.ReadInt32();
        int pos = -1;
        for (int k = 0; k < nonZero; k++)
        {
            pos += r.Read7BitEncodedInt();
            if ((uint)pos >= (uint)weights.Length)
            {
                throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, name, "weight index out of range");
            }

            weights[pos] = (float)r.ReadHalf();
        }

        return (weights, transitions);
    }
}
