using System.Numerics.Tensors;

namespace Ascribe.Core.Components.Parse;

/// <summary>
/// Weights of the neural parser's network: word, tag and label embeddings, a hidden layer over
/// their concatenation (<see cref="NeuralParserModel.Slots"/> feature positions) and an output
/// layer over the moves. <see cref="HiddenWeights"/> is stored one hidden unit a row.
/// </summary>
internal sealed class NeuralParserNetwork
{
    private readonly float[][] _arrays;

    public NeuralParserNetwork(int wordCount, int tagCount, int labelCount, int classes, int wordDim, int tagDim, int labelDim, int hidden, bool cube)
    {
        WordCount = wordCount;
        TagCount = tagCount;
        LabelCount = labelCount;
        Classes = classes;
        WordDim = wordDim;
        TagDim = tagDim;
        LabelDim = labelDim;
        Hidden = hidden;
        Cube = cube;
        Input = (NeuralParserModel.WordSlots * (wordDim + tagDim)) + (NeuralParserModel.LabelSlots * labelDim);
        Words = new float[wordCount * wordDim];
        Tags = new float[tagCount * tagDim];
        Labels = new float[labelCount * labelDim];
        HiddenWeights = new float[hidden * Input];
        HiddenBias = new float[hidden];
        OutputWeights = new float[classes * hidden];
        OutputBias = new float[classes];
        _arrays = new[] { Words, Tags, Labels, HiddenWeights, HiddenBias, OutputWeights, OutputBias };
    }

    public int WordCount { get; }

    public int TagCount { get; }

    public int LabelCount { get; }

    public int Classes { get; }

    public int WordDim { get; }

    public int TagDim { get; }

    public int LabelDim { get; }

    public int Hidden { get; }

    /// <summary>Cube activation (Chen and Manning); otherwise ReLU.</summary>
    public bool Cube { get; }

    /// <summary>Width of the concatenated input.</summary>
    public int Input { get; }

    public float[] Words { get; }

    public float[] Tags { get; }

    public float[] Labels { get; }

    public float[] HiddenWeights { get; }

    public float[] HiddenBias { get; }

    public float[] OutputWeights { get; }

    public float[] OutputBias { get; }

    public int ParameterCount => Words.Length + Tags.Length + Labels.Length + HiddenWeights.Length + HiddenBias.Length + OutputWeights.Length + OutputBias.Length;

    /// <summary>Embedding table, width and input offset of feature position <paramref name="slot"/>.</summary>
    public (float[] Table, int Dim, int Offset) Slot(int slot)
    {
        const int w = NeuralParserModel.WordSlots;
        return slot < w ? (Words, WordDim, slot * WordDim)
            : slot < 2 * w ? (Tags, TagDim, (w * WordDim) + ((slot - w) * TagDim))
            : (Labels, LabelDim, (w * (WordDim + TagDim)) + ((slot - (2 * w)) * LabelDim));
    }

    /// <summary>The hidden-layer input that value <paramref name="value"/> at position <paramref name="slot"/> contributes.</summary>
    public void Contribution(int slot, int value, Span<float> destination)
    {
        destination.Clear();
        AddContribution(slot, value, destination);
    }

    public void AddContribution(int slot, int value, Span<float> destination)
    {
        var (table, dim, offset) = Slot(slot);
        var e = table.AsSpan(value * dim, dim);
        for (int k = 0; k < Hidden; k++)
        {
            destination[k] += TensorPrimitives.Dot(HiddenWeights.AsSpan((k * Input) + offset, dim), e);
        }
    }

    public void Activate(Span<float> hidden)
    {
        if (Cube)
        {
            for (int k = 0; k < hidden.Length; k++)
            {
                float x = hidden[k];
                hidden[k] = x * x * x;
            }
        }
        else
        {
            TensorPrimitives.Max(hidden, 0f, hidden);
        }
    }

    public void Output(ReadOnlySpan<float> hidden, Span<float> scores)
    {
        for (int c = 0; c < Classes; c++)
        {
            scores[c] = OutputBias[c] + TensorPrimitives.Dot(OutputWeights.AsSpan(c * Hidden, Hidden), hidden);
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(WordDim);
        writer.Write(TagDim);
        writer.Write(LabelDim);
        writer.Write(Hidden);
        writer.Write(Cube);
        foreach (var array in Arrays())
        {
            foreach (float v in array)
            {
                writer.Write((Half)v);
            }
        }
    }

    public static NeuralParserNetwork Read(BinaryReader reader, int wordCount, int tagCount, int labelCount, int classes)
    {
        int wordDim = reader.ReadInt32(), tagDim = reader.ReadInt32(), labelDim = reader.ReadInt32(), hidden = reader.ReadInt32();
        bool cube = reader.ReadBoolean();
        if (wordDim is < 1 or > 1024 || tagDim is < 1 or > 1024 || labelDim is < 1 or > 1024 || hidden is < 1 or > 8192)
        {
            throw new FormatException("bad network dimensions");
        }

        var net = new NeuralParserNetwork(wordCount, tagCount, labelCount, classes, wordDim, tagDim, labelDim, hidden, cube);
        foreach (var array in net.Arrays())
        {
            for (int i = 0; i < array.Length; i++)
            {
                array[i] = (float)reader.ReadHalf();
            }
        }

        return net;
    }

    /// <summary>A copy with every weight rounded as the model file stores it, so a saved and reloaded model parses exactly as this copy does.</summary>
    public NeuralParserNetwork HalfPrecisionCopy()
    {
        var copy = new NeuralParserNetwork(WordCount, TagCount, LabelCount, Classes, WordDim, TagDim, LabelDim, Hidden, Cube);
        foreach (var (from, to) in Arrays().Zip(copy.Arrays()))
        {
            for (int i = 0; i < from.Length; i++)
            {
                to[i] = (float)(Half)from[i];
            }
        }

        return copy;
    }

    /// <summary>Every weight array, words first: the order of the model file.</summary>
    public IReadOnlyList<float[]> Arrays() => _arrays;
}
