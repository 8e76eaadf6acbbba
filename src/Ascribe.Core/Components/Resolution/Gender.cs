namespace Ascribe.Core.Components.Resolution;

/// <summary>Grammatical gender of a person mention, as far as the text tells it.</summary>
public enum Gender
{
    Unknown,
    Male,
    Female,
}
