using System.Reflection;
using Ascribe.Core.Errors;

namespace Ascribe.Core.Lexicons;

/// <summary>Reads the data files embedded in Ascribe.Core (lexicons, shipped models).</summary>
public static class ResourceReader
{
    private static readonly Assembly Assembly = typeof(ResourceReader).Assembly;

    /// <summary>Opens an embedded resource by its path under <c>Resources/</c>, e.g. <c>lexicon/cues.tsv</c>.</summary>
    public static Stream Open(string path)
    {
        string name = "Ascribe.Resources." + path.Replace('\\', '/');
        return Assembly.GetManifestResourceStream(name) ?? throw ThrowHelper.Create(ErrorCodes.ResourceMissing, path);
    }

    public static bool Exists(string path) =>
        Assembly.GetManifestResourceInfo("Ascribe.Resources." + path.Replace('\\', '/')) is not null;

    /// <summary>Data lines of a tab-separated resource, without comments and blank lines, split into columns.</summary>
    public static IEnumerable<string[]> ReadTsv(string path)
    {
        using var reader = new StreamReader(Open(path));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            yield return line.Split('\t');
        }
    }
}
