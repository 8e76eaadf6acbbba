using System.Text.Json;
using Ascribe.Core.Documents;

namespace Ascribe.Core.Serialization;

/// <summary>
/// Writes the analysis of a document in Ascribe's JSON schema (docs/schema.md). Field names and
/// shapes are stable; new fields are only added.
/// </summary>
public static class DocumentJson
{
    public static void Write(Utf8JsonWriter w, Document doc)
    {
        w.WriteStartObject();
        w.WriteString("id", doc.Id);
        if (doc.Meta.Count > 0)
        {
            w.WriteStartObject("meta");
            foreach (var (key, value) in doc.Meta.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        w.WriteNumber("length", doc.Text.Length);
        w.WriteNumber("tokens", doc.TokenCount);
        w.WriteNumber("sentences", doc.Sentences.Count);
        w.WriteNumber("paragraphs", doc.Paragraphs.Count);
        w.WriteStartArray("quotes");
        foreach (var q in doc.Quotes)
        {
            Spill(w);
            w.WriteStartObject();
            w.WriteNumber("open", q.Open);
            w.WriteNumber("close", q.Close);
            WriteSpan(w, "content", doc, q.Content);
            w.WriteNumber("depth", q.Depth);
            w.WriteBoolean("continues_previous", q.ContinuesPrevious);
            w.WriteBoolean("continues_next", q.ContinuesNext);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("attributions");
        foreach (var a in doc.Attributions)
        {
            Spill(w);
            w.WriteStartObject();
            w.WriteString("kind", KindName(a.Kind));
            WriteSpan(w, "source", doc, a.Source);
            WriteSpan(w, "cue", doc, a.Cue);
            w.WriteStartArray("content");
            foreach (var c in a.Content)
            {
                WriteSpan(w, null, doc, c);
            }

            w.WriteEndArray();
            if (a.Speaker is null)
            {
                w.WriteNull("speaker");
            }
            else
            {
                w.WriteString("speaker", a.Speaker);
            }

            w.WriteStartArray("cites");
            foreach (var c in a.Cites)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            if (a.Venue is null)
            {
                w.WriteNull("venue");
            }
            else
            {
                w.WriteString("venue", a.Venue);
            }

            if (a.Stance is null)
            {
                w.WriteNull("stance");
            }
            else
            {
                w.WriteString("stance", a.Stance);
            }

            w.WriteBoolean("hedged", a.Hedged);
            w.WriteNumber("confidence", Math.Round(a.Confidence, 4));
            if (a.Origin is not null)
            {
                w.WriteString("origin", a.Origin);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("entities");
        foreach (var e in doc.Entities)
        {
            Spill(w);
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteString("name", e.Name);
            w.WriteString("type", TypeName(e.Type));
            w.WriteStartArray("aliases");
            foreach (var alias in e.Aliases)
            {
                w.WriteStringValue(alias);
            }

            w.WriteEndArray();
            w.WriteStartArray("description");
            foreach (var d in e.Description)
            {
                w.WriteStringValue(d);
            }

            w.WriteEndArray();
            w.WriteStartArray("members");
            foreach (var member in e.Members)
            {
                w.WriteStringValue(member);
            }

            w.WriteEndArray();
            w.WriteStartArray("mentions");
            foreach (var m in e.Mentions)
            {
                Spill(w);
                w.WriteStartObject();
                w.WriteNumber("start", m.Start);
                w.WriteNumber("end", m.End);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("flags");
        foreach (var f in doc.Flags)
        {
            Spill(w);
            w.WriteStartObject();
            w.WriteString("code", f.Code);
            w.WriteNumber("start", f.Start);
            w.WriteNumber("end", f.End);
            w.WriteString("text", doc.Text.AsSpan(f.Start, f.End - f.Start));
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (doc.Audit is { } audit)
        {
            WriteAudit(w, doc, audit);
        }

        w.WriteEndObject();
    }

    /// <summary>The <c>audit</c> object (docs/schema.md, flag definitions in docs/flags.md).</summary>
    public static void WriteAudit(Utf8JsonWriter w, Document doc, DocumentAudit audit)
    {
        w.WriteStartObject("audit");
        w.WriteNumber("attributions", audit.Attributions);
        w.WriteNumber("speakers", audit.Speakers);
        w.WriteNumber("named_speakers", audit.NamedSpeakers);
        w.WriteNumber("independent_speakers", audit.IndependentSpeakers);
        w.WriteNumber("unresolved_attributions", audit.UnresolvedAttributions);
        WriteCounts(w, "attributions_by_type", audit.AttributionsByType);
        WriteCounts(w, "speakers_by_type", audit.SpeakersByType);
        w.WriteNumber("anonymous_attributions", audit.AnonymousAttributions);
        w.WriteNumber("anonymous_share", Math.Round(audit.AnonymousShare, 4));
        w.WriteNumber("relayed_attributions", audit.RelayedAttributions);
        w.WriteNumber("relayed_share", Math.Round(audit.RelayedShare, 4));
        w.WriteNumber("unattributed_quotes", audit.UnattributedQuotes);
        w.WriteStartArray("interested_parties");
        foreach (var key in audit.InterestedParties)
        {
            w.WriteStringValue(key);
        }

        w.WriteEndArray();
        if (audit.Lead is { } lead)
        {
            w.WriteStartObject("lead_claim");
            w.WriteNumber("attribution", lead.Attribution);
            WriteSpan(w, "content", doc, lead.Content);
            w.WriteStartArray("speakers");
            for (int i = 0; i < lead.SpeakerIds.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("id", lead.SpeakerIds[i]);
                w.WriteString("name", lead.SpeakerNames[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("independent_speakers", lead.IndependentSpeakers);
            w.WriteBoolean("interested", lead.Interested);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("lead_claim");
        }

        w.WriteStartArray("sources");
        foreach (var source in audit.Sources)
        {
            w.WriteStartObject();
            w.WriteString("id", source.Id);
            w.WriteString("name", source.Name);
            w.WriteString("type", TypeName(source.Type));
            if (source.Interest is null)
            {
                w.WriteNull("interest");
            }
            else
            {
                w.WriteString("interest", source.Interest);
            }

            w.WriteNumber("attributions", source.Attributions);
            w.WriteNumber("cited", source.Cited);
            w.WriteStartArray("aliases");
            foreach (var alias in source.Aliases)
            {
                w.WriteStringValue(alias);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("attribution_sources");
        foreach (var key in audit.AttributionSources)
        {
            if (key is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteStringValue(key);
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("conflicts");
        foreach (var c in audit.Conflicts)
        {
            w.WriteStartObject();
            w.WriteNumber("first", c.First);
            w.WriteNumber("second", c.Second);
            w.WriteString("reason", c.Reason);
            w.WriteString("first_name", c.FirstName);
            w.WriteString("second_name", c.SecondName);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteCounts(w, "flag_counts", audit.FlagCounts);
        w.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter w, string name, SortedDictionary<string, int> counts)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in counts)
        {
            w.WriteNumber(key, value);
        }

        w.WriteEndObject();
    }

    /// <summary>One document as one line of JSON (no trailing newline).</summary>
    public static string ToJsonLine(Document doc)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(w, doc);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Writes one document as one line of JSON and a line end to <paramref name="writer"/>: the
    /// same characters as <see cref="ToJsonLine"/>, passed on as they are written, so a long
    /// article's JSON is never held whole.
    /// </summary>
    public static void WriteJsonLine(TextWriter writer, Document doc)
    {
        using (var stream = new TextWriterStream(writer))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(w, doc);
        }

        writer.WriteLine();
    }

    /// <summary>Hands what the writer holds to its stream once it passes 64 KiB (between elements of long arrays), so the writer's buffer stays small; the bytes are the same.</summary>
    private static void Spill(Utf8JsonWriter w)
    {
        if (w.BytesPending > 1 << 16)
        {
            w.Flush();
        }
    }

    /// <summary>A write-only stream that decodes UTF-8 into a <see cref="TextWriter"/>.</summary>
    private sealed class TextWriterStream : Stream
    {
        private readonly TextWriter _writer;
        private readonly System.Text.Decoder _decoder = System.Text.Encoding.UTF8.GetDecoder();
        private readonly char[] _chars = new char[16384];

        public TextWriterStream(TextWriter writer)
        {
            _writer = writer;
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => Decode(buffer, flush: false);

        public override void Flush()
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Decode(ReadOnlySpan<byte>.Empty, flush: true);
            }

            base.Dispose(disposing);
        }

        private void Decode(ReadOnlySpan<byte> bytes, bool flush)
        {
            while (true)
            {
                _decoder.Convert(bytes, _chars, flush, out int used, out int written, out bool completed);
                _writer.Write(_chars, 0, written);
                bytes = bytes[used..];
                if (completed || (bytes.IsEmpty && written == 0))
                {
                    return;
                }
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    public static string KindName(AttributionKind kind) => kind switch
    {
        AttributionKind.Direct => "direct",
        AttributionKind.Indirect => "indirect",
        AttributionKind.Mixed => "mixed",
        AttributionKind.According => "according-to",
        _ => "other",
    };

    public static string TypeName(SourceType type) => type switch
    {
        SourceType.Person => "person",
        SourceType.Organization => "organization",
        SourceType.Government => "government",
        SourceType.Media => "media",
        SourceType.Anonymous => "anonymous",
        SourceType.Document => "document",
        SourceType.Country => "country",
        SourceType.Event => "event",
        _ => "unknown",
    };

    private static void WriteSpan(Utf8JsonWriter w, string? name, Document doc, TextSpan? span)
    {
        if (span is null)
        {
            if (name is not null)
            {
                w.WriteNull(name);
            }

            return;
        }

        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        var s = span.Value;
        w.WriteNumber("start", s.Start);
        w.WriteNumber("end", s.End);
        w.WriteString("text", doc.Text.AsSpan(s.Start, s.Length));
        w.WriteEndObject();
    }
}
