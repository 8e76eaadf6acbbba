using Ascribe.Core.Components.Audit;
using Ascribe.Core.Documents;

namespace Ascribe.Core.Tests.Components.Audit;

/// <summary>Builds documents by hand for audit tests: the text layer runs, attributions and entities are added explicitly.</summary>
internal static class AuditDocuments
{
    public static TextSpan Find(Document doc, string part, int occurrence = 0)
    {
        int at = -1;
        for (int i = 0; i <= occurrence; i++)
        {
            at = doc.Text.IndexOf(part, at + 1, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{part}' not in the test text");
        }

        return new TextSpan(at, at + part.Length);
    }

    public static Attribution Add(Document doc, string? source, string? cue, string content, AttributionKind kind = AttributionKind.Indirect, string? speaker = null)
    {
        var a = new Attribution
        {
            Kind = kind,
            Source = source is null ? null : Find(doc, source),
            Cue = cue is null ? null : Find(doc, cue),
            Speaker = speaker,
        };
        a.Content.Add(Find(doc, content));
        doc.Attributions.Add(a);
        return a;
    }

    public static Entity Entity(Document doc, string id, string name, SourceType type, params string[] mentions)
    {
        var e = new Entity(id, name) { Type = type };
        foreach (var m in mentions)
        {
            e.Mentions.Add(Find(doc, m));
            if (!e.Aliases.Contains(m))
            {
                e.Aliases.Add(m);
            }
        }

        doc.Entities.Add(e);
        return e;
    }

    public static DocumentAudit RunAudit(Document doc)
    {
        new AuditComponent().Process(doc);
        return doc.Audit!;
    }

    public static List<Flag> Flags(Document doc, string code) => doc.Flags.Where(f => f.Code == code).ToList();

    public static List<string> FlagTexts(Document doc, string code) => Flags(doc, code).Select(f => doc.Text[f.Start..f.End]).ToList();
}
