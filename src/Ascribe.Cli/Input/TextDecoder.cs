using System.Text;

namespace Ascribe.Cli.Input;

/// <summary>
/// Turns file bytes into text: a byte-order mark selects UTF-8, UTF-16 or UTF-32 (and is not part
/// of the text); otherwise strict UTF-8, and when that fails Windows-1252, the usual encoding of
/// mis-saved news text. Binary data (NUL bytes without a UTF-16 shape) is rejected.
/// </summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>; returns false with a reason for binary data.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string? note)
    {
        note = null;
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return TryStrict(bytes[3..], out text, out note);
        }

        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE, 0, 0 }))
        {
            text = new UTF32Encoding(false, false).GetString(bytes[4..]);
            return true;
        }

        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            text = Encoding.Unicode.GetString(bytes[2..]);
            return true;
        }

        if (bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            text = Encoding.BigEndianUnicode.GetString(bytes[2..]);
            return true;
        }

        if (LooksBinary(bytes))
        {
            text = string.Empty;
            note = "binary data, not text";
            return false;
        }

        return TryStrict(bytes, out text, out note);
    }

    private static bool TryStrict(ReadOnlySpan<byte> bytes, out string text, out string? note)
    {
        note = null;
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: read it as Windows-1252 and say so.
            text = Encoding.GetEncoding(1252).GetString(bytes);
            note = "not valid UTF-8; read as Windows-1252";
            return true;
        }
    }

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 8192)];
        int nul = 0, control = 0;
        foreach (byte b in head)
        {
            if (b == 0)
            {
                nul++;
            }
            else if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B))
            {
                control++;
            }
        }

        return nul > 0 || control > head.Length / 10 + 1;
    }
}
