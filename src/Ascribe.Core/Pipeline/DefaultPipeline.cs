using Ascribe.Core.Components.Attribution;
using Ascribe.Core.Components.Attribution.Model;
using Ascribe.Core.Components.Ner;
using Ascribe.Core.Components.Parse;
using Ascribe.Core.Components.Audit;
using Ascribe.Core.Components.Quotes;
using Ascribe.Core.Components.Resolution;
using Ascribe.Core.Components.Stance;
using Ascribe.Core.Components.Sentences;
using Ascribe.Core.Components.Tag;
using Ascribe.Core.Components.Tokenize;
using Ascribe.Core.Models;

namespace Ascribe.Core.Pipeline;

/// <summary>Factory for the pipelines Ascribe ships.</summary>
public static class DefaultPipeline
{
    /// <summary>Tokenizer, sentence splitter and quote pairing: the text layer every other stage needs.</summary>
    public static PipelineBuilder TextLayer() => new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Add(new QuoteFinder());

    /// <summary>The text layer plus part-of-speech tags and lemmas from <paramref name="models"/> (default: <see cref="ModelStore.Default"/>).</summary>
    /// <exception cref="Errors.AscribeException">The POS model file is missing or damaged.</exception>
    public static PipelineBuilder PosLayer(ModelStore? models = null)
    {
        models ??= ModelStore.Default;
        return TextLayer()
            .Add(new PosTagger(models.Pos));
    }

    /// <summary>
    /// The whole linguistic layer: the text layer plus part-of-speech tags, lemmas, named entities
    /// and dependencies from <paramref name="models"/> (default: <see cref="ModelStore.Default"/>).
    /// </summary>
    /// <exception cref="Errors.AscribeException">A model file is missing or damaged.</exception>
    public static PipelineBuilder LinguisticLayer(ModelStore? models = null)
    {
        models ??= ModelStore.Default;
        return PosLayer(models)
            .Add(new EntityRecognizer(models.Ner))
            .Add(new DependencyParser(models.Parser));
    }

    /// <summary>
    /// The full analysis pipeline. Attributions come from <paramref name="attributionModel"/>, else
    /// from the store's <c>attribution.bin</c>, else (no such file) from <see cref="RuleAttributionExtractor"/>.
    /// </summary>
    public static Pipeline Create(AttributionModel? attributionModel = null, ModelStore? models = null)
    {
        models ??= ModelStore.Default;
        attributionModel ??= models.Attribution;
        return PosLayer(models)
            .Add(attributionModel is null ? new RuleAttributionExtractor() : new ModelAttributionExtractor(attributionModel))
            .Add(new SpeakerResolver())
            .Add(new StanceTagger())
            .Add(new AuditComponent())
            .Build();
    }

    /// <summary>The full analysis pipeline with the rule extractor for attributions (the baseline and fallback).</summary>
    public static Pipeline CreateWithRules(ModelStore? models = null) => PosLayer(models)
        .Add(new RuleAttributionExtractor())
        .Add(new SpeakerResolver())
        .Add(new StanceTagger())
        .Add(new AuditComponent())
        .Build();

    /// <summary>Everything <see cref="Create"/> runs before attribution extraction: what a trainer must reproduce on its training texts.</summary>
    public static Pipeline BeforeAttribution(ModelStore? models = null) => PosLayer(models).Build();
}
