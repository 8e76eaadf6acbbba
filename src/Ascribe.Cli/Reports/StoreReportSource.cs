using Ascribe.Core.Components.Audit;
using Ascribe.Core.Pipeline;
using Ascribe.Core.Reports;
using Ascribe.Store;

namespace Ascribe.Cli.Reports;

/// <summary>
/// Reads the documents of a corpus store for <c>ascribe report</c>. The store keeps attributions,
/// entities and metadata but not tokens, so each document gets the text layer again and the audit
/// is recomputed from what was stored. Near-duplicates of an earlier stored article are left out,
/// so a story syndicated to several outlets is counted once.
/// </summary>
public sealed class StoreReportSource : IReportSource
{
    private const int Page = 200;
    private static readonly Pipeline TextLayer = DefaultPipeline.TextLayer().Build();

    private readonly IDocumentStore _store;
    private readonly AuditComponent _audit = new();

    public StoreReportSource(IDocumentStore store)
    {
        _store = store;
    }

    public IEnumerable<ReportDocument> Read(Action<string> fail)
    {
        for (int offset = 0; ; offset += Page)
        {
            var page = _store.Documents(offset, Page);
            foreach (var summary in page)
            {
                if (summary.DuplicateOf is not null || _store.Document(summary.Id) is not { } stored)
                {
                    continue;
                }

                var doc = stored.Doc;
                TextLayer.Process(doc);
                _audit.Process(doc);
                yield return ReportDocument.FromDocument(doc);
            }

            if (page.Count < Page)
            {
                yield break;
            }
        }
    }
}
