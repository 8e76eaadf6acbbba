using System.Text.Json;

namespace Ascribe.Cli.Tests;

/// <summary>Issue 10: <c>--model fast|accurate</c> on analyze and eval.</summary>
public sealed class AccurateModeTests
{
    [Fact]
    public void Analyze_BothModes_GiveValidAttributionsForTheSameInput()
    {
        string path = CliRunner.Data("putin-inner-circle.txt");
        string text = File.ReadAllText(path);
        foreach (var model in new[] { "fast", "accurate" })
        {
            var result = CliRunner.Run("analyze", path, "--model", model);
            Assert.True(result.ExitCode == 0, $"{model}: {result.Error}");
            using var json = JsonDocument.Parse(result.Out);
            Assert.Equal("putin-inner-circle", json.RootElement.GetProperty("id").GetString());
            var attributions = json.RootElement.GetProperty("attributions").EnumerateArray().ToList();
            Assert.True(attributions.Count >= 5, $"{model} found only {attributions.Count} attributions");
            foreach (var a in attributions)
            {
                var content = a.GetProperty("content").EnumerateArray().ToList();
                int present = 0;
                foreach (var span in new[] { a.GetProperty("source"), a.GetProperty("cue") }.Concat(content))
                {
                    if (span.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    present++;

                    int start = span.GetProperty("start").GetInt32();
                    int end = span.GetProperty("end").GetInt32();
                    Assert.InRange(start, 0, end - 1);
                    Assert.InRange(end, start + 1, text.Length);
                    Assert.Equal(text[start..end], span.GetProperty("text").GetString());
                }

                Assert.True(present > 0, $"{model}: an attribution with no source, cue or content");
            }

            Assert.Contains(attributions, a => a.GetProperty("content").GetArrayLength() > 0);
        }
    }

    [Fact]
    public void Analyze_AccurateMode_FindsTheSpeakerOfAPlainQuote()
    {
        var result = CliRunner.RunWithInput("\"We will not raise taxes,\" the governor said on Monday.", "analyze", "-", "--model", "accurate");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var a = Assert.Single(json.RootElement.GetProperty("attributions").EnumerateArray());
        Assert.StartsWith("said", a.GetProperty("cue").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("the governor", a.GetProperty("source").GetProperty("text").GetString());
        Assert.Contains("We will not raise taxes", a.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_UnknownModel_IsAUsageError()
    {
        var result = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"), "--model", "huge");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fast or accurate", result.Error + result.Console, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_MissingHead_IsOneLineError()
    {
        var result = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"), "--model", "accurate", "--head", Path.Combine(Path.GetTempPath(), "no-such-head.bin"));
        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("ascribe: error: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.Empty(result.Out);
    }

    [Fact]
    public void Eval_AccurateMode_ScoresTheMiniGoldFolder()
    {
        var result = CliRunner.Run("eval", "--gold", CliRunner.Data("polnear-mini"), "--model", "accurate");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("source", result.Out, StringComparison.Ordinal);
        Assert.Contains("content", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainAccurate_TuningTheTopLayer_WritesAHeadThatAnalyzes()
    {
        string head = Path.Combine(Path.GetTempPath(), $"ascribe-tuned-{Guid.NewGuid():N}.bin");
        try
        {
            var train = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head, "--iterations", "1", "--tune-layers", "1", "--hidden", "16");
            Assert.True(train.ExitCode == 0, train.Error);
            Assert.Contains("tuning layers 5-5", train.Error, StringComparison.Ordinal);
            // The tuned layer travels in the head file: 1.77 million parameters as halves.
            Assert.True(new FileInfo(head).Length > 2L * 1_770_000);

            var analyze = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"), "--model", "accurate", "--head", head, "--format", "json");
            Assert.True(analyze.ExitCode == 0, analyze.Error);
            Assert.Contains("\"attributions\"", analyze.Out, StringComparison.Ordinal);

            // Training goes on from the written head; a run that would tune fewer layers than it holds is refused.
            // Each epoch also competes averaged with the one before, and --epoch-files keeps every epoch's head.
            // This epoch tunes with dropout inside the layer.
            var more = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".more", "--iterations", "1", "--tune-layers", "1", "--hidden", "16", "--start", head, "--epoch-files", head + ".e", "--encoder-dropout", "0.1");
            Assert.True(more.ExitCode == 0, more.Error);
            Assert.Contains("dropout 0.1,", more.Error, StringComparison.Ordinal);
            Assert.True(File.Exists(head + ".more"));
            Assert.Contains("epoch 0: starting head", more.Error, StringComparison.Ordinal);
            Assert.Contains("epoch 1 averaged with epoch 0", more.Error, StringComparison.Ordinal);
            Assert.Contains("Cue begin bias", more.Error, StringComparison.Ordinal);
            Assert.True(File.Exists(head + ".e0.bin") && File.Exists(head + ".e1.bin"));

            // Saved epochs average into a new head, here calibrated without training.
            var averaged = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".avg", "--iterations", "0", "--tune-layers", "1", "--hidden", "16", "--start", head + ".e1.bin", "--average", head + ".e0.bin," + head);
            Assert.True(averaged.ExitCode == 0, averaged.Error);
            Assert.True(File.Exists(head + ".avg"));

            // A head over the frozen encoder does not average with a tuned one.
            var frozen = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".frozen", "--iterations", "1", "--hidden", "16");
            Assert.True(frozen.ExitCode == 0, frozen.Error);
            var mismatch = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".never", "--iterations", "0", "--tune-layers", "1", "--hidden", "16", "--start", head, "--average", head + ".frozen");
            Assert.Equal(2, mismatch.ExitCode);
            Assert.Contains("one shape", mismatch.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", mismatch.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(head + ".never"));

            // Zero epochs score the starting head on dev and calibrate its begin biases only.
            var calibrate = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".cal", "--iterations", "0", "--tune-layers", "1", "--hidden", "16", "--start", head);
            Assert.True(calibrate.ExitCode == 0, calibrate.Error);
            Assert.DoesNotContain("epoch 1", calibrate.Error, StringComparison.Ordinal);
            Assert.Contains("Content begin bias", calibrate.Error, StringComparison.Ordinal);
            Assert.True(File.Exists(head + ".cal"));

            // Given begin biases replace the calibration and are written into the head.
            var given = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".given", "--iterations", "0", "--tune-layers", "1", "--hidden", "16", "--start", head, "--begin-biases", "0.5,-1,1.25");
            Assert.True(given.ExitCode == 0, given.Error);
            Assert.Contains("(given)", given.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Content begin bias", given.Error, StringComparison.Ordinal);
            Assert.Equal(new[] { 0.5f, -1f, 1.25f }, Ascribe.Accurate.AccuratePipeline.LoadHead(head + ".given").BeginBias);
            var wider = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".wider", "--tune-layers", "1", "--hidden", "32", "--start", head);
            Assert.Equal(2, wider.ExitCode);
            Assert.False(File.Exists(head + ".wider"));

            // One CRF epoch of the head alone over the tuned layer (encoder rate 0) learns tag
            // transitions; the head file carries them and analyzes with them.
            var crf = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".crf", "--iterations", "1", "--tune-layers", "1", "--hidden", "16", "--start", head, "--crf", "--encoder-learning-rate", "0", "--epoch-files", head + ".c");
            Assert.True(crf.ExitCode == 0, crf.Error);
            Assert.Contains("CRF loss per document", crf.Error, StringComparison.Ordinal);
            Assert.False(Ascribe.Accurate.AccuratePipeline.LoadHead(head).IsCrf);
            var crfEpoch = Ascribe.Accurate.AccuratePipeline.LoadHead(head + ".c1.bin");
            Assert.True(crfEpoch.IsCrf);
            Assert.Equal(new[] { 5 }, crfEpoch.TunedLayers);
            var crfAnalyze = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"), "--model", "accurate", "--head", head + ".c1.bin", "--format", "json");
            Assert.True(crfAnalyze.ExitCode == 0, crfAnalyze.Error);

            // Without --tune-layers a new head learns alone over the start head's tuned encoder;
            // it keeps that encoder's layers and joins the start head in an ensemble.
            var fresh = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".new", "--iterations", "1", "--hidden", "16", "--start", head, "--new-head", "--crf", "--epoch-files", head + ".n");
            Assert.True(fresh.ExitCode == 0, fresh.Error);
            Assert.DoesNotContain("starting head", fresh.Error, StringComparison.Ordinal);
            Assert.Equal(new[] { 5 }, Ascribe.Accurate.AccuratePipeline.LoadHead(head + ".n1.bin").TunedLayers);

            // --all-annotators trains on every annotator's file of an article: more examples, same articles.
            var files = Directory.GetFiles(Path.Combine(CliRunner.Data("polnear-mini"), "attributions"), "*.ann");
            int articles = files.Select(f => Path.GetFileNameWithoutExtension(f)[..^5]).Distinct().Count();
            var all = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".all", "--iterations", "1", "--hidden", "16", "--start", head, "--new-head", "--crf", "--all-annotators");
            Assert.True(all.ExitCode == 0, all.Error);
            Assert.Contains($"{files.Length} training annotations of {articles} articles", all.Error, StringComparison.Ordinal);
            Assert.True(files.Length > articles);
            Assert.True(TrainingTokens(all.Error) > TrainingTokens(fresh.Error), all.Error);

            var ensemble = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".ens", "--iterations", "0", "--start", head, "--members", head + ".n1.bin");
            Assert.True(ensemble.ExitCode == 0, ensemble.Error);
            Assert.Single(Ascribe.Accurate.AccuratePipeline.LoadHead(head + ".ens").Members);
            var ensembleAnalyze = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"), "--model", "accurate", "--head", head + ".ens", "--format", "json");
            Assert.True(ensembleAnalyze.ExitCode == 0, ensembleAnalyze.Error);

