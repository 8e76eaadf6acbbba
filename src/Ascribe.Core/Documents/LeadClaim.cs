namespace Ascribe.Core.Documents;

/// <summary>
/// The claim an article leads with: the content of the first attribution in the headline, or in
/// the first body paragraph when the headline has none.
/// </summary>
/// <param name="Attribution">Index into <see cref="Document.Attributions"/>.</param>
/// <param name="Content">Extent of the claim's content in the original text.</param>
/// <param name="SpeakerIds">Keys of the speakers whose attributions support the claim (entity ids, or <c>src:</c> fallback keys).</param>
/// <param name="SpeakerNames">Display names of the same speakers, in the same order.</param>
/// <param name="IndependentSpeakers">Distinct origins among the supporting attributions: a speaker relaying someone counts as that someone.</param>
/// <param name="Interested">True when every origin is an interested party.</param>
public sealed record LeadClaim(int Attribution, TextSpan Content, IReadOnlyList<string> SpeakerIds, IReadOnlyList<string> SpeakerNames, int IndependentSpeakers, bool Interested);
