using Ascribe.Accurate;
using Ascribe.Core.Errors;
using Ascribe.Core.Pipeline;

namespace Ascribe.Cli.Infrastructure;

/// <summary>Builds the pipeline of the model named by <c>--model</c>: <c>fast</c> (default) or <c>accurate</c>.</summary>
internal static class ModelChoice
{
    public static readonly string[] Names = { "fast", "accurate" };

    public static bool IsValid(string model) => Names.Contains(model);

    /// <summary>The pipeline, or null after reporting why it cannot be built (missing or corrupt model).</summary>
    public static Pipeline? Create(string model, string? head, CliServices services, float[]? beginBiases = null)
    {
        if (model != "accurate")
        {
            if (Core.Models.ModelStore.Default.Attribution is null)
            {
                services.Warn("no attribution model (models/attribution.bin); using the rule extractor");
            }

            return DefaultPipeline.Create();
        }

        try
        {
            return AccuratePipeline.Create(head, beginBiases: beginBiases);
        }
        catch (AscribeException ex)
        {
            services.Fail(ex.Message);
            return null;
        }
    }
}
