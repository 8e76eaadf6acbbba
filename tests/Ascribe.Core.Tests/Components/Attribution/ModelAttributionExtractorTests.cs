using Ascribe.Core.Components.Attribution;
using Ascribe.Core.Components.Attribution.Model;
using Ascribe.Core.Documents;
using Ascribe.Core.Evaluation;
using Ascribe.Core.Pipeline;
using Ascribe.Core.Serialization;

namespace Ascribe.Core.Tests.Components;

public sealed class ModelAttributionExtractorTests
{
    private static readonly Lazy<AttributionModel> MiniModel = new(() => TrainMini(seed: 1));
    private static readonly Lazy<AttributionModel> MiniStacked = new(() => TrainMini(seed: 1, stacked: true));

    private static string MiniFolder => Path.Combine(AppContext.BaseDirectory, "data", "polnear-mini");

    /// <summary>Trains on the mini PolNeAR fixture (first annotator per article).</summary>
    private static AttributionModel TrainMini(int seed, bool stacked = false, int ensemble = 1, float margin = 0, int folds = 2)
    {
        var pipeline = DefaultPipeline.BeforeAttribution();
        var examples = new List<AttributionExample>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(MiniFolder, "attributions"), "*.ann").Order(StringComparer.Ordinal))
        {
            string article = Path.GetFileNameWithoutExtension(file)[..^5];
            if (!seen.Add(article))
            {
                continue;
            }

            var doc = pipeline.Run(article, File.ReadAllText(Path.Combine(MiniFolder, "text", article + ".txt")));
            examples.Add(new AttributionExample(doc, BratAnnotation.Parse(File.ReadAllText(file))));
        }

        var trainer = new AttributionTrainer { Bits = 16, Iterations = 8, Seed = seed, Stacked = stacked, Ensemble = ensemble, Margin = margin, Folds = folds };
        return trainer.Train(examples, null, "test").Model;
    }

    private static string Brat(AttributionModel model, string id, string text) =>
        BratWriter.Write(DefaultPipeline.Create(model).Run(id, text));

    private static IEnumerable<(string Id, string Text)> MiniTexts() =>
        Directory.GetFiles(Path.Combine(MiniFolder, "text"), "*.txt").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)));

    private static ScoreResult ScoreMini(Func<string, string, string> brat)
    {
        var scorer = new AttributionScorer();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(MiniFolder, "attributions"), "*.ann").Order(StringComparer.Ordinal))
        {
            string article = Path.GetFileNameWithoutExtension(file)[..^5];
            if (!seen.Add(article))
            {
                continue;
            }

            string text = File.ReadAllText(Path.Combine(MiniFolder, "text", article + ".txt"));
            scorer.Add(ScoreTokens.FromRegex(text), BratAnnotation.Parse(File.ReadAllText(file)), BratAnnotation.Parse(brat(article, text)));
        }

        return scorer.Result();
    }

    [Fact]
    public void Train_OnMiniFixture_FitsItsTrainingDataFarBetterThanRules()
    {
        var rules = new PipelineBuilder();
        foreach (var c in DefaultPipeline.BeforeAttribution().Components)
        {
            rules.Add(c);
        }

        var rulePipeline = rules.Add(new RuleAttributionExtractor()).Build();
        var model = ScoreMini((id, text) => Brat(MiniModel.Value, id, text));
        var baseline = ScoreMini((id, text) => BratWriter.Write(rulePipeline.Run(id, text)));
        foreach (var k in new[] { "source", "cue", "content" })
        {
            double m = model.Components[k].Exact.F1, r = baseline.Components[k].Exact.F1;
            Assert.True(m > r + 10, $"{k}: model {m} vs rules {r}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Model_SavedAndReloaded_GivesIdenticalOutput(bool stacked)
    {
        var model = stacked ? MiniStacked.Value : MiniModel.Value;
        using var buffer = new MemoryStream();
        model.Save(buffer);
        buffer.Position = 0;
        var reloaded = AttributionModel.Load(buffer, "memory");
        Assert.Equal(model.Record, reloaded.Record);
        foreach (var (id, text) in MiniTexts())
        {
            Assert.Equal(Brat(model, id, text), Brat(reloaded, id, text));
        }
    }

    [Fact]
    public void Train_SameSeed_GivesTheSameModel()
    {
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        TrainMini(seed: 7).Save(a);
        TrainMini(seed: 7).Save(b);
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void Train_Ensemble_AveragesTheWeightsOfOneModelPerSeed()
    {
        var one = TrainMini(seed: 3);
        var two = TrainMini(seed: 4);
        var both = TrainMini(seed: 3, ensemble: 2);
        Assert.NotEqual(one.Weights, two.Weights);
        for (int i = 0; i < both.Weights.Length; i++)
        {
            // Every model is stored in half precision: allow its rounding of the larger member weight.
            float mean = (one.Weights[i] + two.Weights[i]) / 2;
            float scale = Math.Max(1, Math.Max(Math.Abs(one.Weights[i]), Math.Abs(two.Weights[i])));
            Assert.True(Math.Abs(both.Weights[i] - mean) <= 2e-3f * scale, $"weight {i}: {both.Weights[i]} vs mean {mean}");
        }

        for (int i = 0; i < both.Transitions.Length; i++)
        {
            Assert.Equal((one.Transitions[i] + two.Transitions[i]) / 2, both.Transitions[i], 3);
        }

        Assert.Contains("3 to 4 (ensemble of 2", both.Record, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_WithMargin_KeepsUpdatingWhereGoldWinsNarrowly()
    {
        var plain = TrainMini(seed: 5);
        var margin = TrainMini(seed: 5, margin: 10);
        Assert.NotEqual(plain.Weights, margin.Weights);
        Assert.Contains("margin: 10", margin.Record, StringComparison.Ordinal);
        Assert.DoesNotContain("margin", plain.Record, StringComparison.Ordinal);

        // Weights are updated on tokens the plain perceptron already gets right, so they grow
        // larger: the sum of absolute weights is higher than without the margin.
        double Mass(AttributionModel m) => m.Weights.Sum(w => Math.Abs((double)w));
        Assert.True(Mass(margin) > Mass(plain), $"{Mass(margin)} vs {Mass(plain)}");
        var fit = ScoreMini((id, text) => Brat(margin, id, text));
        Assert.True(fit.Components["content"].Exact.F1 > 50, $"content {fit.Components["content"].Exact.F1}");
    }

    [Fact]
    public void Train_StackedWithThreeFolds_RecordsThemAndLearnsOtherSecondStageWeights()
    {
        var three = TrainMini(seed: 1, stacked: true, folds: 3);
        Assert.Contains("cross-validation folds: 3", three.Record, StringComparison.Ordinal);
        Assert.DoesNotContain("cross-validation folds", MiniStacked.Value.Record, StringComparison.Ordinal);

        // The first stage is trained on all articles either way; only the second stage sees the
        // cross-validated tags.
        Assert.Equal(MiniStacked.Value.Weights, three.Weights);
        Assert.NotEqual(MiniStacked.Value.Second!.Weights, three.Second!.Weights);
    }

    [Fact]
    public void Model_CorruptStream_IsRejectedWithCode()
    {
        using var junk = new MemoryStream(new byte[] { 1, 2, 3, 4, 5 });
        var ex = Assert.Throws<Ascribe.Core.Errors.AscribeException>(() => AttributionModel.Load(junk, "junk.bin"));
        Assert.Equal(Ascribe.Core.Errors.ErrorCodes.ModelCorrupt, ex.Code);
    }

    [Fact]
    public void Analyze_SameInputTwice_IsIdentical()
    {
        var (id, text) = MiniTexts().First();
        var pipeline = DefaultPipeline.Create();
        string first = DocumentJson.ToJsonLine(pipeline.Run(id, text));
        string second = DocumentJson.ToJsonLine(pipeline.Run(id, text));
        Assert.Equal(first, second);
    }

    [Fact]
    public void ShippedModel_IsUsedByDefault()
    {
        Assert.NotNull(Ascribe.Core.Models.ModelStore.Default.Attribution);
        Assert.Contains(DefaultPipeline.Create().Components, c => c is ModelAttributionExtractor);
    }

    [Theory]
    [InlineData("Officials said the plan was delayed.", "Officials", "said", "the plan was delayed")]
    [InlineData("The company said that profits fell sharply in the third quarter.", "The company", "said", "that profits fell sharply in the third quarter")]
    [InlineData("\"We will not back down,\" the senator said.", "the senator", "said", "\"We will not back down,\"")]
    [InlineData("The plan was delayed by a year, officials said.", "officials", "said", "The plan was delayed by a year")]
    public void ShippedModel_FindsSourceCueContent(string text, string source, string cue, string content)
    {
        var doc = TestText.Analyze(text);
        var a = Assert.Single(doc.Attributions, x => x.Cue is { } c && doc.Slice(c) == cue);
        Assert.Equal(source, a.Source is { } s ? doc.Slice(s) : null);
        Assert.Equal(content, string.Join(" ", a.Content.Select(doc.Slice)));
        Assert.Equal("model", a.Origin);
    }

    [Fact]
    public void ShippedModel_JoinsContentInterruptedBySourceAndCue()
    {
        var doc = TestText.Analyze("\"We are ready,\" she said, \"and we will win the vote next week.\"");
        var a = Assert.Single(doc.Attributions, x => x.Cue is not null);
        Assert.Equal(2, a.Content.Count);
        Assert.Equal("she", doc.Slice(a.Source!.Value));
        Assert.Equal(AttributionKind.Direct, a.Kind);
    }

    /// <summary>The mini texts joined into one article of many paragraphs, through the pipeline up to attribution.</summary>
    private static Document JoinedMini() =>
        DefaultPipeline.BeforeAttribution().Run("joined", string.Join("\n\n", MiniTexts().Select(x => x.Text)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Predict_FeaturesInChunksOfAnySize_GiveTheTagsAndMarginsOfTheWholeDocument(bool shipped)
    {
        var model = shipped ? Ascribe.Core.Models.ModelStore.Default.Attribution! : MiniModel.Value;
        Assert.Equal(shipped, model.Second is not null);
        var doc = JoinedMini();
        var context = ModelAttributionExtractor.Context(doc, Ascribe.Core.Lexicons.CueLexicon.Default, model.Bits);
        var sequences = ModelAttributionExtractor.Sequences(doc);
        Assert.True(sequences.Count > 50, $"{sequences.Count} paragraphs");

        // The whole document's features at once, each stage's rows computed from scratch.
        var whole = new AttributionFeatures(doc, Ascribe.Core.Lexicons.CueLexicon.Default, model.Bits, context.RuleTags);
        var expected = ModelAttributionExtractor.Decode(model, whole, sequences, doc.TokenCount, out var expectedMargins);
        if (model.Second is { } second)
        {
            var restacked = new AttributionFeatures(doc, Ascribe.Core.Lexicons.CueLexicon.Default, model.Bits, context.RuleTags, expected);
            expected = ModelAttributionExtractor.Decode(second, restacked, sequences, doc.TokenCount, out expectedMargins);
        }

        Assert.Contains(expected, t => t != 0);
        foreach (int chunk in new[] { 1, 3, 40, 500, ModelAttributionExtractor.ChunkTokens, int.MaxValue })
        {
            var tags = ModelAttributionExtractor.Predict(model, context, sequences, chunk, out var margins);
            Assert.Equal(expected, tags);
            Assert.Equal(expectedMargins, margins);
        }
    }

    [Fact]
    public void Features_OfAChunkAndStacked_AreTheRowsOfTheWholeDocument()
    {
        var model = Ascribe.Core.Models.ModelStore.Default.Attribution!;
        var lexicon = Ascribe.Core.Lexicons.CueLexicon.Default;
        var doc = JoinedMini();
        var context = ModelAttributionExtractor.Context(doc, lexicon, model.Bits);
        var sequences = ModelAttributionExtractor.Sequences(doc);
        var whole = new AttributionFeatures(doc, lexicon, model.Bits, context.RuleTags);
        var stack = ModelAttributionExtractor.Decode(model, whole, sequences, doc.TokenCount, out _);
        var wholeStacked = new AttributionFeatures(doc, lexicon, model.Bits, context.RuleTags, stack);
        Assert.Equal(Rows(wholeStacked, 0, doc.TokenCount), Rows(AttributionFeatures.Stacked(whole, stack), 0, doc.TokenCount));

        // A chunk in the middle, from a paragraph that does not start the document.
        var (start, end) = (sequences[sequences.Count / 3].Start, sequences[sequences.Count / 2].End);
        var part = AttributionFeatures.Rows(context, start, end);
        Assert.Equal(Rows(whole, start, end), Rows(part, start, end));
        Assert.Equal(Rows(wholeStacked, start, end), Rows(AttributionFeatures.Stacked(part, stack), start, end));

        static List<int[]> Rows(AttributionFeatures f, int start, int end) =>
            Enumerable.Range(start, end - start).Select(t => f.Buckets[f.Offsets[t - f.Start]..f.Offsets[t - f.Start + 1]]).ToList();
    }
}
