using Ascribe.Accurate.Encoding;
using Ascribe.Accurate.Head;
using Ascribe.Accurate.Training;
using Ascribe.Core.Errors;
using Ascribe.Core.Pipeline;

namespace Ascribe.Accurate.Tests.Head;

public sealed class AccurateHeadTests
{
    [Fact]
    public void Decode_NeverStartsASpanWithI()
    {
        // Token scores favour I everywhere; a legal sequence must still open with B.
        int n = 4;
        var scores = new float[n * Roles.Outputs];
        for (int t = 0; t < n; t++)
        {
            scores[t * Roles.Outputs + Roles.Content * 3 + Roles.O] = -3;
            scores[t * Roles.Outputs + Roles.Content * 3 + Roles.B] = -2;
            scores[t * Roles.Outputs + Roles.Content * 3 + Roles.I] = -0.1f;
        }

        var tags = AccurateHead.Decode(scores, n, Roles.Content);
        Assert.Equal(new byte[] { Roles.B, Roles.I, Roles.I, Roles.I }, tags);
    }

    [Fact]
    public void Decode_IAfterOBecomesANewSpan()
    {
        // O, then a strong I: the best legal reading is O B, not O I.
        var scores = new float[2 * Roles.Outputs];
        scores[Roles.Source * 3 + Roles.O] = 0;
        scores[Roles.Source * 3 + Roles.B] = -5;
        scores[Roles.Source * 3 + Roles.I] = -5;
        scores[Roles.Outputs + Roles.Source * 3 + Roles.O] = -4;
        scores[Roles.Outputs + Roles.Source * 3 + Roles.B] = -1;
        scores[Roles.Outputs + Roles.Source * 3 + Roles.I] = -0.5f;
        Assert.Equal(new byte[] { Roles.O, Roles.B }, AccurateHead.Decode(scores, 2, Roles.Source));
    }

    [Fact]
    public void Spans_ReadsBioRuns()
    {
        var spans = AccurateAttributionExtractor.Spans(new byte[] { Roles.O, Roles.B, Roles.I, Roles.B, Roles.O, Roles.B });
        Assert.Equal(new[] { (1, 3), (3, 4), (5, 6) }, spans);
    }

    [Fact]
    public void Flatten_CueInsideContent_SplitsTheContentAroundIt()
    {
        // Content over tokens 0-5 with a cue at 2-3 and a source at 4: "content, source cue, content" order aside,
        // the flat layer keeps the cue and source and restarts the content after them.
        byte O = Roles.O, B = Roles.B, I = Roles.I;
        var roles = new byte[Roles.Count][];
        roles[Roles.Source] = new[] { O, O, O, O, B, O };
        roles[Roles.Cue] = new[] { O, O, B, I, O, O };
        roles[Roles.Content] = new[] { B, I, I, I, I, I };
        var scores = new float[6 * Roles.Outputs];
        var (tags, margins) = AccurateAttributionExtractor.Flatten(roles, scores, 6);
        Assert.Equal(new byte[] { 5, 6, 3, 4, 1, 5 }, tags);
        Assert.All(margins, m => Assert.True(float.IsFinite(m)));
    }

    [Fact]
    public void SaveLoad_RoundTripsWeightsAndLayers()
    {
        var rng = new Random(1);
        int[] layers = { 3, 5 };
        int d = 3 * (2 * 384 + TokenFlags.Count), h = 4;
        float[] Fill(int n) => Enumerable.Range(0, n).Select(_ => rng.NextSingle()).ToArray();
        var head = new AccurateHead(layers, h, Fill(h * d), Fill(h), Fill(Roles.Outputs * h), Fill(Roles.Outputs));
        using var buffer = new MemoryStream();
        head.Save(buffer);
        buffer.Position = 0;
        var loaded = AccurateHead.Load(buffer, "mem");
        Assert.Equal(layers, loaded.Layers);
        Assert.Equal(head.W1, loaded.W1);
        Assert.Equal(head.B2, loaded.B2);
    }

