namespace Ascribe.Core.Documents;

/// <summary>A sourcing or text-quality finding anchored to a character range of the original text.</summary>
public sealed record Flag(string Code, int Start, int End, string Message);
