namespace Ascribe.Core.Documents;

/// <summary>
/// A normalized copy of a document's text with a map back to the original. Each normalized
/// character <c>i</c> came from the original range <c>[starts[i], ends[i])</c>; characters the
/// normalizer dropped (soft hyphens, say) belong to no normalized character.
/// </summary>
/// <remarks>
/// The map is kept as runs: a run of normalized characters that came one to one from consecutive
/// original characters is three numbers, whatever its length, so a news text, where only line
/// ends, dropped characters and compositions change lengths, needs a few numbers per line instead
/// of two per character.
/// </remarks>
public sealed class NormalizedText
{
    private readonly int[]? _runAt;    // normalized offset where each run begins, ascending (the first is 0)
    private readonly int[]? _runFrom;  // original offset of the run's first character; character at + k came from from + k
    private readonly int[]? _runWidth; // length of each character's original range: 1, except in runs of one character
    private readonly int _runs;
    private readonly int _originalLength;

    public NormalizedText(string text, int[]? starts, int[]? ends = null, int originalLength = -1)
    {
        if ((starts is null) != (ends is null) || (starts is not null && (starts.Length != text.Length || ends!.Length != text.Length)))
        {
            throw new ArgumentException("The offset maps must both be present and as long as the normalized text.");
        }

        Text = text;
        _originalLength = originalLength < 0 ? text.Length : originalLength;
        if (starts is not null)
        {
            var map = new Builder();
            for (int i = 0; i < starts.Length; i++)
            {
                map.Add(starts[i], ends![i]);
            }

            (_runAt, _runFrom, _runWidth, _runs) = map.Build();
        }
    }

    private NormalizedText(string text, Builder map, int originalLength)
    {
        Text = text;
        _originalLength = originalLength;
        (_runAt, _runFrom, _runWidth, _runs) = map.Build();
    }

    /// <summary>The normalized text <paramref name="text"/> whose characters came, in order, from the ranges given to <paramref name="map"/>.</summary>
    internal static NormalizedText FromRuns(string text, Builder map, int originalLength)
    {
        if (map.Count != text.Length)
        {
            throw new ArgumentException("The offset map must be as long as the normalized text.");
        }

        return new NormalizedText(text, map, originalLength);
    }

    public string Text { get; }

    /// <summary>True when the normalized text is identical to the original (the map is the identity).</summary>
    public bool IsIdentity => _runAt is null;

    /// <summary>Maps a normalized offset (0..Text.Length) to the original offset where that character begins.</summary>
    public int ToOriginal(int offset)
    {
        if (_runAt is null)
        {
            return offset;
        }

        return offset < Text.Length ? StartOf(offset) : _originalLength;
    }

    /// <summary>True when normalized character <paramref name="offset"/> came from the same original range as the one before it (NFC composition can emit several characters from one range).</summary>
    public bool SharesSourceWithPrevious(int offset)
    {
        if (_runAt is null || offset <= 0 || offset >= Text.Length)
        {
            return false;
        }

        // Inside a run the characters came from consecutive originals; only a run's first can share.
        int k = Run(offset);
        return offset == _runAt[k] && _runFrom![k - 1] + (offset - 1 - _runAt[k - 1]) == _runFrom[k];
    }

    /// <summary>Maps a half-open normalized range to the smallest original range that produced it.</summary>
    public TextSpan ToOriginal(int start, int end)
    {
        if (_runAt is null)
        {
            return new TextSpan(start, end);
        }

        if (end <= start)
        {
            int at = ToOriginal(start);
            return new TextSpan(at, at);
        }

        if ((uint)start >= (uint)Text.Length || end > Text.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(end));
        }

        int first = Run(start);
        int last = first + 1 < _runs && _runAt[first + 1] <= end - 1 ? Run(end - 1) : first;
        return new TextSpan(_runFrom![first] + (start - _runAt[first]), _runFrom[last] + (end - 1 - _runAt[last]) + _runWidth![last]);
    }

    private int StartOf(int offset)
    {
        if ((uint)offset >= (uint)Text.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        int k = Run(offset);
        return _runFrom![k] + (offset - _runAt![k]);
    }

    /// <summary>The run that holds normalized character <paramref name="offset"/>.</summary>
    private int Run(int offset)
    {
        var at = _runAt!;
        int lo = 0, hi = _runs - 1;
        if (at[hi] <= offset)
        {
            return hi;
        }

        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (at[mid] <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>Collects the original range of each normalized character in order, as runs.</summary>
    internal sealed class Builder
    {
        private int[] _at = new int[16];
        private int[] _from = new int[16];
        private int[] _width = new int[16];
        private int _runs;
        private int _next = -1; // the original start that would continue the last run, or -1 when it cannot be continued

        /// <summary>Number of characters added.</summary>
        public int Count { get; private set; }

        /// <summary>Adds the next normalized character, which came from the original range <c>[start, end)</c>.</summary>
        public void Add(int start, int end)
        {
            if (end != start + 1 || start != _next)
            {
                if (_runs == _at.Length)
                {
                    Array.Resize(ref _at, _runs * 2);
                    Array.Resize(ref _from, _runs * 2);
                    Array.Resize(ref _width, _runs * 2);
                }

                _at[_runs] = Count;
                _from[_runs] = start;
                _width[_runs] = end - start;
                _runs++;
            }

            _next = end == start + 1 ? end : -1;
            Count++;
        }

        public (int[] At, int[] From, int[] Width, int Runs) Build() => (_at[.._runs], _from[.._runs], _width[.._runs], _runs);
    }
}
