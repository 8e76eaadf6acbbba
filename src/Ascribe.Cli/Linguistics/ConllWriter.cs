using System.Globalization;
using Ascribe.Core.Documents;

namespace Ascribe.Cli.Linguistics;

/// <summary>
/// Writes a document one token a line, <c>sent tok word start end lemma pos ner head deprel</c>
/// (the columns of the CoreNLP tsv files), a blank line between sentences. Sentence and token
/// numbers are 1-based, head 0 is the root, offsets are into the original text, "_" marks a
/// value no component assigned.
/// </summary>
internal static class ConllWriter
{
    public static void Write(Document doc, TextWriter writer)
    {
        var tokens = doc.TokenData;
        for (int s = 0; s < doc.Sentences.Count; s++)
        {
            var sent = doc.Sentences[s];
            for (int t = sent.TokenStart; t < sent.TokenEnd; t++)
            {
                ref readonly var token = ref tokens[t];
                string head = token.Head >= sent.TokenStart && token.Head < sent.TokenEnd
                    ? (token.Head - sent.TokenStart + 1).ToString(CultureInfo.InvariantCulture)
                    : token.Dep is null ? "_" : "0";
                writer.Write(s + 1);
                writer.Write('\t');
                writer.Write(t - sent.TokenStart + 1);
                writer.Write('\t');
                writer.Write(Clean(doc.Text.AsSpan(token.Start, token.End - token.Start)));
                writer.Write('\t');
                writer.Write(token.Start);
                writer.Write('\t');
                writer.Write(token.End);
                writer.Write('\t');
                writer.Write(token.Lemma is null ? "_" : Clean(token.Lemma));
                writer.Write('\t');
                writer.Write(token.Tag ?? "_");
                writer.Write('\t');
                writer.Write(token.Ner ?? "_");
                writer.Write('\t');
                writer.Write(head);
                writer.Write('\t');
                writer.Write(token.Dep ?? "_");
                writer.Write('\n');
            }

            writer.Write('\n');
        }
    }

    private static string Clean(ReadOnlySpan<char> text)
    {
        // A token never holds a tab or line break in practice; keep the format parseable if one does.
        var s = text.ToString();
        return s.AsSpan().IndexOfAny('\t', '\n', '\r') < 0 ? s : s.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
    }
}
