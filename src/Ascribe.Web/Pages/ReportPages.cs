using Ascribe.Core.Documents;

namespace Ascribe.Web.Pages;

/// <summary>The one place that picks how an analyzed document is shown as a report.</summary>
public static class ReportPages
{
    public static string Render(Document doc, SiteInfo site)
        => ReportView.Render(doc, site.HasCorpus ? id => "/speakers/" + Html.U(id) : null);
}
