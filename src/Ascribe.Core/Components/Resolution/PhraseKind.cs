namespace Ascribe.Core.Components.Resolution;

/// <summary>The shape of a source or relay noun phrase.</summary>
internal enum PhraseKind
{
    Empty,
    Pronoun,
    Name,
    Nominal,
    Group,
    FormerLatter,
}