    [Fact]
    public void SaveLoad_RoundTripsTunedEncoderLayers()
    {
        var rng = new Random(2);
        int d = 3 * (384 + TokenFlags.Count), h = 3;
        var tuned = new LayerWeights(LayerWeights.Sizes.Select(n => Enumerable.Range(0, n).Select(_ => rng.NextSingle()).ToArray()).ToArray());
        var head = new AccurateHead(new[] { 5 }, h, new float[h * d], new float[h], new float[Roles.Outputs * h], new float[Roles.Outputs]) { Tuned = new[] { (5, tuned) } };
        using var buffer = new MemoryStream();
        head.Save(buffer);
        buffer.Position = 0;
        var loaded = AccurateHead.Load(buffer, "mem");
        var (layer, weights) = Assert.Single(loaded.Tuned);
        Assert.Equal(5, layer);
        for (int i = 0; i < LayerWeights.Names.Length; i++)
        {
            // Stored as halves: equal to about three decimal digits.
            Assert.Equal(tuned.Arrays[i].Select(v => (float)(Half)v), weights.Arrays[i]);
        }
    }

    [Fact]
    public void Load_VersionTwoHead_StillLoadsWithoutTunedLayers()
    {
        // Version 2 ended after the output bias; version 3 appends the tuned-layer count, version 4 the begin biases, version 5 the transitions, version 6 the ensemble members, version 7 the joint transitions.
        int d = 3 * (384 + TokenFlags.Count), h = 2;
        var head = new AccurateHead(new[] { 5 }, h, new float[h * d], new float[h], new float[Roles.Outputs * h], Enumerable.Range(1, Roles.Outputs).Select(i => (float)i).ToArray());
        using var buffer = new MemoryStream();
        head.Save(buffer);
        var bytes = buffer.ToArray()[..^(4 + 4 * Roles.Count + 4 * AccurateHead.TransitionCount + 4 * JointTags.TransitionCount + 4)];
        BitConverter.GetBytes(2).CopyTo(bytes, 4);
        var loaded = AccurateHead.Load(new MemoryStream(bytes), "v2.bin");
        Assert.Empty(loaded.Tuned);
        Assert.Equal(head.B2, loaded.B2);
    }

    [Fact]
    public void SaveLoad_RoundTripsBeginBiases_AndVersionThreeLoadsWithZeros()
    {
        int d = 3 * (384 + TokenFlags.Count), h = 2;
        var head = new AccurateHead(new[] { 5 }, h, new float[h * d], new float[h], new float[Roles.Outputs * h], new float[Roles.Outputs]) { BeginBias = new[] { 0.25f, -1f, 0.5f } };
        using var buffer = new MemoryStream();
        head.Save(buffer);
        buffer.Position = 0;
        Assert.Equal(head.BeginBias, AccurateHead.Load(buffer, "mem").BeginBias);

        var bytes = buffer.ToArray()[..^(4 * Roles.Count + 4 * AccurateHead.TransitionCount + 4 * JointTags.TransitionCount + 4)];
        BitConverter.GetBytes(3).CopyTo(bytes, 4);
        Assert.Equal(new float[Roles.Count], AccurateHead.Load(new MemoryStream(bytes), "v3.bin").BeginBias);
    }

    [Fact]
    public void SaveLoad_RoundTripsTransitions_AndVersionFourLoadsWithZeros()
    {
        int d = 3 * (384 + TokenFlags.Count), h = 2;
        var transitions = Enumerable.Range(0, AccurateHead.TransitionCount).Select(i => (i % 9) * 0.5f - 2).ToArray();
        var head = new AccurateHead(new[] { 5 }, h, new float[h * d], new float[h], new float[Roles.Outputs * h], new float[Roles.Outputs]) { BeginBias = new[] { 0.25f, -1f, 0.5f }, Transitions = transitions };
        Assert.True(head.IsCrf);
        using var buffer = new MemoryStream();
        head.Save(buffer);
        buffer.Position = 0;
        var loaded = AccurateHead.Load(buffer, "mem");
        Assert.Equal(transitions, loaded.Transitions);
        Assert.Equal(head.BeginBias, loaded.BeginBias);

        var bytes = buffer.ToArray()[..^(4 * (AccurateHead.TransitionCount + JointTags.TransitionCount) + 4)];
        BitConverter.GetBytes(4).CopyTo(bytes, 4);
        var v4 = AccurateHead.Load(new MemoryStream(bytes), "v4.bin");
        Assert.Equal(new float[AccurateHead.TransitionCount], v4.Transitions);
        Assert.False(v4.IsCrf);
        Assert.Equal(head.BeginBias, v4.BeginBias);
    }

