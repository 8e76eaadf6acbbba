using Ascribe.Core.Documents;

namespace Ascribe.Core.Pipeline;

/// <summary>
/// One processing stage. A component declares which document attributes it needs
/// (<see cref="Requires"/>) and which it writes (<see cref="Assigns"/>); the
/// <see cref="PipelineBuilder"/> rejects an order in which a requirement is not met.
/// Implementations must be safe to call from several threads on different documents.
/// </summary>
public interface IPipelineComponent
{
    string Name { get; }

    IReadOnlyList<string> Requires { get; }

    IReadOnlyList<string> Assigns { get; }

    /// <summary>Annotates <paramref name="doc"/> in place.</summary>
    void Process(Document doc);
}
