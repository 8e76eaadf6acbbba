namespace Ascribe.Core.Lexicons;

/// <summary>One reporting cue: its lemma, part of speech (verb, noun, phrase) and stance class.</summary>
public sealed record CueEntry(string Lemma, string Pos, string Stance);
