namespace Ascribe.Core.Documents;

/// <summary>Two attributions whose reports conflict; indices into <see cref="Document.Attributions"/>, earlier first.</summary>
/// <param name="Reason">What marks the conflict: the contrast words, "opposite polarity" or "a denial".</param>
/// <param name="FirstName">Who is behind the earlier report: its speaker, "a report citing X", or its source text.</param>
/// <param name="SecondName">Who is behind the later report, named the same way.</param>
public sealed record ConflictingPair(int First, int Second, string Reason, string FirstName, string SecondName);
