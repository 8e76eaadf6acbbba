using Ascribe.Accurate.Encoding;
using Ascribe.Core.Documents;

namespace Ascribe.Accurate.Training;

/// <summary>
/// Encoder outputs of training documents kept on disk as half-precision floats
/// (<c>DIR/ID.f16</c>: token count, then <c>count × 384</c> halves), so that training the head
/// does not rerun the transformer. An entry whose token count differs from the document's is
/// stale (the tokenizer changed) and is recomputed.
/// </summary>
public sealed class EncodingCache
{
    private readonly string _dir;
    private readonly MiniLmEncoder _encoder;

    public EncodingCache(string dir, MiniLmEncoder encoder)
    {
        // Vectors of different layer choices live apart.
        _dir = Path.Combine(dir, "layers-" + string.Join('-', encoder.Layers));
        _encoder = encoder;
        Directory.CreateDirectory(_dir);
    }

    /// <summary>Values per token in the cached rows.</summary>
    public int Width => _encoder.Dim;

    /// <summary>Token vectors of <paramref name="doc"/> as halves, from the cache or freshly encoded.</summary>
    public Half[] Get(Document doc)
    {
        string path = Path.Combine(_dir, doc.Id + ".f16");
        if (File.Exists(path))
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadInt32() == doc.TokenCount)
            {
                var halves = new Half[doc.TokenCount * _encoder.Dim];
                reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves.AsSpan()));
                return halves;
            }
        }

        var vectors = _encoder.Encode(doc);
        var result = new Half[vectors.Length];
        for (int i = 0; i < vectors.Length; i++)
        {
            result[i] = (Half)vectors[i];
        }

        string tmp = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(tmp)))
        {
            writer.Write(doc.TokenCount);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.AsSpan()));
        }

        File.Move(tmp, path, overwrite: true);
        return result;
    }
}
