namespace Ascribe.Core.Documents;

/// <summary>Two attributions whose reports conflict; indices into <see cref="Document.Attributions"/>, earlier first.</summary>
/// <param name="Reason">What marks the conflict: the contrast words, "opposite polarity" or "a denial".</param>
public sealed record ConflictingPair(int First, int Second, string Reason);
