using Ascribe.Core.Components.Resolution;
using Ascribe.Core.Components.Stance;
using Ascribe.Core.Documents;

namespace Ascribe.Core.Tests.Components.Resolution;

/// <summary>
/// Builds a document from text in which attribution sources are marked <c>[[source]]</c> and
/// cues <c>{{cue}}</c> (one cue per source, in order), runs the text layer, adds one attribution
/// per marked source (content: the rest of the cue's sentence, from "that" when there is one) and
/// resolves speakers.
/// </summary>
internal static class Marked
{
    private static readonly Pipeline.Pipeline Tagged = Pipeline.DefaultPipeline.PosLayer().Build();

    /// <summary>As <see cref="Resolve(string)"/>, with part-of-speech tags (as the eval commands run it).</summary>
    public static Document ResolveTagged(string marked) => Resolve(marked, tagged: true);

    public static Document Resolve(string marked) => Resolve(marked, tagged: false);

    private static Document Resolve(string marked, bool tagged)
    {
        var sources = new List<TextSpan>();
        var cues = new List<TextSpan>();
        var sb = new System.Text.StringBuilder();
        int i = 0;
        while (i < marked.Length)
        {
            if (string.CompareOrdinal(marked, i, "[[", 0, 2) == 0 || string.CompareOrdinal(marked, i, "{{", 0, 2) == 0)
            {
                bool source = marked[i] == '[';
                int close = marked.IndexOf(source ? "]]" : "}}", i, StringComparison.Ordinal);
                int start = sb.Length;
                sb.Append(marked, i + 2, close - i - 2);
                (source ? sources : cues).Add(new TextSpan(start, sb.Length));
                i = close + 2;
            }
            else
            {
                sb.Append(marked[i++]);
            }
        }

        Document doc;
        if (tagged)
        {
            doc = new Document("test", sb.ToString());
            Tagged.Process(doc);
        }
        else
        {
            doc = TestText.Text(sb.ToString());
        }

        for (int k = 0; k < sources.Count; k++)
        {
            var a = new Attribution { Kind = AttributionKind.Indirect, Source = sources[k] };
            if (k < cues.Count)
            {
                a.Cue = cues[k];

                // Content: the rest of the cue's sentence, without its final period.
                var sentence = doc.Sentences.First(s => s.Start <= cues[k].Start && cues[k].Start < s.End);
                int start = cues[k].End;
                while (start < sentence.End && doc.Text[start] == ' ')
                {
                    start++;
                }

                // Indirect content starts at "that" when the cue phrase goes on ("reported on Friday, citing X, that ...").
                int that = doc.Text.IndexOf(" that ", start, sentence.End - start, StringComparison.Ordinal);
                if (that >= 0)
                {
                    start = that + 1;
                }

                int end = sentence.End;
                while (end > start && doc.Text[end - 1] is '.' or ' ')
                {
                    end--;
                }

                if (end > start)
                {
                    a.Content.Add(new TextSpan(start, end));
                }
            }

            doc.Attributions.Add(a);
        }

        new SpeakerResolver().Process(doc);
        new StanceTagger().Process(doc);
        return doc;
    }

    public static Entity SpeakerOf(Document doc, int attribution) =>
        doc.Entities.Single(e => e.Id == doc.Attributions[attribution].Speaker);

    public static string SpeakerName(Document doc, int attribution) =>
        doc.Attributions[attribution].Speaker is { } id ? doc.Entities.Single(e => e.Id == id).Name : "(none)";
}
