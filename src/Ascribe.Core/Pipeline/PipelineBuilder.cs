using Ascribe.Core.Errors;

namespace Ascribe.Core.Pipeline;

/// <summary>Collects components in order and builds a <see cref="Pipeline"/>, checking that each component's requirements are assigned by an earlier one.</summary>
public sealed class PipelineBuilder
{
    private readonly List<IPipelineComponent> _components = new();

    public PipelineBuilder Add(IPipelineComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        _components.Add(component);
        return this;
    }

    public Pipeline Build()
    {
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in _components)
        {
            foreach (var need in component.Requires)
            {
                if (!assigned.Contains(need))
                {
                    ThrowHelper.Throw(ErrorCodes.PipelineOrder, component.Name, need);
                }
            }

            assigned.UnionWith(component.Assigns);
        }

        return new Pipeline(_components.ToArray());
    }
}
