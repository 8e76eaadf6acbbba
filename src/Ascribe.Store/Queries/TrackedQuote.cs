namespace Ascribe.Store.Queries;

/// <summary>A quote that appears, verbatim or lightly edited, in several articles; <see cref="Appearances"/> is in publication order, the first is the first appearance.</summary>
public sealed record TrackedQuote(long Id, string Text, long Documents, long Outlets, IReadOnlyList<QuoteHit> Appearances);