    [Fact]
    public void Load_NonFiniteTransition_IsACodedError()
    {
        int d = 3 * (384 + TokenFlags.Count), h = 2;
        var transitions = new float[AccurateHead.TransitionCount];
        transitions[4] = float.NaN;
        var head = new AccurateHead(new[] { 5 }, h, new float[h * d], new float[h], new float[Roles.Outputs * h], new float[Roles.Outputs]) { Transitions = transitions };
        using var buffer = new MemoryStream();
        head.Save(buffer);
        buffer.Position = 0;
        var ex = Assert.Throws<AscribeException>(() => AccurateHead.Load(buffer, "nan.bin"));
        Assert.Equal(ErrorCodes.ModelCorrupt, ex.Code);
    }

    [Fact]
    public void Decode_TransitionThatPunishesEndingASpan_KeepsItOpen()
    {
        // Content tokens 0-3: B, I, then two tokens favouring O. Without transitions the span ends
        // after token 1 (B I O O scores -1.3, B I I I -1.9); an I→O transition of -1 makes ending
        // it cost more than keeping it open to the end.
        float[] o = { -3, -2, -0.2f, -0.5f }, b = { -0.1f, -3, -3, -3 }, i = { -3, -0.5f, -1.0f, -0.3f };
        var scores = new float[4 * Roles.Outputs];
        for (int t = 0; t < 4; t++)
        {
            scores[t * Roles.Outputs + Roles.Content * 3 + Roles.O] = o[t];
            scores[t * Roles.Outputs + Roles.Content * 3 + Roles.B] = b[t];
            scores[t * Roles.Outputs + Roles.Content * 3 + Roles.I] = i[t];
        }

        Assert.Equal(new byte[] { Roles.B, Roles.I, Roles.O, Roles.O }, AccurateHead.Decode(scores, 4, Roles.Content));
        var transitions = new float[AccurateHead.TransitionCount];
        transitions[Roles.Content * 9 + Roles.I * 3 + Roles.O] = -1;
        Assert.Equal(new byte[] { Roles.B, Roles.I, Roles.I, Roles.I }, AccurateHead.Decode(scores, 4, Roles.Content, 0, transitions));
    }

    [Fact]
    public void Average_IsTheElementwiseMean_OfHeadsAndTunedLayers()
    {
        int d = 3 * (384 + TokenFlags.Count), h = 2;
        AccurateHead Head(float value, float bias) => new(new[] { 5 }, h, Filled(h * d, value), Filled(h, value), Filled(Roles.Outputs * h, value), Filled(Roles.Outputs, value))
        {
            Tuned = new[] { (5, new LayerWeights(LayerWeights.Sizes.Select(n => Filled(n, value)).ToArray())) },
            BeginBias = new[] { bias, bias, bias },
        };

        var mean = AccurateHead.Average(new[] { Head(1, -1), Head(2, -1), Head(6, -1) });
        Assert.All(new[] { mean.W1, mean.B1, mean.W2, mean.B2 }.Concat(mean.Tuned[0].Weights.Arrays), a => Assert.All(a, v => Assert.Equal(3f, v)));
        Assert.Equal(new[] { 5 }, mean.TunedLayers);
        // The biases fitted the inputs' scores, not the mean's: it starts uncalibrated.
        Assert.Equal(new float[Roles.Count], mean.BeginBias);

        var frozen = new AccurateHead(new[] { 5 }, h, new float[h * d], new float[h], new float[Roles.Outputs * h], new float[Roles.Outputs]);
        Assert.Throws<ArgumentException>(() => AccurateHead.Average(new[] { Head(1, 0), frozen }));
    }

