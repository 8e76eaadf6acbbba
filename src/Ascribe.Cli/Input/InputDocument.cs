namespace Ascribe.Cli.Input;

/// <summary>One article read from the command line's inputs, or the reason it could not be read.</summary>
public sealed record InputDocument(string Id, string Origin, string? Text, string? Error)
{
    public Dictionary<string, string> Meta { get; init; } = new(StringComparer.Ordinal);

    public string? Note { get; init; }
}