            // An ensemble is not trained further, and a head over another encoder is no member.
            var further = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".never", "--iterations", "1", "--start", head + ".ens");
            Assert.Equal(2, further.ExitCode);
            Assert.Contains("ensemble", further.Error, StringComparison.Ordinal);
            var stranger = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".never", "--iterations", "0", "--start", head, "--members", head + ".frozen");
            Assert.Equal(2, stranger.ExitCode);
            Assert.Contains("--members", stranger.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(head + ".never"));
        }
        finally
        {
            File.Delete(head);
            File.Delete(head + ".more");
            File.Delete(head + ".cal");
            File.Delete(head + ".given");
            File.Delete(head + ".avg");
            File.Delete(head + ".frozen");
            File.Delete(head + ".crf");
            File.Delete(head + ".c0.bin");
            File.Delete(head + ".c1.bin");
            File.Delete(head + ".e0.bin");
            File.Delete(head + ".e1.bin");
            File.Delete(head + ".new");
            File.Delete(head + ".n1.bin");
            File.Delete(head + ".ens");
        }
    }

    [Fact]
    public void Eval_AccurateModeWithGivenBeginBiases_DecodesWithThem()
    {
        var shipped = CliRunner.Run("eval", "--gold", CliRunner.Data("polnear-mini"), "--model", "accurate");
        var fewer = CliRunner.Run("eval", "--gold", CliRunner.Data("polnear-mini"), "--model", "accurate", "--begin-biases", "-8,-8,-8");
        Assert.True(shipped.ExitCode == 0 && fewer.ExitCode == 0, shipped.Error + fewer.Error);
        // A bias of -8 on every begin score leaves next to no spans, so the scores change.
        Assert.NotEqual(shipped.Out, fewer.Out);
    }

    [Theory]
    [InlineData("--begin-biases", "1,2")]
    [InlineData("--begin-biases", "1,2,x")]
    [InlineData("--begin-biases", "1,2,30")]
    [InlineData("--model", "fast", "--begin-biases", "1,2,3")]
    public void Eval_BadBeginBiases_AreUsageErrors(params string[] options)
    {
        var args = new[] { "eval", "--gold", CliRunner.Data("polnear-mini") }.Concat(options).ToList();
        if (!options.Contains("--model"))
        {
            args.AddRange(["--model", "accurate"]);
        }

        var result = CliRunner.Run(args.ToArray());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--begin-biases", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainAccurate_ZeroIterationsWithoutAStartingHead_IsAUsageError()
    {
        string never = Path.Combine(Path.GetTempPath(), $"never-{Guid.NewGuid():N}.bin");
        var result = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", never, "--iterations", "0", "--tune-layers", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--iterations", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(never));
    }

    [Fact]
    public void TrainAccurate_AverageWithoutAStartingHead_IsAUsageError()
    {
        string never = Path.Combine(Path.GetTempPath(), $"never-{Guid.NewGuid():N}.bin");
        var result = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", never, "--tune-layers", "1", "--average", never);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--start", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(never));
    }

    [Fact]
    public void TrainAccurate_JointCrf_WritesAHeadThatDecodesItsRolesAsOneChain()
    {
        string head = Path.Combine(Path.GetTempPath(), $"ascribe-joint-{Guid.NewGuid():N}.bin");
        try
        {
            var train = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head, "--iterations", "1", "--hidden", "16", "--crf", "--joint", "--ignore-fast-marks");
            Assert.True(train.ExitCode == 0, train.Error);
            Assert.Contains("joint begin biases", train.Error, StringComparison.Ordinal);

            var analyze = CliRunner.Run("analyze", CliRunner.Data("putin-inner-circle.txt"), "--model", "accurate", "--head", head, "--format", "json");
            Assert.True(analyze.ExitCode == 0, analyze.Error);
            Assert.Contains("\"attributions\"", analyze.Out, StringComparison.Ordinal);

            // A head ignoring the fast extractor's marks is a new head: continuing one is refused.
            var ignoring = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".never", "--iterations", "1", "--crf", "--start", head, "--ignore-fast-marks");
            Assert.Equal(2, ignoring.ExitCode);
            Assert.Contains("--new-head", ignoring.Error, StringComparison.Ordinal);

            // --joint trains with the CRF loss, so it needs --crf.
            var refused = CliRunner.Run("train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", head + ".never", "--iterations", "1", "--joint");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--crf", refused.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(head + ".never"));
        }
        finally
        {
            File.Delete(head);
        }
    }

    [Theory]
    [InlineData("--tune-layers", "9")]
    [InlineData("--tune-layers", "2", "--layers", "3")]
    [InlineData("--tune-layers", "2", "--encoder-learning-rate", "-1")]
    [InlineData("--new-head")]
    [InlineData("--start", "models/accurate-head.bin", "--new-head", "--tune-layers", "1")]
    [InlineData("--start", "models/accurate-head.bin", "--members", "models/accurate-head.bin")]
    [InlineData("--tune-layers", "1", "--begin-biases", "0,0,0")]
    [InlineData("--encoder-dropout", "0.1")]
    [InlineData("--tune-layers", "1", "--encoder-dropout", "1")]
    public void TrainAccurate_BadTuningOptions_AreUsageErrors(params string[] options)
    {
        string never = Path.Combine(Path.GetTempPath(), $"never-{Guid.NewGuid():N}.bin");
        var result = CliRunner.Run(new[] { "train", "accurate", "--data", CliRunner.Data("polnear-mini"), "--dev", CliRunner.Data("polnear-mini"), "--out", never }.Concat(options).ToArray());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--tune-layers", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(never));
    }

    private static int TrainingTokens(string log) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(log, @"training on (\d+) tokens").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
