using System.Text;
using Ascribe.Core.Errors;

namespace Ascribe.Core.Models;

/// <summary>
/// Header of every Ascribe model file: the magic bytes "ASCM", a format version and the model
/// kind ("pos", "ner", "parser"), followed by the kind's own sections. Little-endian throughout.
/// </summary>
internal static class ModelFile
{
    public const int Version = 1;
    private static readonly byte[] Magic = "ASCM"u8.ToArray();

    /// <summary>Writes the header; <paramref name="version"/> changes whenever a kind's features or sections change.</summary>
    public static BinaryWriter OpenWrite(Stream stream, string kind, int version = Version)
    {
        var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(version);
        writer.Write(kind);
        return writer;
    }

    /// <summary>Reads the header; a file of another <paramref name="version"/> (an older feature set) is refused.</summary>
    public static BinaryReader OpenRead(Stream stream, string kind, string source, int version = Version)
    {
        var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var magic = reader.ReadBytes(4);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                ThrowHelper.Throw(ErrorCodes.ModelCorrupt, source, "wrong magic bytes");
            }

            int foundVersion = reader.ReadInt32();
            if (foundVersion != version)
            {
                ThrowHelper.Throw(ErrorCodes.ModelCorrupt, source, $"format version {foundVersion}, expected {version} (a model trained by another Ascribe version: retrain it with 'ascribe train')");
            }

            string found = reader.ReadString();
            if (found != kind)
            {
                ThrowHelper.Throw(ErrorCodes.ModelCorrupt, source, $"holds a '{found}' model, expected '{kind}'");
            }
        }
        catch (EndOfStreamException)
        {
            ThrowHelper.Throw(ErrorCodes.ModelCorrupt, source, "file is truncated");
        }

        return reader;
    }

    /// <summary>The kind named in the header of <paramref name="stream"/> (a seekable stream, left where it was), or null when it is no model file.</summary>
    public static string? PeekKind(Stream stream)
    {
        long start = stream.Position;
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            return reader.ReadBytes(4).AsSpan().SequenceEqual(Magic) ? ReadKind(reader) : null;
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException)
        {
            return null;
        }
        finally
        {
            stream.Position = start;
        }

        static string ReadKind(BinaryReader reader)
        {
            reader.ReadInt32();
            return reader.ReadString();
        }
    }

    public static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    public static string[] ReadStrings(BinaryReader reader, string source)
    {
        int n = reader.ReadInt32();
        if (n < 0 || n > 1 << 24)
        {
            ThrowHelper.Throw(ErrorCodes.ModelCorrupt, source, "bad string table size");
        }

        var values = new string[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = string.Intern(reader.ReadString());
        }

        return values;
    }
}
