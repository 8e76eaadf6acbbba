using Ascribe.Core.Documents;

namespace Ascribe.Web.Pages;

/// <summary>The one place that picks how an analyzed document is shown as a report.</summary>
public static class ReportPages
{
    /// <summary>Report body for a freshly analyzed document (its entity ids are not store speakers, so nothing links).</summary>
    public static string Render(Document doc, SiteInfo site)
        => Render(doc, speakerLink: null);

    /// <summary>Report body; <paramref name="speakerLink"/> maps an attribution index to its speaker's page, or null.</summary>
    public static string Render(Document doc, Func<int, string?>? speakerLink)
        => ReportView.Render(doc, speakerLink);
}
