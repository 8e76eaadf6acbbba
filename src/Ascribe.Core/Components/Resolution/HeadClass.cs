namespace Ascribe.Core.Components.Resolution;

/// <summary>What kind of source a head noun makes (see <c>Resources/resolution/head-nouns.tsv</c>).</summary>
public enum HeadClass
{
    None,
    Person,
    People,
    Media,
    Government,
    Organization,
    Document,
    Event,
}
