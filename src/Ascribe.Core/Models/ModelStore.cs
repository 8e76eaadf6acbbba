using Ascribe.Core.Components.Ner;
using Ascribe.Core.Components.Parse;
using Ascribe.Core.Components.Tag;
using Ascribe.Core.Errors;

namespace Ascribe.Core.Models;

/// <summary>
/// The trained models in one folder (<c>pos.bin</c>, <c>ner.bin</c>, <c>parser.bin</c>), each read
/// on first use, once, and then shared by every thread. Reading these files is the only file
/// access in Core; the folder is given by the caller or defaults to <c>models/</c> next to the
/// application.
/// </summary>
public sealed class ModelStore
{
    public const string PosFile = "pos.bin";
    public const string NerFile = "ner.bin";
    public const string ParserFile = "parser.bin";
    public const string AttributionFile = "attribution.bin";

    private static readonly Lazy<ModelStore> DefaultStore = new(() => new ModelStore(Path.Combine(AppContext.BaseDirectory, "models")));

    private readonly Lazy<PosModel> _pos;
    private readonly Lazy<Components.Attribution.Model.AttributionModel?> _attribution;
    private readonly Lazy<NerModel> _ner;
    private readonly Lazy<IParserModel> _parser;

    public ModelStore(string directory)
    {
        Directory = directory;
        _pos = new Lazy<PosModel>(() => Load(PosFile, PosModel.Load), LazyThreadSafetyMode.ExecutionAndPublication);
        _attribution = new Lazy<Components.Attribution.Model.AttributionModel?>(
            () => File.Exists(Path.Combine(Directory, AttributionFile)) ? Load(AttributionFile, Components.Attribution.Model.AttributionModel.Load) : null,
            LazyThreadSafetyMode.ExecutionAndPublication);
        _ner = new Lazy<NerModel>(() => Load(NerFile, NerModel.Load), LazyThreadSafetyMode.ExecutionAndPublication);
        _parser = new Lazy<IParserModel>(() => Load(ParserFile, ParserFiles.Load), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The models shipped next to the application, in <c>AppContext.BaseDirectory/models</c>.</summary>
    public static ModelStore Default => DefaultStore.Value;

    public string Directory { get; }

    /// <exception cref="AscribeException">The file is missing (ModelMissing) or damaged (ModelCorrupt).</exception>
    public PosModel Pos => _pos.Value;

    /// <summary>The attribution labeler, or null when the folder has no <c>attribution.bin</c> (the pipeline then falls back to rules).</summary>
    /// <exception cref="AscribeException">The file is damaged (ModelCorrupt).</exception>
    public Components.Attribution.Model.AttributionModel? Attribution => _attribution.Value;
    /// <exception cref="AscribeException">The file is missing (ModelMissing) or damaged (ModelCorrupt).</exception>
    public NerModel Ner => _ner.Value;

    /// <exception cref="AscribeException">The file is missing (ModelMissing) or damaged (ModelCorrupt).</exception>
    public IParserModel Parser => _parser.Value;

    private T Load<T>(string file, Func<Stream, string, T> read)
    {
        string path = Path.Combine(Directory, file);
        if (!File.Exists(path))
        {
            ThrowHelper.Throw(ErrorCodes.ModelMissing, path, "The models/ folder ships with Ascribe; rebuild, or point to a folder that holds it.");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return read(stream, path);
    }
}
