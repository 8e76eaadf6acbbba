using System.Globalization;
using System.Text;
using Ascribe.Core.Documents;

namespace Ascribe.Core.Serialization;

/// <summary>
/// Writes attributions in PolNeAR's BRAT stand-off format: T lines of type Source, Cue and Content
/// (discontinuous contents as "s1 e1;s2 e2"), one E line per attribution, and # notes carrying
/// speaker (entity id and type), cites, venue, stance and hedging where known.
/// </summary>
public static class BratWriter
{
    private static readonly string[] UnlinkedKinds = { "Source", "Cue", "Content" };

    /// <summary>Name of the span group holding spans of <paramref name="kind"/> (Source, Cue or Content) that belong to no attribution.</summary>
    public static string UnlinkedGroup(string kind) => "unlinked-" + kind.ToLowerInvariant();

    public static string Write(Document doc)
    {
        var sb = new StringBuilder();
        int t = 0;
        int e = 0;
        int n = 0;
        foreach (var a in doc.Attributions)
        {
            string? src = null, cue = null, content = null;
            if (a.Source is { } s)
            {
                src = "T" + (++t).ToString(CultureInfo.InvariantCulture);
                Line(sb, src, "Source", doc, new[] { s });
            }

            if (a.Cue is { } c)
            {
                cue = "T" + (++t).ToString(CultureInfo.InvariantCulture);
                Line(sb, cue, "Cue", doc, new[] { c });
            }

            if (a.Content.Count > 0)
            {
                content = "T" + (++t).ToString(CultureInfo.InvariantCulture);
                Line(sb, content, "Content", doc, a.Content);
            }

            string anchor = cue ?? content ?? src ?? "T0";
            string eid = "E" + (++e).ToString(CultureInfo.InvariantCulture);
            sb.Append(eid).Append('\t').Append(src is null ? "Attribution-no-source:" : "Attribution:").Append(anchor);
            if (src is not null)
            {
                sb.Append(" Source:").Append(src);
            }

            if (cue is not null)
            {
                sb.Append(" Cue:").Append(cue);
            }

            if (content is not null)
            {
                sb.Append(" Content:").Append(content);
            }

            sb.Append('\n');
            var notes = new List<string>();
            if (a.Speaker is not null)
            {
                notes.Add("speaker=" + a.Speaker);
            }

            if (a.Cites.Count > 0)
            {
                notes.Add("cites=" + string.Join(',', a.Cites));
            }

            if (a.Venue is not null)
            {
                notes.Add("venue=" + a.Venue);
            }

            if (a.Speaker is not null && doc.Entities.Find(x => x.Id == a.Speaker) is { } speaker)
            {
                notes.Add("speaker_type=" + DocumentJson.TypeName(speaker.Type));
            }

            if (a.Stance is not null)
            {
                notes.Add("stance=" + a.Stance);
            }

            if (a.Hedged)
            {
                notes.Add("hedged");
            }

            notes.Add("kind=" + DocumentJson.KindName(a.Kind));
            sb.Append('#').Append((++n).ToString(CultureInfo.InvariantCulture)).Append("\tAnnotatorNotes ").Append(eid).Append('\t').Append(string.Join(' ', notes)).Append('\n');
        }

        // Spans an extractor found but could not link stay visible as T lines without an E line.
        foreach (var kind in UnlinkedKinds)
        {
            if (doc.Spans.TryGetValue(UnlinkedGroup(kind), out var group))
            {
                foreach (var span in group)
                {
                    Line(sb, "T" + (++t).ToString(CultureInfo.InvariantCulture), kind, doc, new[] { span });
                }
            }
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string id, string kind, Document doc, IReadOnlyList<TextSpan> spans)
    {
        sb.Append(id).Append('\t').Append(kind).Append(' ');
        for (int i = 0; i < spans.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(';');
            }

            sb.Append(spans[i].Start.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(spans[i].End.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append('\t');
        for (int i = 0; i < spans.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            // BRAT text fields are single-line.
            sb.Append(doc.Text.AsSpan(spans[i].Start, spans[i].Length).ToString().Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' '));
        }

        sb.Append('\n');
    }
}
