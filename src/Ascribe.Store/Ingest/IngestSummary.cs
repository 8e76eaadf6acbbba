namespace Ascribe.Store.Ingest;

/// <summary>Totals of one <c>ascribe ingest</c> run.</summary>
public sealed record IngestSummary(int Enqueued, int AlreadyKnown, int Stored, int NearDuplicates, int Failed, int Attributions, int Batches, TimeSpan Elapsed, IReadOnlyList<string> Errors)
{
    public double ArticlesPerSecond => Elapsed.TotalSeconds > 0 ? Stored / Elapsed.TotalSeconds : 0;
}
