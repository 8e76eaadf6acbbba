namespace Ascribe.Core.Components.Resolution;

/// <summary>A name split by <see cref="NameMatcher.Parse"/>: folded titles, given names and surname, plus a gender hint from an honorific.</summary>
public sealed record PersonName(IReadOnlyList<string> Titles, IReadOnlyList<string> Given, string Surname, Gender Gender);
