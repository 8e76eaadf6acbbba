using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ascribe.Cli.Input;

/// <summary>
/// Opens and reads input files without hanging or exhausting memory on things that are not
/// regular files (issue 9): a named pipe with no writer would block <c>open</c> forever, and a
/// device such as /dev/zero never ends. Files are opened non-blocking on Linux, anything that
/// cannot seek is refused, and reading stops at <see cref="MaxBytes"/>.
/// </summary>
internal static partial class InputFile
{
    /// <summary>The largest input file read (256 MiB); larger ones are refused with an error.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800; // O_NONBLOCK on Linux
    private const int CloseOnExec = 0x80000; // O_CLOEXEC on Linux

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNative(string path, int flags);

    /// <summary>Opens <paramref name="path"/> for reading; returns null with a one-line reason when it cannot or should not be read.</summary>
    public static FileStream? Open(string path, out string? error)
    {
        error = null;
        try
        {
            FileStream stream;
            if (OperatingSystem.IsLinux())
            {
                int fd = OpenNative(path, ReadOnly | NonBlocking | CloseOnExec);
                if (fd < 0)
                {
                    // Let the managed open produce the usual exception and message.
                    stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
                }
                else
                {
                    stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, 1);
                }
            }
            else
            {
                stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            }

            if (!stream.CanSeek)
            {
                stream.Dispose();
                error = "not a regular file (a pipe, socket or device)";
                return null;
            }

            return stream;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = ex is UnauthorizedAccessException ? "permission denied" : ex is FileNotFoundException or DirectoryNotFoundException ? "no such file or folder" : ex.Message;
            return null;
        }
    }

    /// <summary>Reads the whole file, at most <see cref="MaxBytes"/>; false with a one-line reason otherwise.</summary>
    public static bool TryReadAll(string path, out byte[] bytes, out string? error)
    {
        bytes = Array.Empty<byte>();
        using var stream = Open(path, out error);
        if (stream is null)
        {
            return false;
        }

        try
        {
            // Read to the end rather than trusting Length, which is 0 for devices that never end.
            using var buffer = new MemoryStream(stream.Length is > 0 and <= MaxBytes ? (int)stream.Length : 0);
            var chunk = new byte[1 << 16];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > MaxBytes)
                {
                    error = $"larger than {MaxBytes / (1024 * 1024)} MiB; split it or pass it as JSONL";
                    return false;
                }

                buffer.Write(chunk, 0, n);
            }

            bytes = buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = ex.Message;
            return false;
        }
    }
}
