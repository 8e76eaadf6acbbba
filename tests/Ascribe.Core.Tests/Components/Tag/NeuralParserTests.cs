using Ascribe.Core.Components.Parse;
using Ascribe.Core.Models;

namespace Ascribe.Core.Tests.Components.Tag;

public sealed class NeuralParserTests
{
    private static readonly NeuralParserSettings Small = new() { Hidden = 64, WordDim = 16, TagDim = 8, LabelDim = 8, Dropout = 0.1f, LearningRate = 0.005f };

    [Fact]
    public void NeuralParser_TrainedOnFixture_LearnsItAndSaveAndLoadGiveIdenticalOutput()
    {
        var sentences = LinguisticFixture.Sentences();
        var train = sentences.Take(200).ToList();
        var model = NeuralParserTrainer.Train(train, null, new TrainOptions { Iterations = 8 }, Small);
        var (uas, las) = model.Evaluate(train);
        Assert.True(uas > 80, $"UAS on the training fixture was {uas:F1}%");
        Assert.True(las > 70, $"LAS on the training fixture was {las:F1}%");

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = ParserFiles.Load(stream, "memory");
        Assert.IsType<NeuralParserModel>(loaded);
        LinguisticFixture.AssertSameParses(model, loaded, sentences.Skip(200));
    }

    [Fact]
    public void NeuralParser_SameDataAndSeed_GiveTheSameModelFile()
    {
        var train = LinguisticFixture.Sentences().Take(60).ToList();
        byte[] Train(int seed)
        {
            using var stream = new MemoryStream();
            NeuralParserTrainer.Train(train, null, new TrainOptions { Iterations = 2, Seed = seed }, Small).Save(stream);
            return stream.ToArray();
        }

        var first = Train(1);
        Assert.Equal(first, Train(1));
        Assert.NotEqual(first, Train(2));
    }

    [Fact]
    public void ArcStandardOracle_ReproducesAProjectiveGoldTree()
    {
        // "He said the plan was delayed ." with heads He->said, said->ROOT, the->plan, plan->delayed, was->delayed, delayed->said, .->said
        int[] gold = { 1, 7, 3, 5, 5, 1, 1, -1 };
        int[] labels = { 1, 2, 3, 4, 5, 6, 7, 0 };
        var children = new int[8];
        foreach (int h in gold.Take(7))
        {
            children[h]++;
        }

        var state = new ArcStandardState(7);
        while (!state.IsFinal)
        {
            int move = state.Oracle(gold, labels, children);
            Assert.True(move >= 0 && state.IsValid(move));
            state.Apply(move);
        }

        Assert.Equal(gold.Take(7), state.Heads.Take(7));
        Assert.Equal(labels.Take(7), state.Labels.Take(7));
    }

    [Fact]
    public void ArcStandardOracle_GivesUpOnACrossingTree()
    {
        // Arcs 0->2 and 1->3 cross: no arc-standard sequence builds them.
        int[] gold = { 2, 3, 4, 2, -1 };
        int[] labels = new int[5];
        var children = new int[5];
        foreach (int h in gold.Take(4))
        {
            children[h]++;
        }

        var state = new ArcStandardState(4);
        int move = 0;
        while (!state.IsFinal && (move = state.Oracle(gold, labels, children)) >= 0)
        {
            state.Apply(move);
        }

        Assert.Equal(-1, move);
        Assert.False(state.IsFinal);
    }

    [Fact]
    public void ParserFiles_RefusesAFileOfAnotherKind()
    {
        using var stream = new MemoryStream();
        ModelStore.Default.Pos.Save(stream);
        stream.Position = 0;
        var error = Assert.Throws<Ascribe.Core.Errors.AscribeException>(() => ParserFiles.Load(stream, "pos.bin"));
        Assert.Contains("expected 'parser'", error.Message, StringComparison.Ordinal);
    }
}
