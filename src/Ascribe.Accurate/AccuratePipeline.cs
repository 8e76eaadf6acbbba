using Ascribe.Accurate.Encoding;
using Ascribe.Accurate.Head;
using Ascribe.Core.Components.Attribution;
using Ascribe.Core.Errors;
using Ascribe.Core.Models;
using Ascribe.Core.Pipeline;

namespace Ascribe.Accurate;

/// <summary>Builds the accurate-mode pipeline: text layer, fast extractor (read as features), encoder and head.</summary>
public static class AccuratePipeline
{
    private const string HeadResource = "Ascribe.Accurate.accurate-head.bin";

    /// <summary>
    /// The pipeline with the shipped head (embedded from <c>models/accurate-head.bin</c>) or the head in
    /// <paramref name="headPath"/>, and the encoder <see cref="EncoderLocator"/> finds.
    /// </summary>
    /// <exception cref="AscribeException">ASC0003/ASC0004 when the encoder or head is missing or unreadable.</exception>
    /// <param name="beginBiases">When given, the begin biases (source, cue, content) to decode with instead of the head's own.</param>
    public static Pipeline Create(string? headPath = null, string? encoderPath = null, int threads = 1, float[]? beginBiases = null)
    {
        var head = LoadHead(headPath);
        beginBiases?.CopyTo(head.BeginBias, 0);
        var encoder = MiniLmEncoder.Load(head.Layers, encoderPath, threads, head.Tuned);
        var builder = FeatureLayer().Add(new AccurateAttributionExtractor(encoder, head));
        // Whatever the fast pipeline runs after its attribution extractor (speaker resolution,
        // stance, audit) runs on accurate mode's attributions too.
        var fast = DefaultPipeline.Create().Components;
        int last = -1;
        for (int i = 0; i < fast.Count; i++)
        {
            if (fast[i].Assigns.Contains(Attr.Attributions))
            {
                last = i;
            }
        }

        for (int i = last + 1; i < fast.Count; i++)
        {
            builder.Add(fast[i]);
        }

        return builder.Build();
    }

    /// <summary>
    /// What the head reads besides the encoder: the part-of-speech layer and the fast model's
    /// attributions (the rule extractor's when no attribution model is installed). Training and
    /// analysis share it.
    /// </summary>
    public static PipelineBuilder FeatureLayer()
    {
        var model = ModelStore.Default.Attribution;
        return DefaultPipeline.PosLayer()
            .Add(model is null ? new RuleAttributionExtractor() : new ModelAttributionExtractor(model));
    }

    /// <summary>
    /// Reads "SOURCE,CUE,CONTENT" begin biases (numbers from -8 to 8); false when the text is not
    /// three such numbers.
    /// </summary>
    public static bool TryParseBeginBiases(string text, out float[] biases)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        biases = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out biases[i]) || biases[i] is not (>= -8 and <= 8))
            {
                return false;
            }
        }

        return parts.Length == Head.Roles.Count;
    }

    public static AccurateHead LoadHead(string? headPath = null)
    {
        if (headPath is not null)
        {
            if (!File.Exists(headPath))
            {
                ThrowHelper.Throw(ErrorCodes.ModelMissing, headPath, "Train one with 'ascribe train accurate'.");
            }

            using var file = File.OpenRead(headPath);
            return AccurateHead.Load(file, headPath);
        }

        using var stream = typeof(AccuratePipeline).Assembly.GetManifestResourceStream(HeadResource);
        if (stream is null)
        {
            ThrowHelper.Throw(ErrorCodes.ModelMissing, "models/accurate-head.bin", "This build has no accurate-mode head; train one with 'ascribe train accurate' and pass it with --head.");
        }

        return AccurateHead.Load(stream, "models/accurate-head.bin");
    }
}
