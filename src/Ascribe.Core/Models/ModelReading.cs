using Ascribe.Core.Errors;

namespace Ascribe.Core.Models;

/// <summary>Turns the low-level failures of reading a damaged model file into one coded error.</summary>
internal static class ModelReading
{
    public static T Guard<T>(string source, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (EndOfStreamException)
        {
            throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, source, "file is truncated");
        }
        catch (Exception ex) when (ex is IOException or FormatException or OverflowException or ArgumentException or IndexOutOfRangeException)
        {
            throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, source, ex.Message);
        }
    }
}
