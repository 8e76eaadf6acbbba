using Ascribe.Core.Documents;
using Microsoft.ML.OnnxRuntime;

namespace Ascribe.Accurate.Encoding;

/// <summary>
/// Runs the frozen all-MiniLM-L6-v2 transformer over a document and returns one contextual vector
/// per Ascribe token (the vector of its first word piece). Documents longer than one window are read
/// in overlapping windows; each token takes its vector from the window in which it lies farthest
/// from an edge, so every token sees at least <c>(WindowPieces - Stride) / 2</c> pieces of context
/// on each side except at the document's ends. Thread-safe: one session serves all callers.
/// </summary>
public sealed class MiniLmEncoder : IDisposable
{
    /// <summary>Width of one layer's vectors in all-MiniLM-L6-v2.</summary>
    public const int HiddenSize = 384;

    /// <summary>Transformer layers of all-MiniLM-L6-v2; layer <c>LayerCount - 1</c> is <c>last_hidden_state</c>.</summary>
    public const int LayerCount = 6;

    private readonly InferenceSession _session;
    private readonly bool _wantsTokenTypes;
    private readonly string[] _outputs;

    /// <param name="layers">0-based transformer layers whose outputs are concatenated per token, in this order.</param>
    public MiniLmEncoder(byte[] model, byte[] vocab, int[] layers, int threads = 1, int windowPieces = 128, int stride = 96, int batch = 8)
    {
        ArgumentOutOfRangeException.ThrowIfZero(layers.Length);
        foreach (int layer in layers)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(layer);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, LayerCount);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(windowPieces, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowPieces, 512);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stride, windowPieces - 2);
        using (var stream = new MemoryStream(vocab, writable: false))
        {
            Splitter = new WordPieceSplitter(stream);
        }

        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        Layers = layers;
        Dim = HiddenSize * layers.Length;
        (model, _outputs) = LayerOutputs.Expose(model, layers);
        _session = new InferenceSession(model, options);
        _wantsTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        WindowPieces = windowPieces;
        Stride = stride;
        Batch = batch;
    }

    /// <summary>Loads the encoder found by <see cref="EncoderLocator"/>, with <paramref name="tuned"/> layers in place of the pretrained ones.</summary>
    public static MiniLmEncoder Load(int[] layers, string? path = null, int threads = 1) => Load(layers, path, threads, Array.Empty<(int, LayerWeights)>());

    internal static MiniLmEncoder Load(int[] layers, string? path, int threads, IReadOnlyList<(int Layer, LayerWeights Weights)> tuned)
    {
        var (model, vocab) = EncoderLocator.Read(path);
        return new MiniLmEncoder(LayerWeights.Patch(model, tuned), vocab, layers, threads);
    }

    /// <summary>The 0-based layers concatenated in each token's vector.</summary>
    public int[] Layers { get; }

    /// <summary>Width of each token's vector: <see cref="HiddenSize"/> per layer.</summary>
    public int Dim { get; }

    public WordPieceSplitter Splitter { get; }

    /// <summary>Pieces per window including [CLS] and [SEP].</summary>
    public int WindowPieces { get; }

    /// <summary>Pieces between the starts of consecutive windows.</summary>
    public int Stride { get; }

    /// <summary>Windows run together in one session call.</summary>
    public int Batch { get; }

    /// <summary>Contextual vectors of every token: row <c>t</c> is <c>[t * Dim, (t + 1) * Dim)</c>.</summary>
    public float[] Encode(Document doc) => Encode(Splitter.Split(doc));

    /// <summary>Contextual vectors for already split word pieces.</summary>
    public float[] Encode(WordPieces pieces)
    {
        var output = new float[pieces.TokenCount * Dim];
        if (pieces.TokenCount == 0)
        {
            return output;
        }

        var windows = WindowsOf(pieces);
        var owner = Owners(pieces.Ids.Length, windows);
        Run(pieces, windows, (w0, b, len, results) =>
        {
            for (int l = 0; l < _outputs.Length; l++)
            {
                var hidden = results[l].GetTensorDataAsSpan<float>();
                for (int t = 0; t < pieces.TokenCount; t++)
                {
                    var (w, pos) = RowOf(pieces, windows, owner, t);
                    if ((uint)(w - w0) >= (uint)b)
                    {
                        continue;
                    }

                    hidden.Slice(((w - w0) * len + pos) * HiddenSize, HiddenSize).CopyTo(output.AsSpan(t * Dim + l * HiddenSize, HiddenSize));
                }
            }
        });

        return output;
    }

    /// <summary>
    /// The first requested layer's output for every window of <paramref name="pieces"/>
    /// (<see cref="Windows"/> with this encoder's sizes): one array per window, <c>(count + 2) × 384</c>
    /// values, rows for [CLS], the window's pieces and [SEP].
    /// </summary>
    public List<float[]> EncodeWindows(WordPieces pieces)
    {
        var windows = WindowsOf(pieces);
        var rows = new List<float[]>(windows.Count);
        if (pieces.Ids.Length == 0)
        {
            return rows;
        }

        Run(pieces, windows, (w0, b, len, results) =>
        {
            var hidden = results[0].GetTensorDataAsSpan<float>();
            for (int k = 0; k < b; k++)
            {
                int n = windows[w0 + k].Length + 2;
                rows.Add(hidden.Slice(k * len * HiddenSize, n * HiddenSize).ToArray());
            }
        });

        return rows;
    }

    /// <summary>Runs the session over the windows, <see cref="Batch"/> at a time, handing each batch's outputs to <paramref name="read"/> (first window, windows, padded length, outputs).</summary>
    private void Run(WordPieces pieces, List<(int Start, int Length)> windows, Action<int, int, int, IDisposableReadOnlyCollection<OrtValue>> read)
    {
        for (int w0 = 0; w0 < windows.Count; w0 += Batch)
        {
            int b = Math.Min(Batch, windows.Count - w0);
            int len = 0;
            for (int k = 0; k < b; k++)
            {
                len = Math.Max(len, windows[w0 + k].Length + 2);
            }

            var ids = new long[b * len];
            var mask = new long[b * len];
            for (int k = 0; k < b; k++)
            {
                var (start, count) = windows[w0 + k];
                int row = k * len;
                ids[row] = Splitter.ClsId;
                for (int i = 0; i < count; i++)
                {
                    ids[row + 1 + i] = pieces.Ids[start + i];
                }

                ids[row + 1 + count] = Splitter.SepId;
                for (int i = count + 2; i < len; i++)
                {
                    ids[row + i] = Splitter.PadId;
                }

                mask.AsSpan(row, count + 2).Fill(1);
            }

            long[] shape = { b, len };
            using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
            using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[b * len], shape);
            var names = new List<string> { "input_ids", "attention_mask" };
            var values = new List<OrtValue> { idsValue, maskValue };
            if (_wantsTokenTypes)
            {
                names.Add("token_type_ids");
                values.Add(typesValue);
            }

            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, names, values, _outputs);
            read(w0, b, len, results);
        }
    }

    /// <summary>The windows this encoder reads <paramref name="pieces"/> in: <see cref="Windows"/> with its sizes.</summary>
    internal List<(int Start, int Length)> WindowsOf(WordPieces pieces) => Windows(pieces.Ids.Length, WindowPieces - 2, Stride);

    /// <summary>Where token <paramref name="token"/>'s vector is read: the window that owns its first piece, and that piece's row in the window (row 0 is [CLS]).</summary>
    internal static (int Window, int Row) RowOf(WordPieces pieces, List<(int Start, int Length)> windows, int[] owner, int token)
    {
        int p = pieces.FirstPiece[token];
        int w = owner[p];
        return (w, p - windows[w].Start + 1);
    }

    /// <summary>Windows <c>(start, count)</c> of at most <paramref name="capacity"/> pieces covering <c>[0, n)</c>, starts <paramref name="stride"/> apart.</summary>
    internal static List<(int Start, int Length)> Windows(int n, int capacity, int stride)
    {
        var windows = new List<(int, int)>();
        for (int start = 0; ; start += stride)
        {
            int count = Math.Min(capacity, n - start);
            windows.Add((start, count));
            if (start + count >= n)
            {
                break;
            }
        }

        return windows;
    }

    /// <summary>For every piece, the window in which it lies farthest from a window edge (document ends do not count as edges).</summary>
    internal static int[] Owners(int n, List<(int Start, int Length)> windows)
    {
        var owner = new int[n];
        var best = new int[n];
        Array.Fill(best, -1);
        for (int k = 0; k < windows.Count; k++)
        {
            var (start, count) = windows[k];
            for (int p = start; p < start + count; p++)
            {
                int left = start == 0 ? int.MaxValue / 2 : p - start;
                int right = start + count == n ? int.MaxValue / 2 : start + count - 1 - p;
                int margin = Math.Min(left, right);
                if (margin > best[p])
                {
                    best[p] = margin;
                    owner[p] = k;
                }
            }
        }

        return owner;
    }

    public void Dispose() => _session.Dispose();
}
