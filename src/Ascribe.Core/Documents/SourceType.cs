namespace Ascribe.Core.Documents;

/// <summary>What kind of source an entity is. Serialized in kebab case.</summary>
public enum SourceType
{
    Unknown,
    Person,
    Organization,
    Government,
    Media,
    Anonymous,
    Document,
    Country,
    /// <summary>An event or occasion where something was said (a venue, not a speaker).</summary>
    Event,
}
