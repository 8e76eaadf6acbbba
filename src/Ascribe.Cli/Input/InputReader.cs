using System.Text.Json;

namespace Ascribe.Cli.Input;

/// <summary>
/// Expands command-line paths into documents, lazily and in a stable order: files (.txt, .text,
/// .md, .html, .htm, .jsonl), folders recursively (sorted by path), and "-" for standard input. A
/// JSONL file yields one document per line (fields id, text or html, title, url, published,
/// outlet, author); a broken line becomes an error for that line only. HTML is reduced to its main
/// text with <see cref="HtmlArticle"/>; standard input starting with "&lt;" and an html tag is read as HTML.
/// </summary>
public sealed class InputReader
{
    /// <summary>How the path "-" reaches the reader after the command line is parsed.</summary>
    public const string StdinPath = "\u0001stdin";

    private static readonly string[] TextExtensions = { ".txt", ".text", ".md" };
    private static readonly string[] HtmlExtensions = { ".html", ".htm" };
    private readonly Func<Stream> _openStdin;

    public InputReader(Func<Stream> openStdin)
    {
        _openStdin = openStdin;
    }

    public IEnumerable<InputDocument> Read(IEnumerable<string> paths)
    {
        var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            foreach (var doc in ReadOne(path))
            {
                // Two files with the same name in different folders must not overwrite each other's output.
                if (seenIds.TryGetValue(doc.Id, out int count))
                {
                    seenIds[doc.Id] = count + 1;
                    yield return doc with { Id = doc.Id + "-" + (count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
                }
                else
                {
                    seenIds[doc.Id] = 1;
                    yield return doc;
                }
            }
        }
    }

    private IEnumerable<InputDocument> ReadOne(string path)
    {
        if (path is "-" or StdinPath)
        {
            using var ms = new MemoryStream();
            using (var stdin = _openStdin())
            {
                stdin.CopyTo(ms);
            }

            var bytes = ms.ToArray();
            if (TextDecoder.TryDecode(bytes, out var piped, out _) && piped.TrimStart().StartsWith('{'))
            {
                // JSON objects on standard input are JSONL: one article per line.
                foreach (var doc in JsonlLines("stdin", "-", piped.Split('\n')))
                {
                    yield return doc;
                }

                yield break;
            }

            yield return FromBytes("stdin", "-", bytes);
            yield break;
        }

        if (Directory.Exists(path))
        {
            IEnumerable<string> files;
            string? error = null;
            try
            {
                files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Where(IsSupported)
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                files = Array.Empty<string>();
                error = ex.Message;
            }

            if (error is not null)
            {
                yield return new InputDocument(Path.GetFileName(path), path, null, error);
            }

            foreach (var file in files)
            {
                foreach (var doc in ReadFile(file))
                {
                    yield return doc;
                }
            }

            yield break;
        }

        if (!File.Exists(path))
        {
            yield return new InputDocument(IdOf(path), path, null, "no such file or folder");
            yield break;
        }

        foreach (var doc in ReadFile(path))
        {
            yield return doc;
        }
    }

    public static bool IsSupported(string file)
    {
        string ext = Path.GetExtension(file).ToLowerInvariant();
        return TextExtensions.Contains(ext) || HtmlExtensions.Contains(ext) || ext == ".jsonl";
    }

    private static string IdOf(string path) => Path.GetFileNameWithoutExtension(path);

    private IEnumerable<InputDocument> ReadFile(string path)
    {
        if (Path.GetExtension(path).Equals(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var doc in ReadJsonl(path))
            {
                yield return doc;
            }

            yield break;
        }

        if (!InputFile.TryReadAll(path, out var bytes, out var error))
        {
            yield return new InputDocument(IdOf(path), path, null, error);
            yield break;
        }

        yield return FromBytes(IdOf(path), path, bytes, HtmlExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()));
    }

    private static InputDocument FromBytes(string id, string origin, byte[] bytes, bool? html = null)
    {
        if (!TextDecoder.TryDecode(bytes, out var text, out var note))
        {
            return new InputDocument(id, origin, null, note);
        }

        if (html ?? LooksLikeHtml(text))
        {
            return FromHtml(id, origin, text, null, new Dictionary<string, string>(StringComparer.Ordinal)) with { Note = note };
        }

        return new InputDocument(id, origin, text, null) { Note = note };
    }

    private static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 512)).TrimStart();
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Main text of an HTML page; metadata given by the caller (JSONL fields) wins over the page's own.</summary>
    private static InputDocument FromHtml(string id, string origin, string html, string? url, Dictionary<string, string> given)
    {
        if (!HtmlArticle.TryExtract(html, url, out var text, out var meta, out var error))
        {
            return new InputDocument(id, origin, null, error);
        }

        foreach (var (key, value) in given)
        {
            meta[key] = value;
        }

        return new InputDocument(id, origin, text, null) { Meta = meta };
    }

    private static IEnumerable<InputDocument> ReadJsonl(string path)
    {
        var stream = InputFile.Open(path, out var error);
        if (stream is null)
        {
            yield return new InputDocument(IdOf(path), path, null, error);
            yield break;
        }

        using var reader = new StreamReader(stream);
        var lines = ReadLines(reader);
        foreach (var doc in JsonlLines(IdOf(path), path, lines))
        {
            yield return doc;
        }
    }

    private static IEnumerable<string> ReadLines(StreamReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static IEnumerable<InputDocument> JsonlLines(string name, string path, IEnumerable<string> lines)
    {
        int lineNo = 0;
        foreach (var line in lines)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string origin = path + ":" + lineNo.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string fallbackId = name + "-" + lineNo.ToString(System.Globalization.CultureInfo.InvariantCulture);
            InputDocument doc;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    doc = new InputDocument(fallbackId, origin, null, "line is not a JSON object");
                }
                else
                {
                    string id = Str(root, "id") ?? fallbackId;
                    string? text = Str(root, "text");
                    string? html = Str(root, "html");
                    var meta = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var key in new[] { "title", "url", "published", "outlet", "author" })
                    {
                        if (Str(root, key) is { } value)
                        {
                            meta[key] = value;
                        }
                    }

                    if (text is not null)
                    {
                        doc = new InputDocument(id, origin, text, null) { Meta = meta };
                    }
                    else if (html is not null)
                    {
                        doc = FromHtml(id, origin, html, meta.GetValueOrDefault("url"), meta);
                    }
                    else
                    {
                        doc = new InputDocument(id, origin, null, "no \"text\" or \"html\" field");
                    }
                }
            }
            catch (JsonException ex)
            {
                doc = new InputDocument(fallbackId, origin, null, "invalid JSON: " + ex.Message);
            }

            yield return doc;
        }
    }

    private static string? Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
