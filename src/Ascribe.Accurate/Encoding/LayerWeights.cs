using Ascribe.Core.Errors;
using Google.Protobuf;
using Onnx;

namespace Ascribe.Accurate.Encoding;

/// <summary>
/// The weights of one BERT encoder layer of all-MiniLM-L6-v2, read from the ONNX graph's
/// initializers. Projection matrices are stored as the graph stores them, <c>[in, out]</c> row-major
/// (<c>y = x W + b</c>). Biases and LayerNorm parameters are found by name; a projection matrix is
/// the second input of the MatMul whose output its bias is added to.
/// </summary>
internal sealed class LayerWeights
{
    public const int Heads = 12;
    public const int Intermediate = 1536;
    private const int D = MiniLmEncoder.HiddenSize;

    /// <summary>Parameter names, in the order of <see cref="Arrays"/>; biases and norms are ONNX initializer names after the layer prefix.</summary>
    internal static readonly string[] Names =
    {
        "attention.self.query", "attention.self.query.bias",
        "attention.self.key", "attention.self.key.bias",
        "attention.self.value", "attention.self.value.bias",
        "attention.output.dense", "attention.output.dense.bias",
        "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias",
        "intermediate.dense", "intermediate.dense.bias",
        "output.dense", "output.dense.bias",
        "output.LayerNorm.weight", "output.LayerNorm.bias",
    };

    /// <summary>Lengths of the parameters in <see cref="Names"/> order.</summary>
    internal static readonly int[] Sizes =
    {
        D * D, D, D * D, D, D * D, D, D * D, D, D, D, D * Intermediate, Intermediate, Intermediate * D, D, D, D,
    };

    public LayerWeights(float[][] arrays)
    {
        if (arrays.Length != Names.Length)
        {
            throw new ArgumentException("wrong parameter count", nameof(arrays));
        }

        for (int i = 0; i < arrays.Length; i++)
        {
            if (arrays[i].Length != Sizes[i])
            {
                throw new ArgumentException($"{Names[i]}: {arrays[i].Length} values, expected {Sizes[i]}", nameof(arrays));
            }
        }

        Arrays = arrays;
    }

    /// <summary>All parameters in <see cref="Names"/> order.</summary>
    public float[][] Arrays { get; }

    public float[] Wq => Arrays[0];
    public float[] Bq => Arrays[1];
    public float[] Wk => Arrays[2];
    public float[] Bk => Arrays[3];
    public float[] Wv => Arrays[4];
    public float[] Bv => Arrays[5];
    public float[] Wo => Arrays[6];
    public float[] Bo => Arrays[7];
    public float[] Ln1G => Arrays[8];
    public float[] Ln1B => Arrays[9];
    public float[] Wi => Arrays[10];
    public float[] Bi => Arrays[11];
    public float[] Wf => Arrays[12];
    public float[] Bf => Arrays[13];
    public float[] Ln2G => Arrays[14];
    public float[] Ln2B => Arrays[15];

    /// <summary>Zeroed arrays of the same shapes, for gradients.</summary>
    public static LayerWeights Zeros() => new(Sizes.Select(n => new float[n]).ToArray());

    public LayerWeights Clone() => new(Arrays.Select(a => (float[])a.Clone()).ToArray());

    /// <summary>Reads layer <paramref name="layer"/> (0-based) from an ONNX model.</summary>
    public static LayerWeights Read(byte[] model, int layer)
    {
        var graph = ModelProto.Parser.ParseFrom(model).Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        var arrays = new float[Names.Length][];
        for (int i = 0; i < Names.Length; i++)
        {
            var tensor = initializers[InitializerName(graph, layer, i)];
            if (tensor.DataType != (int)TensorProto.Types.DataType.Float || tensor.RawData.Length != 4 * Sizes[i])
            {
                throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, "encoder", $"unexpected {Names[i]} of layer {layer}");
            }

            arrays[i] = new float[Sizes[i]];
            tensor.RawData.Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(arrays[i].AsSpan()));
        }

        return new LayerWeights(arrays);
    }

    /// <summary>A copy of <paramref name="model"/> whose listed layers carry the given weights; the graph is untouched.</summary>
    public static byte[] Patch(byte[] model, IReadOnlyList<(int Layer, LayerWeights Weights)> layers)
    {
        if (layers.Count == 0)
        {
            return model;
        }

        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        foreach (var (layer, weights) in layers)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                var tensor = initializers[InitializerName(graph, layer, i)];
                tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.Arrays[i].AsSpan()));
            }
        }

        return proto.ToByteArray();
    }

    /// <summary>The initializer holding parameter <paramref name="index"/> of <paramref name="layer"/>.</summary>
    private static string InitializerName(GraphProto graph, int layer, int index)
    {
        string name = Names[index];
        string prefix = $"encoder.layer.{layer}.";
        if (name.EndsWith(".bias") || name.EndsWith(".weight"))
        {
            return prefix + name;
        }

        // A projection matrix: Add(bias, MatMul(x, W)) in either input order.
        string bias = prefix + name + ".bias";
        var add = graph.Node.FirstOrDefault(n => n.OpType == "Add" && n.Input.Contains(bias))
            ?? throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, "encoder", $"no {name} in layer {layer}");
        string product = add.Input[0] == bias ? add.Input[1] : add.Input[0];
        var matMul = graph.Node.FirstOrDefault(n => n.OpType == "MatMul" && n.Output.Contains(product))
            ?? throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, "encoder", $"no projection for {name} in layer {layer}");
        return matMul.Input[1];
    }
}
