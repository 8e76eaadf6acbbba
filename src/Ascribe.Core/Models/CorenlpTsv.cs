using System.Globalization;
using Ascribe.Core.Errors;

namespace Ascribe.Core.Models;

/// <summary>
/// Reads the CoreNLP silver annotation format: one token a line,
/// <c>sent tok word start end lemma pos ner head deprel</c>, blank line between sentences.
/// </summary>
public static class CorenlpTsv
{
    /// <summary>The four entity classes the recognizer learns; CoreNLP's numeric classes (DATE, MONEY, ...) become O.</summary>
    public static readonly IReadOnlySet<string> EntityTypes = new HashSet<string>(StringComparer.Ordinal) { "PERSON", "ORGANIZATION", "LOCATION", "MISC" };

    /// <summary>
    /// Parses <paramref name="tsv"/>. When the article <paramref name="text"/> is given, words are
    /// taken from it by offset (so brackets and quotes look as they will at run time) and the
    /// spacing around each token is read from it.
    /// </summary>
    /// <exception cref="AscribeException">A line is malformed (code <see cref="ErrorCodes.BadAnnotation"/>).</exception>
    public static List<AnnotatedSentence> Parse(string tsv, string? text, string source)
    {
        var sentences = new List<AnnotatedSentence>();
        var rows = new List<string[]>();
        int lineNo = 0;
        foreach (var line in tsv.AsSpan().EnumerateLines())
        {
            lineNo++;
            if (line.IsWhiteSpace())
            {
                Flush();
                continue;
            }

            var parts = line.ToString().Split('\t');
            int s = 0, e = 0;
            if (parts.Length < 10 || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out s)
                || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out e) || e < s
                || !int.TryParse(parts[8], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                ThrowHelper.Throw(ErrorCodes.BadAnnotation, source, lineNo, "expected 10 tab-separated columns: sent tok word start end lemma pos ner head deprel");
            }

            if (text is not null && e > text.Length)
            {
                ThrowHelper.Throw(ErrorCodes.BadAnnotation, source, lineNo, "token offsets run past the end of the text");
            }

            rows.Add(parts);
        }

        Flush();
        return sentences;

        void Flush()
        {
            if (rows.Count == 0)
            {
                return;
            }

            var sent = new AnnotatedSentence(rows.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                var p = rows[i];
                int start = int.Parse(p[3], CultureInfo.InvariantCulture);
                int end = int.Parse(p[4], CultureInfo.InvariantCulture);
                sent.Starts[i] = start;
                sent.Ends[i] = end;
                sent.Words[i] = text is not null ? text.Substring(start, end - start) : Unescape(p[2]);
                sent.Lemmas[i] = p[5];
                sent.Tags[i] = p[6];
                sent.Entities[i] = EntityTypes.Contains(p[7]) ? p[7] : "O";
                int head = int.Parse(p[8], CultureInfo.InvariantCulture);
                sent.Heads[i] = head is > 0 && head <= rows.Count ? head - 1 : -1;
                sent.Labels[i] = p[9];
                if (text is not null)
                {
                    sent.SpaceBefore[i] = start == 0 || char.IsWhiteSpace(text[start - 1]);
                    sent.SpaceAfter[i] = end >= text.Length || char.IsWhiteSpace(text[end]);
                }
                else
                {
                    sent.SpaceBefore[i] = i == 0 || sent.Ends[i - 1] < start;
                    sent.SpaceAfter[i] = true;
                }
            }

            if (text is null)
            {
                for (int i = 0; i + 1 < rows.Count; i++)
                {
                    sent.SpaceAfter[i] = sent.Ends[i] < sent.Starts[i + 1];
                }
            }

            sentences.Add(sent);
            rows.Clear();
        }
    }

    private static string Unescape(string word) => word switch
    {
        "-LRB-" => "(",
        "-RRB-" => ")",
        "-LSB-" => "[",
        "-RSB-" => "]",
        "-LCB-" => "{",
        "-RCB-" => "}",
        "``" or "''" => "\"",
        "`" => "'",
        _ => word,
    };
}
