namespace Ascribe.Core.Documents;

/// <summary>
/// A normalized copy of a document's text with a map back to the original. Each normalized
/// character <c>i</c> came from the original range <c>[starts[i], ends[i])</c>; characters the
/// normalizer dropped (soft hyphens, say) belong to no normalized character.
/// </summary>
public sealed class NormalizedText
{
    private readonly int[]? _starts;
    private readonly int[]? _ends;
    private readonly int _originalLength;

    public NormalizedText(string text, int[]? starts, int[]? ends = null, int originalLength = -1)
    {
        if ((starts is null) != (ends is null) || (starts is not null && (starts.Length != text.Length || ends!.Length != text.Length)))
        {
            throw new ArgumentException("The offset maps must both be present and as long as the normalized text.");
        }

        Text = text;
        _starts = starts;
        _ends = ends;
        _originalLength = originalLength < 0 ? text.Length : originalLength;
    }

    public string Text { get; }

    /// <summary>True when the normalized text is identical to the original (the map is the identity).</summary>
    public bool IsIdentity => _starts is null;

    /// <summary>Maps a normalized offset (0..Text.Length) to the original offset where that character begins.</summary>
    public int ToOriginal(int offset)
    {
        if (_starts is null)
        {
            return offset;
        }

        return offset < _starts.Length ? _starts[offset] : _originalLength;
    }

    /// <summary>True when normalized character <paramref name="offset"/> came from the same original range as the one before it (NFC composition can emit several characters from one range).</summary>
    public bool SharesSourceWithPrevious(int offset) =>
        _starts is not null && offset > 0 && offset < _starts.Length && _starts[offset] == _starts[offset - 1];

    /// <summary>Maps a half-open normalized range to the smallest original range that produced it.</summary>
    public TextSpan ToOriginal(int start, int end)
    {
        if (_starts is null)
        {
            return new TextSpan(start, end);
        }

        if (end <= start)
        {
            int at = ToOriginal(start);
            return new TextSpan(at, at);
        }

        return new TextSpan(_starts[start], _ends![end - 1]);
    }
}
