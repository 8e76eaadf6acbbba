using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ascribe.Store;
using Ascribe.Store.Dedup;
using Ascribe.Store.Queries;

// Store benchmark harness (see bench/store-bench.sh):
//   dedup     --corpus DIR              SimHash distances of edited copies vs. distinct articles
//   replicate --corpus DIR --out FILE --count N   PolNeAR texts as N JSONL articles
//   query     --db DB                   search and speaker-profile latency
var opts = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 1; i + 1 < args.Length; i += 2)
{
    opts[args[i]] = args[i + 1];
}

string mode = args.Length > 0 ? args[0] : "help";
switch (mode)
{
    case "dedup":
        Dedup(Load(opts["--corpus"]));
        break;
    case "replicate":
        Replicate(Load(opts["--corpus"]), opts["--out"], int.Parse(opts.GetValueOrDefault("--count", "10000"), CultureInfo.InvariantCulture));
        break;
    case "query":
        Query(opts["--db"], int.Parse(opts.GetValueOrDefault("--runs", "50"), CultureInfo.InvariantCulture));
        break;
    default:
        Console.Error.WriteLine("usage: dedup --corpus DIR | replicate --corpus DIR --out FILE [--count N] | query --db DB [--runs N]");
        return 2;
}

return 0;

static List<(string Id, string Text, string Outlet, string Date, string Title)> Load(string corpus)
{
    var meta = new Dictionary<string, string[]>(StringComparer.Ordinal);
    string metaPath = Path.Combine(corpus, "metadata.tsv");
    if (File.Exists(metaPath))
    {
        foreach (var line in File.ReadLines(metaPath).Skip(1))
        {
            var f = line.Split('\t');
            meta[f[1]] = f;
        }
    }

    var list = new List<(string, string, string, string, string)>();
    foreach (var split in new[] { "dev", "train" })
    {
        string dir = Path.Combine(corpus, split, "text");
        if (!Directory.Exists(dir))
        {
            continue;
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
        {
            string id = Path.GetFileNameWithoutExtension(file);
            var m = meta.GetValueOrDefault(id);
            list.Add((id, File.ReadAllText(file), m?[4] ?? id.Split('_')[0], m?[5] ?? id.Split('_')[1], m?[7] ?? id));
        }
    }

    return list;
}

static string[] Paragraphs(string text) => text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

static ulong Hash(string text) => SimHash.Compute(TextFingerprint.Words(text), 3);

static void Dedup(List<(string Id, string Text, string Outlet, string Date, string Title)> articles)
{
    var hashes = articles.Select(a => Hash(a.Text)).ToArray();
    var edits = new Dictionary<string, List<int>>(StringComparer.Ordinal);
    void Add(string name, int d) => (edits.TryGetValue(name, out var l) ? l : edits[name] = new List<int>()).Add(d);
    for (int i = 0; i < articles.Count; i++)
    {
        var paras = Paragraphs(articles[i].Text);
        if (paras.Length < 4)
        {
            continue;
        }

        Add("new headline line", SimHash.Distance(hashes[i], Hash("Breaking: " + articles[i].Title + "\n\n" + articles[i].Text)));
        Add("byline/dateline changed", SimHash.Distance(hashes[i], Hash("By Staff Writer (Reuters) - " + articles[i].Text + "\n\nReporting by the wire desk.")));
        Add("last paragraph dropped", SimHash.Distance(hashes[i], Hash(string.Join("\n\n", paras[..^1]))));
        Add("last 2 paragraphs dropped", SimHash.Distance(hashes[i], Hash(string.Join("\n\n", paras[..^2]))));
        Add("first 20% kept", SimHash.Distance(hashes[i], Hash(string.Join("\n\n", paras[..Math.Max(1, paras.Length / 5)]))));
    }

    var nearest = new List<int>();
    for (int i = 0; i < hashes.Length; i++)
    {
        int best = 64;
        for (int j = 0; j < hashes.Length; j++)
        {
            if (i != j && articles[i].Text != articles[j].Text)
            {
                best = Math.Min(best, SimHash.Distance(hashes[i], hashes[j]));
            }
        }

        nearest.Add(best);
    }

    Console.WriteLine($"SimHash (64 bit, 3-word shingles) on {articles.Count} PolNeAR articles");
    Console.WriteLine("edit                         n    median  p90  max  share<=3  share<=6  share<=8");
    foreach (var (name, d) in edits)
    {
        d.Sort();
        Console.WriteLine($"{name,-28} {d.Count,4} {d[d.Count / 2],7} {d[d.Count * 9 / 10],4} {d[^1],4}  {d.Count(x => x <= 3) / (double)d.Count,8:P1}  {d.Count(x => x <= 6) / (double)d.Count,8:P1}  {d.Count(x => x <= 8) / (double)d.Count,8:P1}");
    }

    nearest.Sort();
    Console.WriteLine($"{"nearest distinct article",-28} {nearest.Count,4} {nearest[nearest.Count / 2],7}  p10={nearest[nearest.Count / 10]} min={nearest[0]}  share<=3: {nearest.Count(x => x <= 3) / (double)nearest.Count:P1}, <=6: {nearest.Count(x => x <= 6) / (double)nearest.Count:P1}, <=8: {nearest.Count(x => x <= 8) / (double)nearest.Count:P1}");
}

static void Replicate(List<(string Id, string Text, string Outlet, string Date, string Title)> articles, string outPath, int count)
{
    // Article k: the original for k < n; otherwise a new article built from the paragraphs of two
    // source articles (distinct text, real quotes that recur across articles), and every 10th one a
    // retitled wire copy of an earlier article under another outlet (a near-duplicate).
    string[] outlets = { "Reuters", "AP", "AFP", "BBC", "Guardian", "Le Monde", "Spiegel", "El Pais", "NHK", "Al Jazeera" };
    using var w = new StreamWriter(outPath, false, new UTF8Encoding(false)) { NewLine = "\n" };
    int n = articles.Count;
    var start = new DateTime(2016, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    for (int k = 0; k < count; k++)
    {
        var a = articles[k % n];
        string text, outlet = a.Outlet, title = a.Title;
        if (k < n)
        {
            text = a.Text;
        }
        else if (k % 10 == 0)
        {
            text = articles[(k / 10) % n].Text;
            outlet = outlets[k % outlets.Length];
            title = "Wire: " + articles[(k / 10) % n].Title;
        }
        else
        {
            var b = articles[(k * 7 + k / n) % n];
            var pa = Paragraphs(a.Text);
            var pb = Paragraphs(b.Text);
            var mixed = new List<string>();
            for (int i = 0; i < Math.Max(pa.Length, pb.Length); i++)
            {
                if (i < pa.Length && (i + k) % 2 == 0)
                {
                    mixed.Add(pa[i]);
                }

                if (i < pb.Length && (i + k) % 3 == 0)
                {
                    mixed.Add(pb[i]);
                }
            }

            text = string.Join("\n\n", mixed.Count > 0 ? mixed : pa.ToList());
            outlet = outlets[(k / n) % outlets.Length];
            title = a.Title + " (" + k.ToString(CultureInfo.InvariantCulture) + ")";
        }

        string date = start.AddMinutes(k * 37).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        w.WriteLine(JsonSerializer.Serialize(new { id = "a" + k.ToString(CultureInfo.InvariantCulture), title, outlet, published = date, text }));
    }
}

static void Query(string db, int runs)
{
    using var store = new StoreBuilder(db).Build();
    string[] terms = { "tax returns", "email", "immigration", "debate", "campaign", "Russia", "economy", "police", "climate change", "women" };
    var speakers = store.Speakers(null, 10).Select(s => s.Name).ToArray();
    Measure("search TEXT (limit 50)", runs, i => store.Search(new SearchQuery { Text = terms[i % terms.Length] }).Count);
    Measure("search TEXT --speaker", runs, i => store.Search(new SearchQuery { Text = terms[i % terms.Length], Speaker = speakers[i % speakers.Length] }).Count);
    Measure("search --outlet --since", runs, i => store.Search(new SearchQuery { Outlet = "Reuters", Since = "2016-03-01" }).Count);
    Measure("speaker NAME (profile)", runs, i => store.Speaker(speakers[i % speakers.Length])?.Quotes ?? 0);
    Measure("tracked (top 20)", Math.Max(3, runs / 10), i => store.Tracked().Count);
}

static void Measure(string name, int runs, Func<int, long> action)
{
    action(0);
    var times = new List<double>();
    long total = 0;
    for (int i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        total += action(i);
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26} runs={runs,3}  median={times[times.Count / 2],8:F2} ms  p95={times[(int)(times.Count * 0.95)],8:F2} ms  rows/run={total / (double)runs:F1}"));
}
