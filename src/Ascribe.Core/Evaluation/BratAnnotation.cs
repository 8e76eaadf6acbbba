namespace Ascribe.Core.Evaluation;

/// <summary>
/// A parsed BRAT stand-off file: spans by id (kind and fragments) and relations (role → span ids).
/// Parsing follows the reference scorer: malformed lines are skipped, never fatal.
/// </summary>
public sealed class BratAnnotation
{
    public static readonly string[] Kinds = { "Source", "Cue", "Content" };

    /// <summary>Spans by id, in file order.</summary>
    public List<(string Id, string Kind, List<(int Start, int End)> Fragments)> Spans { get; } = new();

    public Dictionary<string, (string Kind, List<(int Start, int End)> Fragments)> ById { get; } = new(StringComparer.Ordinal);

    /// <summary>Each relation maps Source, Cue and Content to the ids of its spans.</summary>
    public List<Dictionary<string, List<string>>> Relations { get; } = new();

    public static BratAnnotation Parse(string content)
    {
        var ann = new BratAnnotation();
        foreach (var raw in content.Split('\n'))
        {
            string line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.Length == 0 || (line[0] != 'T' && line[0] != 'E'))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 2)
            {
                continue;
            }

            if (line[0] == 'T')
            {
                int sp = parts[1].IndexOf(' ');
                if (sp < 0)
                {
                    continue;
                }

                string kind = parts[1][..sp];
                var frags = new List<(int, int)>();
                foreach (var r in parts[1][(sp + 1)..].Split(';'))
                {
                    var se = r.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (se.Length == 2 && int.TryParse(se[0], out int s) && int.TryParse(se[1], out int e))
                    {
                        frags.Add((s, e));
                    }
                }

                ann.ById[parts[0]] = (kind, frags);
                ann.Spans.Add((parts[0], kind, frags));
            }
            else
            {
                var rel = new Dictionary<string, List<string>>(StringComparer.Ordinal)
                {
                    ["Source"] = new(),
                    ["Cue"] = new(),
                    ["Content"] = new(),
                };
                foreach (var arg in parts[1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                {
                    int colon = arg.IndexOf(':');
                    if (colon < 0)
                    {
                        continue;
                    }

                    string role = arg[..colon].TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
                    if (rel.TryGetValue(role, out var list))
                    {
                        list.Add(arg[(colon + 1)..]);
                    }
                }

                ann.Relations.Add(rel);
            }
        }

        return ann;
    }
}
