namespace Ascribe.Core.Documents;

/// <summary>One real-world speaker or source inside a document.</summary>
public sealed class Entity
{
    public Entity(string id, string name)
    {
        Id = id;
        Name = name;
    }

    public string Id { get; }

    /// <summary>The most complete name or description found in the text.</summary>
    public string Name { get; set; }

    public SourceType Type { get; set; }

    /// <summary>Distinct surface forms used for the entity.</summary>
    public List<string> Aliases { get; } = new();

    /// <summary>Role or affiliation phrases ("representative of the secret service directorate").</summary>
    public List<string> Description { get; } = new();

    public List<TextSpan> Mentions { get; } = new();

    /// <summary>Ids of the member entities when this entity is a coordinated group ("Tschernak and Schulmann"); empty otherwise.</summary>
    public List<string> Members { get; } = new();
}
