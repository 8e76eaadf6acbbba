using Ascribe.Core.Components.Attribution;
using Ascribe.Core.Components.Quotes;
using Ascribe.Core.Components.Sentences;
using Ascribe.Core.Components.Tokenize;

namespace Ascribe.Core.Pipeline;

/// <summary>Factory for the pipelines Ascribe ships.</summary>
public static class DefaultPipeline
{
    /// <summary>Tokenizer, sentence splitter and quote pairing: the text layer every other stage needs.</summary>
    public static PipelineBuilder TextLayer() => new PipelineBuilder()
        .Add(new Tokenizer())
        .Add(new SentenceSplitter())
        .Add(new QuoteFinder());

    /// <summary>The full analysis pipeline.</summary>
    public static Pipeline Create() => TextLayer()
        .Add(new RuleAttributionExtractor())
        .Build();
}
