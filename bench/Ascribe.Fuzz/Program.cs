using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ascribe.Cli.Input;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;
using Ascribe.Reliability.Tests;

// A random mutator for the tokenizer, quote pairing, the whole pipeline and HTML ingestion.
// usage: Ascribe.Fuzz [--seconds N] [--seed S] [--seeds DIR] [--crashes DIR] [--target text|pipeline|html|all]
// Every input that throws, or breaks a document invariant (tests/Ascribe.Reliability.Tests/DocumentInvariants.cs),
// is written to the crash folder; tests/data/fuzz/ keeps the ones found so far as regression tests.
double seconds = 60;
int seed = Environment.TickCount;
string seedsDir = "tests/data";
string crashes = "bench/Ascribe.Fuzz/crashes";
string target = "all";
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--seeds": seedsDir = args[++i]; break;
        case "--crashes": crashes = args[++i]; break;
        case "--target": target = args[++i]; break;
        default:
            Console.Error.WriteLine($"ascribe-fuzz: unknown argument '{args[i]}'");
            return 2;
    }
}

var seeds = Directory.EnumerateFiles(seedsDir, "*", SearchOption.AllDirectories)
    .Where(f => f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal))
    .Order(StringComparer.Ordinal)
    .Select(File.ReadAllText)
    .Select(t => t.Length > 20_000 ? t[..20_000] : t)
    .ToList();
seeds.Add("<html><body><article><p>\u201CYes,\u201D she said.</p><script>x=\"</p>\"</script><iframe src=x></iframe></article></body></html>");
seeds.Add("He said \"it's 'fine'\" \u2014 and \u00AByes\u00BB, \u201Eja\u201C, \u300Cはい\u300D.");
Directory.CreateDirectory(crashes);
var random = new Random(seed);
var textLayer = DefaultPipeline.TextLayer().Build();
var pipeline = DefaultPipeline.Create();
var targets = target == "all" ? new[] { "text", "pipeline", "html" } : new[] { target };
long runs = 0, found = 0;
var clock = Stopwatch.StartNew();
Console.WriteLine($"# fuzz seed {seed}, {seeds.Count} seeds, targets {string.Join(',', targets)}, {seconds} s");
while (clock.Elapsed.TotalSeconds < seconds)
{
    string input = Mutator.Mutate(random, seeds);
    string which = targets[random.Next(targets.Length)];
    string? failure;
    try
    {
        failure = which switch
        {
            "text" => DocumentInvariantsText(textLayer, input),
            "pipeline" => DocumentInvariants.Check(pipeline.Run("fuzz", input)),
            _ => Html(pipeline, input),
        };
    }
    catch (Exception ex)
    {
        failure = ex.GetType().Name + ": " + ex.Message + "\n" + ex.StackTrace;
    }

    runs++;
    if (failure is not null)
    {
        found++;
        string name = $"{which}-{seed}-{runs}";
        File.WriteAllText(Path.Combine(crashes, name + (which == "html" ? ".html" : ".txt")), input);
        File.WriteAllText(Path.Combine(crashes, name + ".log"), failure);
        Console.WriteLine($"FOUND {name}: {failure.Split('\n')[0]}");
    }
}

Console.WriteLine($"# {runs} inputs in {clock.Elapsed.TotalSeconds:F0} s, {found} failures written to {crashes}");
return found == 0 ? 0 : 1;

static string? DocumentInvariantsText(Pipeline textLayer, string input)
{
    var doc = textLayer.Run("fuzz", input);
    // The text layer alone: attributions are empty, sentences and tokens must already hold.
    return DocumentInvariants.Check(doc);
}

static string? Html(Pipeline pipeline, string input)
{
    if (!HtmlArticle.TryExtract(input, null, out var text, out _, out var error))
    {
        return error is null || error.Contains('\n') ? "no text and no one-line reason" : null;
    }

    return DocumentInvariants.Check(pipeline.Run("fuzz", text));
}

/// <summary>Random edits that stress the tokenizer and quote pairing: quote marks of every style, line ends, invisible and combining characters, surrogates, splices and repeats.</summary>
internal static class Mutator
{
    private static readonly string[] Inserts =
    {
        "\"", "'", "\u201C", "\u201D", "\u2018", "\u2019", "\u201E", "\u201A", "\u00AB", "\u00BB", "\u2039", "\u203A", "\u300C", "\u300D",
        "\n", "\n\n", "\r\n", "\r", "\t", "\u00A0", "\u00AD", "\u200B", "\u200D", "\uFEFF", "\u0301", "\u0308", "\U0001F600", "\uD800", "\uDC00",
        "-\n", "-\r\n", "...", "\u2026", "\u2014", "U.S.", "Mr.", "'s", "n't", "said", "according to", "<p>", "</p>", "<script>", "<iframe>", "&quot;", "&#x201C;", "\0",
    };

    public static string Mutate(Random random, List<string> seeds)
    {
        var sb = new StringBuilder(seeds[random.Next(seeds.Count)]);
        int edits = 1 + random.Next(12);
        for (int e = 0; e < edits; e++)
        {
            int at = sb.Length == 0 ? 0 : random.Next(sb.Length + 1);
            switch (random.Next(8))
            {
                case 0:
                    sb.Insert(at, Inserts[random.Next(Inserts.Length)]);
                    break;
                case 1:
                    sb.Insert(at, (char)random.Next(0x10000));
                    break;
                case 2 when sb.Length > 0:
                    sb.Remove(Math.Min(at, sb.Length - 1), Math.Min(1 + random.Next(40), sb.Length - Math.Min(at, sb.Length - 1)));
                    break;
                case 3 when sb.Length > 0:
                {
                    int from = random.Next(sb.Length);
                    int len = Math.Min(1 + random.Next(200), sb.Length - from);
                    sb.Insert(at, sb.ToString(from, len));
                    break;
                }

                case 4:
                {
                    string other = seeds[random.Next(seeds.Count)];
                    int from = random.Next(other.Length + 1);
                    sb.Insert(at, other.AsSpan(from, Math.Min(other.Length - from, random.Next(300))));
                    break;
                }

                case 5:
                    sb.Insert(at, new string(Inserts[random.Next(14)][0], 1 + random.Next(500)));
                    break;
                case 6 when sb.Length > 0:
                    sb[Math.Min(at, sb.Length - 1)] = (char)(sb[Math.Min(at, sb.Length - 1)] ^ (1 << random.Next(16)));
                    break;
                default:
                    sb.Insert(at, Inserts[random.Next(Inserts.Length)] + Inserts[random.Next(Inserts.Length)]);
                    break;
            }
        }

        return sb.ToString();
    }
}
