using Google.Protobuf;
using Onnx;

namespace Ascribe.Accurate.Encoding;

/// <summary>
/// Makes inner transformer layers readable: ONNX Runtime returns only graph outputs, so the output
/// of each requested layer (the final LayerNorm of <c>encoder.layer.N.output</c>, found by its bias
/// initializer) is added to the graph's outputs. The weights are untouched.
/// </summary>
internal static class LayerOutputs
{
    public const string LastHiddenState = "last_hidden_state";

    /// <returns>The (possibly rewritten) model and the output names in the order of <paramref name="layers"/>.</returns>
    public static (byte[] Model, string[] Outputs) Expose(byte[] model, int[] layers)
    {
        var names = new string[layers.Length];
        if (Array.TrueForAll(layers, l => l == MiniLmEncoder.LayerCount - 1))
        {
            Array.Fill(names, LastHiddenState);
            return (model, names);
        }

        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        for (int i = 0; i < layers.Length; i++)
        {
            string bias = $"encoder.layer.{layers[i]}.output.LayerNorm.bias";
            var node = graph.Node.FirstOrDefault(n => n.OpType == "Add" && n.Input.Contains(bias))
                ?? throw Core.Errors.ThrowHelper.Create(Core.Errors.ErrorCodes.ModelCorrupt, "encoder", $"no output for layer {layers[i]}");
            names[i] = node.Output[0];
            if (!graph.Output.Any(o => o.Name == names[i]))
            {
                graph.Output.Add(new ValueInfoProto
                {
                    Name = names[i],
                    Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
                });
            }
        }

        return (proto.ToByteArray(), names);
    }
}
