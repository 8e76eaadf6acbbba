using Ascribe.Core.Documents;

namespace Ascribe.Core.Internal;

/// <summary>
/// A static set of possibly overlapping spans, each with an integer payload, answering "which
/// spans contain or overlap this?" by binary search instead of a scan of every span, so that
/// components asking once per token or per attribution stay linear on long documents (issue 9).
/// Spans are sorted by start; a running maximum of ends bounds how far back a query must look.
/// </summary>
internal sealed class SpanIndex
{
    private readonly TextSpan[] _spans;
    private readonly int[] _payloads;
    private readonly int[] _maxEnd; // _maxEnd[k] = max End of _spans[0..k]

    public SpanIndex(IEnumerable<(TextSpan Span, int Payload)> items)
    {
        var sorted = items.OrderBy(x => x.Span.Start).ThenBy(x => x.Payload).ToArray();
        _spans = sorted.Select(x => x.Span).ToArray();
        _payloads = sorted.Select(x => x.Payload).ToArray();
        _maxEnd = new int[_spans.Length];
        int max = int.MinValue;
        for (int k = 0; k < _spans.Length; k++)
        {
            max = Math.Max(max, _spans[k].End);
            _maxEnd[k] = max;
        }
    }

    public SpanIndex(IEnumerable<TextSpan> spans)
        : this(spans.Select((span, i) => (span, i)))
    {
    }

    public int Count => _spans.Length;

    /// <summary>True when some span contains <paramref name="offset"/> (<c>Start &lt;= offset &lt; End</c>).</summary>
    public bool AnyContains(int offset)
    {
        for (int k = LastStartingAtOrBefore(offset); k >= 0 && _maxEnd[k] > offset; k--)
        {
            if (_spans[k].Contains(offset))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds to <paramref name="payloads"/> the payload of every span that contains <paramref name="offset"/>.</summary>
    public void CollectContaining(int offset, List<int> payloads)
    {
        for (int k = LastStartingAtOrBefore(offset); k >= 0 && _maxEnd[k] > offset; k--)
        {
            if (_spans[k].Contains(offset))
            {
                payloads.Add(_payloads[k]);
            }
        }
    }

    /// <summary>True when some span overlaps <paramref name="span"/> (as <see cref="TextSpan.Overlaps"/>).</summary>
    public bool AnyOverlaps(TextSpan span)
    {
        for (int k = LastStartingAtOrBefore(span.End - 1); k >= 0 && _maxEnd[k] > span.Start; k--)
        {
            if (_spans[k].Overlaps(span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds to <paramref name="payloads"/> the payload of every span that overlaps <paramref name="span"/> (as <see cref="TextSpan.Overlaps"/>).</summary>
    public void CollectOverlapping(TextSpan span, List<int> payloads)
    {
        for (int k = LastStartingAtOrBefore(span.End - 1); k >= 0 && _maxEnd[k] > span.Start; k--)
        {
            if (_spans[k].Overlaps(span))
            {
                payloads.Add(_payloads[k]);
            }
        }
    }

    /// <summary>The smallest payload other than <paramref name="exclude"/> of a span that covers <paramref name="inner"/> whole, or -1.</summary>
    public int MinPayloadCovering(TextSpan inner, int exclude)
    {
        int best = -1;
        for (int k = LastStartingAtOrBefore(inner.Start); k >= 0 && _maxEnd[k] >= inner.End; k--)
        {
            if (_spans[k].End >= inner.End && _payloads[k] != exclude && (best < 0 || _payloads[k] < best))
            {
                best = _payloads[k];
            }
        }

        return best;
    }

    /// <summary>Index of the last span whose start is at or before <paramref name="offset"/>, or -1.</summary>
    private int LastStartingAtOrBefore(int offset)
    {
        return SortedSearch.PartitionPoint<TextSpan, int>(_spans, offset, static (s, o) => s.Start <= o) - 1;
    }
}