    [Fact]
    public void Ensemble_AveragesItsHeadsLogProbabilities_AndSurvivesSaveAndLoad()
    {
        var rng = new Random(5);
        int n = 4, d = 3 * (384 + TokenFlags.Count);
        float[] Fill(int count) => Enumerable.Range(0, count).Select(_ => rng.NextSingle() - 0.5f).ToArray();
        var tuned = new[] { (5, new LayerWeights(LayerWeights.Sizes.Select(Fill).ToArray())) };
        AccurateHead Head(int h) => new(new[] { 5 }, h, Fill(h * d), Fill(h), Fill(Roles.Outputs * h), Fill(Roles.Outputs))
        {
            Tuned = tuned,
            Transitions = Fill(AccurateHead.TransitionCount),
        };

        var heads = new[] { Head(3), Head(5), Head(4) };
        var ensemble = AccurateHead.Ensemble(heads);
        Assert.Equal(2, ensemble.Members.Count);
        var vectors = Fill(n * 384);
        var flags = Fill(n * TokenFlags.Count);
        var expected = new float[n * Roles.Outputs];
        foreach (var head in heads)
        {
            var alone = head.Score(vectors, flags, n);
            for (int i = 0; i < expected.Length; i++)
            {
                expected[i] += alone[i] / heads.Length;
            }
        }

        var scores = ensemble.Score(vectors, flags, n);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], scores[i], 4);
        }

        Assert.Equal(heads.Select(h => h.Transitions[7]).Average(), ensemble.Transitions[7], 5);
        using var buffer = new MemoryStream();
        ensemble.Save(buffer);
        buffer.Position = 0;
        var loaded = AccurateHead.Load(buffer, "ensemble.bin");
        Assert.Equal(new[] { 5, 4 }, loaded.Members.Select(m => m.Hidden));
        Assert.Equal(scores, loaded.Score(vectors, flags, n));

        // A version-5 file, which ends after the transitions, loads as a single head.
        var bytes = buffer.ToArray();
        int memberBytes = 4 + ensemble.Members.Sum(m => 4 + 4 * (m.W1.Length + m.B1.Length + m.W2.Length + m.B2.Length));
        var single = bytes[..^(memberBytes + (4 * JointTags.TransitionCount))];
        BitConverter.GetBytes(5).CopyTo(single, 4);
        Assert.Empty(AccurateHead.Load(new MemoryStream(single), "v5.bin").Members);

        // A member cut short is a coded error, not a short read.
        var ex = Assert.Throws<AscribeException>(() => AccurateHead.Load(new MemoryStream(bytes[..^8]), "cut.bin"));
        Assert.Equal(ErrorCodes.ModelCorrupt, ex.Code);
    }

    [Fact]
    public void Score_OverBlocksOfTokens_MatchesTheHeadTokenByToken()
    {
        // 131 tokens: one full block of 128 and a remainder of 3, which is not a multiple of the kernel's four rows.
        var rng = new Random(9);
        int n = 131, h = 32, d = 3 * (384 + TokenFlags.Count);
        float[] Fill(int count) => Enumerable.Range(0, count).Select(_ => rng.NextSingle() - 0.5f).ToArray();
        var head = new AccurateHead(new[] { 5 }, h, Fill(h * d), Fill(h), Fill(Roles.Outputs * h), Fill(Roles.Outputs));
        var vectors = Fill(n * 384);
        var flags = Fill(n * TokenFlags.Count);
        var scores = head.Score(vectors, flags, n);
        var x = new float[d];
        var hidden = new float[h];
        var logits = new float[Roles.Outputs];
        for (int t = 0; t < n; t++)
        {
            head.Input(vectors, flags, n, t, x);
            head.Forward(x, hidden, logits);
            for (int r = 0; r < Roles.Count; r++)
            {
                AccurateHead.LogSoftmax(logits.AsSpan(r * 3, 3));
            }

            for (int k = 0; k < Roles.Outputs; k++)
            {
                Assert.Equal(logits[k], scores[t * Roles.Outputs + k], 1e-3f);
            }
        }
    }

    [Fact]
    public void Ensemble_OfHeadsOverDifferentlyTunedEncoders_IsRefused()
    {
        int d = 3 * (384 + TokenFlags.Count), h = 2;
        AccurateHead Head(float value) => new(new[] { 5 }, h, new float[h * d], new float[h], new float[Roles.Outputs * h], new float[Roles.Outputs])
        {
            Tuned = new[] { (5, new LayerWeights(LayerWeights.Sizes.Select(n => Filled(n, value)).ToArray())) },
        };

        Assert.NotNull(AccurateHead.Ensemble(new[] { Head(1), Head(1) }));
        Assert.Throws<ArgumentException>(() => AccurateHead.Ensemble(new[] { Head(1), Head(2) }));
        Assert.Throws<ArgumentException>(() => AccurateHead.Average(new[] { AccurateHead.Ensemble(new[] { Head(1), Head(1) }), Head(1) }));
    }

    private static float[] Filled(int n, float value)
    {
        var a = new float[n];
        Array.Fill(a, value);
        return a;
    }

    [Fact]
    public void Decode_BeginBias_TradesSpansForPrecision()
    {
        // One token slightly prefers O over B: no span without a bias, a span with +0.5, none again with -0.5.
        var scores = new float[Roles.Outputs];
        scores[Roles.Cue * 3 + Roles.O] = -0.6f;
        scores[Roles.Cue * 3 + Roles.B] = -0.8f;
        scores[Roles.Cue * 3 + Roles.I] = -3f;
        Assert.Equal(new[] { Roles.O }, AccurateHead.Decode(scores, 1, Roles.Cue));
        Assert.Equal(new[] { Roles.B }, AccurateHead.Decode(scores, 1, Roles.Cue, 0.5f));
        Assert.Equal(new[] { Roles.O }, AccurateHead.Decode(scores, 1, Roles.Cue, -0.5f));
    }

    [Fact]
    public void Calibrate_PicksTheSmallestBiasThatRecoversTheGoldSpans()
    {
        // The head slightly prefers O to B for every token's cue; gold marks every token as a
        // one-token cue. Only a begin bias of at least 0.3 finds them, and 0.5 is the grid value
        // nearest zero that does. Sources and contents have no gold spans, so no bias does better
        // than none and theirs stay at zero.
        var (head, example) = CueFixture(-0.3f);
        Assert.Equal(0, HeadTrainer.Evaluate(head, new() { example })[Roles.Cue]);

        var log = new List<string>();
        var f1 = HeadTrainer.Calibrate(head, new() { example }, log.Add);
        Assert.Equal(new[] { 0f, 0.5f, 0f }, head.BeginBias);
        Assert.Equal(100, f1[Roles.Cue], 6);
        Assert.Equal(100, HeadTrainer.Evaluate(head, new() { example })[Roles.Cue], 6);
        Assert.Contains(log, line => line.StartsWith("Cue begin bias +0.50", StringComparison.Ordinal));
    }

    [Fact]
    public void Calibrate_DropsARolesTransitions_OnlyWhenDecodingWithoutThemScoresBetter()
    {
        // Gold marks every token as a one-token cue. A cue transition of -5 from B to B stops
        // consecutive cues whatever the bias, so calibration decodes the cue without transitions
        // and drops them. The content's transition (O→O +1) changes nothing, so it is kept.
        var (head, example) = CueFixture(-0.3f);
        head.Transitions[Roles.Cue * 9 + Roles.B * 3 + Roles.B] = -5;
        head.Transitions[Roles.Content * 9 + Roles.O * 3 + Roles.O] = 1;
        var log = new List<string>();
        var f1 = HeadTrainer.Calibrate(head, new() { example }, log.Add);
        Assert.Equal(100, f1[Roles.Cue], 6);
        Assert.Equal(0.5f, head.BeginBias[Roles.Cue]);
        Assert.All(head.Transitions.AsSpan(Roles.Cue * 9, 9).ToArray(), t => Assert.Equal(0, t));
        Assert.Equal(1, head.Transitions[Roles.Content * 9 + Roles.O * 3 + Roles.O]);
        Assert.Contains(log, line => line.StartsWith("Cue begin bias +0.50, transitions dropped", StringComparison.Ordinal));
        Assert.DoesNotContain(log, line => line.StartsWith("Content", StringComparison.Ordinal) && line.Contains("dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void EpochSelector_ComparesEpochsAfterCalibration()
    {
        // Uncalibrated, both epochs find no cue; calibrated, only the second finds them all
        // (the first's B is out of the bias grid's reach), so the second is kept.
        var (hopeless, example) = CueFixture(-7f);
        var (close, _) = CueFixture(-0.3f);
        var selector = new HeadTrainer.EpochSelector(_ => { });
        selector.Offer(1, 0.5, new() { example }, hopeless);
        selector.Offer(2, 0.4, new() { example }, close);
        var (kept, f1) = selector.Finish();
        Assert.Same(close, kept);
        Assert.Equal(100, f1[Roles.Cue], 6);
        Assert.Equal(0.5f, kept.BeginBias[Roles.Cue]);
    }

    [Fact]
    public void HeadStep_Sequence_LearnsTheGoldTagsAndTransitions()
    {
        var (head, example, floats) = SequenceSteps(new HeadTrainingOptions { Hidden = 16, Dropout = 0, BatchSize = 4, Crf = true });
        int n = example.Doc.TokenCount;
        var tags = example.Tags;
        Assert.True(head.IsCrf);
        Assert.Equal(0, head.Transitions[Roles.Content * 9 + Roles.O * 3 + Roles.I]);
        var scores = head.Score(floats, example.Flags, n);
        for (int r = 0; r < Roles.Count; r++)
        {
            Assert.Equal(Enumerable.Range(0, n).Select(t => tags[t * Roles.Count + r]), head.Decode(scores, n, r));
        }
    }

    [Fact]
    public void HeadStep_JointSequence_LearnsTheGoldTagsAsOneChain()
    {
        var (head, example, floats) = SequenceSteps(new HeadTrainingOptions { Hidden = 16, Dropout = 0, BatchSize = 4, Crf = true, Joint = true });
        int n = example.Doc.TokenCount;
        Assert.True(head.IsJoint);
        Assert.False(head.IsCrf);
        // Moves no span allows keep a zero score: decoding forbids them anyway.
        Assert.Equal(0, head.JointTransitions[0 * JointTags.Count + JointTags.Of(Roles.Content, Roles.I)]);
        // The source-to-cue move of the gold is learned as likelier than the source-to-content one.
        byte source = JointTags.Of(Roles.Source, Roles.B);
        Assert.True(head.JointTransitions[source * JointTags.Count + JointTags.Of(Roles.Cue, Roles.B)] > head.JointTransitions[source * JointTags.Count + JointTags.Of(Roles.Content, Roles.B)]);
        var roles = head.DecodeRoles(head.Score(floats, example.Flags, n), n);
        for (int r = 0; r < Roles.Count; r++)
        {
            Assert.Equal(Enumerable.Range(0, n).Select(t => example.Tags[t * Roles.Count + r]), roles[r]);
        }
    }

    [Fact]
    public void HeadStep_IgnoringFastMarks_LeavesTheirWeightsZero_SoTheMarksChangeNothing()
    {
        var (example, floats) = CrfExample();
        int n = example.Doc.TokenCount;
        var options = new HeadTrainingOptions { Hidden = 16, Dropout = 0, BatchSize = 4, Crf = true, IgnoreFastMarks = true };
        var head = HeadTrainer.NewHead(options, new Random(1));
        var flags = new float[n * TokenFlags.Count];
        for (int t = 0; t < n; t++)
        {
            // The fast extractor's marks say the opposite of the gold: every token a source.
            flags[t * TokenFlags.Count + TokenFlags.FastMarksStart + (t == 0 ? 0 : 1)] = 1;
            flags[t * TokenFlags.Count + 2] = t == n - 1 ? 1 : 0;
        }

        var marked = example with { Flags = flags };
        var step = new HeadTrainer.HeadStep(head, options, new Random(2));
        var w1 = (float[])head.W1.Clone();
        for (int i = 0; i < 20; i++)
        {
            step.Sequence(floats, marked, default);
        }

        int per = head.PerToken, fast = head.EncoderDim + TokenFlags.FastMarksStart;
        for (int j = 0; j < head.Hidden; j++)
        {
            for (int k = 0; k < 3; k++)
            {
                Assert.All(head.W1.AsSpan(j * head.InputDim + k * per + fast, TokenFlags.FastMarksCount).ToArray(), w => Assert.Equal(0, w));
            }
        }

        Assert.NotEqual(w1, head.W1);
        var unmarked = flags.Select((f, i) => i % TokenFlags.Count is >= TokenFlags.FastMarksStart and < TokenFlags.FastMarksStart + TokenFlags.FastMarksCount ? 0 : f).ToArray();
        Assert.Equal(head.Score(floats, unmarked, n), head.Score(floats, flags, n));
    }

    [Fact]
    public void Train_JointCrf_CalibratesAndKeepsAJointHead()
    {
        var (example, _) = CrfExample();
        var log = new List<string>();
        var options = new HeadTrainingOptions { Hidden = 16, Dropout = 0, BatchSize = 1, LearningRate = 1e-2f, Epochs = 20, Crf = true, Joint = true };
        var (head, f1) = new HeadTrainer(options, log.Add).Train(new() { example }, new() { example });
        Assert.True(head.IsJoint);
        Assert.Contains(log, line => line.Contains("joint begin biases", StringComparison.Ordinal));
        Assert.Equal(new[] { 100.0, 100.0, 100.0 }, f1.Select(x => Math.Round(x, 6)));
        Assert.Equal(f1, HeadTrainer.Evaluate(head, new() { example }));
    }

    [Fact]
    public void Train_JointWithoutEpochs_DecodesTheStartHeadsRoleChainsAsOne()
    {
        var (example, _) = CrfExample();
        var options = new HeadTrainingOptions { Hidden = 16, Dropout = 0, BatchSize = 1, LearningRate = 1e-2f, Epochs = 20, Crf = true };
        var (roleHead, roleF1) = new HeadTrainer(options, _ => { }).Train(new() { example }, new() { example });
        Assert.False(roleHead.IsJoint);
        var (joint, f1) = new HeadTrainer(options with { Start = roleHead, Epochs = 0, Joint = true }, _ => { }).Train(new() { example }, new() { example });
        Assert.True(joint.IsJoint);
        Assert.Equal(JointTags.Compose(roleHead.Transitions), joint.JointTransitions);
        Assert.Equal(roleF1, f1);
    }

    [Fact]
    public void SaveLoad_RoundTripsJointTransitions_AndVersionSixLoadsWithout()
    {
        int d = 3 * (384 + TokenFlags.Count), h = 2;
        var joint = Enumerable.Range(0, JointTags.TransitionCount).Select(i => (i % 7) * 0.25f - 1).ToArray();
        var head = new AccurateHead(new[] { 5 }, h, new float[h * d], new float[h], new float[Roles.Outputs * h], new float[Roles.Outputs]) { JointTransitions = joint };
        using var buffer = new MemoryStream();
        head.Save(buffer);
        buffer.Position = 0;
        var loaded = AccurateHead.Load(buffer, "mem");
        Assert.Equal(joint, loaded.JointTransitions);
        Assert.True(loaded.IsJoint);

        // A version-6 file has no joint transitions before its member count.
        var bytes = buffer.ToArray();
        var v6 = bytes[..^(4 * JointTags.TransitionCount + 4)].Concat(bytes[^4..]).ToArray();
        BitConverter.GetBytes(6).CopyTo(v6, 4);
        Assert.False(AccurateHead.Load(new MemoryStream(v6), "v6.bin").IsJoint);
    }

    [Fact]
    public void Ensemble_WithAJointHead_DecodesAsOneChain_ComposingTheOthersRoleTransitions()
    {
        int d = 3 * (384 + TokenFlags.Count), h = 2;
        var roles = Enumerable.Range(0, AccurateHead.TransitionCount).Select(i => (i % 5) * 0.5f - 1).ToArray();
        var joint = Enumerable.Range(0, JointTags.TransitionCount).Select(i => (i % 3) * 0.5f).ToArray();
        AccurateHead Make(float[]? transitions = null, float[]? jointTransitions = null) =>
            new(new[] { 5 }, h, new float[h * d], new float[h], new float[Roles.Outputs * h], new float[Roles.Outputs])
            {
                Transitions = transitions ?? new float[AccurateHead.TransitionCount],
                JointTransitions = jointTransitions ?? new float[JointTags.TransitionCount],
            };
        var ensemble = AccurateHead.Ensemble(new[] { Make(transitions: roles), Make(jointTransitions: joint) });
        var composed = JointTags.Compose(roles);
        Assert.True(ensemble.IsJoint);
        for (int i = 0; i < JointTags.TransitionCount; i++)
        {
            Assert.Equal((composed[i] + joint[i]) / 2, ensemble.JointTransitions[i], 5);
        }

        // Heads of role chains alone ensemble as before.
        Assert.False(AccurateHead.Ensemble(new[] { Make(), Make() }).IsJoint);
    }

    [Fact]
    public void Train_FrozenEncoderWithCrf_LearnsTheGoldTags()
    {
        var (example, _) = CrfExample();
        var log = new List<string>();
        var options = new HeadTrainingOptions { Hidden = 16, Dropout = 0, BatchSize = 1, LearningRate = 1e-2f, Epochs = 30, Crf = true };
        var (head, f1) = new HeadTrainer(options, log.Add).Train(new() { example }, new() { example });
        Assert.Contains(log, line => line.Contains("CRF loss per document", StringComparison.Ordinal));
        Assert.Equal(new[] { 100.0, 100.0, 100.0 }, f1.Select(x => Math.Round(x, 6)));
        Assert.Equal(f1, HeadTrainer.Evaluate(head, new() { example }));
    }

    [Fact]
    public void Train_FromAStartHead_OffersItAsEpochZero_AndANewHeadKeepsItsTunedLayers()
    {
        var (example, _) = CrfExample();
        var options = new HeadTrainingOptions { Hidden = 16, Dropout = 0, BatchSize = 1, LearningRate = 1e-2f, Epochs = 30, Crf = true };
        var (trained, _) = new HeadTrainer(options, _ => { }).Train(new() { example }, new() { example });
        var tuned = new[] { (5, new LayerWeights(LayerWeights.Sizes.Select(n => Filled(n, 0.5f)).ToArray())) };
        var start = trained.Copy(tuned);

        // One epoch at a rate that wrecks the head: the starting head, epoch 0, is kept.
        var log = new List<string>();
        var ruin = options with { Start = start, Epochs = 1, LearningRate = 1f };
        var (kept, f1) = new HeadTrainer(ruin, log.Add).Train(new() { example }, new() { example });
        Assert.Contains(log, line => line.Contains("starting head", StringComparison.Ordinal));
        Assert.Equal(start.W1, kept.W1);
        Assert.Equal(100, f1[Roles.Content], 6);

        // A new head starts from random weights but reads the start head's tuned encoder.
        log.Clear();
        var (fresh, _) = new HeadTrainer(options with { Start = start, NewHead = true, Epochs = 1 }, log.Add).Train(new() { example }, new() { example });
        Assert.DoesNotContain(log, line => line.Contains("starting head", StringComparison.Ordinal));
        Assert.NotEqual(start.W1, fresh.W1);
        Assert.Equal(new[] { 5 }, fresh.TunedLayers);
    }

    /// <summary>
    /// A new head after 61 CRF steps on <see cref="CrfExample"/>: the first step passes a gradient
    /// to the input vectors, and the loss falls tenfold.
    /// </summary>
    private static (AccurateHead Head, HeadTrainer.Example Example, float[] Floats) SequenceSteps(HeadTrainingOptions options)
    {
        var (example, floats) = CrfExample();
        var head = HeadTrainer.NewHead(options, new Random(1));
        var step = new HeadTrainer.HeadStep(head, options, new Random(2));
        var dVectors = new float[floats.Length];
        double first = step.Sequence(floats, example, dVectors);
        Assert.Contains(dVectors, g => g != 0);
        double last = first;
        for (int i = 0; i < 60; i++)
        {
            last = step.Sequence(floats, example, default);
        }

        Assert.True(last < first / 10, $"loss {first} -> {last}");
        return (head, example, floats);
    }

    /// <summary>"Officials said talks would go on." with random token vectors: source "Officials", cue "said", content "talks would go on".</summary>
    private static (HeadTrainer.Example Example, float[] Floats) CrfExample()
    {
        var doc = DefaultPipeline.TextLayer().Build().Run("crf", "Officials said talks would go on.");
        int n = doc.TokenCount;
        var tags = new byte[n * Roles.Count];
        tags[0 * Roles.Count + Roles.Source] = Roles.B;
        tags[1 * Roles.Count + Roles.Cue] = Roles.B;
        for (int t = 2; t < n - 1; t++)
        {
            tags[t * Roles.Count + Roles.Content] = t == 2 ? Roles.B : Roles.I;
        }

        var rng = new Random(7);
        var vectors = Enumerable.Range(0, n * 384).Select(_ => (Half)(rng.NextSingle() - 0.5f)).ToArray();
        return (new HeadTrainer.Example(doc, vectors, new float[n * TokenFlags.Count], tags), vectors.Select(v => (float)v).ToArray());
    }

    /// <summary>A head that reads nothing (zero weights) with cue log-odds of B against O of <paramref name="cueB"/>, and a dev example whose every token is a one-token gold cue.</summary>
    private static (AccurateHead Head, HeadTrainer.Example Example) CueFixture(float cueB)
    {
        var doc = DefaultPipeline.TextLayer().Build().Run("calibrate", "Officials said talks would go on.");
        int n = doc.TokenCount, d = 3 * (384 + TokenFlags.Count), h = 2;
        var b2 = new float[Roles.Outputs];
        b2[Roles.Cue * 3 + Roles.B] = cueB;
        b2[Roles.Cue * 3 + Roles.I] = -10;
        var head = new AccurateHead(new[] { 5 }, h, new float[h * d], new float[h], new float[Roles.Outputs * h], b2);
        var tags = new byte[n * Roles.Count];
        for (int t = 0; t < n; t++)
        {
            tags[t * Roles.Count + Roles.Cue] = Roles.B;
        }

        return (head, new HeadTrainer.Example(doc, new Half[n * 384], new float[n * TokenFlags.Count], tags));
    }

    [Fact]
    public void Load_TruncatedFile_IsACodedError()
    {
        int d = 3 * (384 + TokenFlags.Count), h = 2;
        var head = new AccurateHead(new[] { 5 }, h, new float[h * d], new float[h], new float[Roles.Outputs * h], new float[Roles.Outputs]);
        using var buffer = new MemoryStream();
        head.Save(buffer);
        using var truncated = new MemoryStream(buffer.ToArray()[..^4]);
        var ex = Assert.Throws<AscribeException>(() => AccurateHead.Load(truncated, "cut.bin"));
        Assert.Equal(ErrorCodes.ModelCorrupt, ex.Code);
    }
}
