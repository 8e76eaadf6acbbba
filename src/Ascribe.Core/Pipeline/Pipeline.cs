using Ascribe.Core.Documents;
using Ascribe.Core.Errors;

namespace Ascribe.Core.Pipeline;

/// <summary>An immutable, thread-safe sequence of components built by <see cref="PipelineBuilder"/>.</summary>
public sealed class Pipeline
{
    internal Pipeline(IReadOnlyList<IPipelineComponent> components)
    {
        Components = components;
    }

    public IReadOnlyList<IPipelineComponent> Components { get; }

    /// <summary>Creates a document from <paramref name="text"/> and runs every component on it.</summary>
    public Document Run(string id, string text)
    {
        var doc = new Document(id, text);
        Process(doc);
        return doc;
    }

    /// <summary>Runs every component on <paramref name="doc"/> in order.</summary>
    /// <exception cref="AscribeException">A component failed; the exception names it and the document.</exception>
    public void Process(Document doc)
    {
        foreach (var component in Components)
        {
            try
            {
                component.Process(doc);
            }
            catch (Exception ex) when (ex is not AscribeException and not OutOfMemoryException)
            {
                throw new AscribeException(ErrorCodes.ComponentFailed, string.Format(System.Globalization.CultureInfo.InvariantCulture, ErrorCodes.Message(ErrorCodes.ComponentFailed), component.Name, doc.Id, ex.Message), ex)
                {
                    Component = component.Name,
                    DocumentId = doc.Id,
                };
            }
        }
    }
}
