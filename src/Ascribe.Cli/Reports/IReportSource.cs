using Ascribe.Core.Reports;

namespace Ascribe.Cli.Reports;

/// <summary>
/// Where <c>ascribe report</c> reads analyzed documents from: JSONL output of
/// <c>ascribe analyze</c> today, a document store once one exists.
/// </summary>
public interface IReportSource
{
    /// <summary>Documents in input order. Unreadable entries are reported through <paramref name="fail"/> (one line each) and skipped.</summary>
    IEnumerable<ReportDocument> Read(Action<string> fail);
}
