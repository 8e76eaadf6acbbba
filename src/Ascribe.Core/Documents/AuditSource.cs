namespace Ascribe.Core.Documents;

/// <summary>One source as the audit counts it: a speaker or a party a speaker relies on.</summary>
/// <param name="Id">Entity id, or <c>src:</c> plus the lower-case source text when the document has no entity for it.</param>
/// <param name="Interest">Why the source has a stake in what it reports ("government", "ministry"), or null.</param>
/// <param name="Attributions">Attributions it is the speaker of.</param>
/// <param name="Cited">Attributions in which another speaker relies on it ("citing X").</param>
/// <param name="Aliases">Surface forms used for it in this document.</param>
public sealed record AuditSource(string Id, string Name, SourceType Type, string? Interest, int Attributions, int Cited, IReadOnlyList<string> Aliases);
