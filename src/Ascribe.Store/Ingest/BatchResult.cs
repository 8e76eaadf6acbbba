namespace Ascribe.Store.Ingest;

/// <summary>What one committed batch did.</summary>
public sealed record BatchResult(int Claimed, int Stored, int NearDuplicates, int Failed, int Attributions, IReadOnlyList<string> Errors);
