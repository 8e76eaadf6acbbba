using System.Text;
using System.Text.Json;
using Ascribe.Cli;
using Ascribe.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace Ascribe.Store.Tests;

/// <summary>The store commands end to end, in process.</summary>
public sealed class StoreCommandTests
{
    private const string Html = """
        <!DOCTYPE html><html><head><title>Grain deal talks stall</title>
        <meta property="og:site_name" content="Harbour Times">
        <meta name="author" content="Ada Byron">
        <meta property="article:published_time" content="2024-06-02T08:30:00Z"></head>
        <body><nav>Home | World | Sport</nav><article><h1>Grain deal talks stall</h1>
        <p>"The corridor will stay open for every ship that carries grain to Africa," said Olena Petrenko, the port director, on Sunday.</p>
        <p>Negotiators in Istanbul said the talks had stalled over insurance for the ships and that no date had been set for a new round.</p>
        <p>Ship owners said they would wait for guarantees before sending vessels through the corridor again this summer.</p>
        </article><footer>Copyright Harbour Times</footer></body></html>
        """;

    [Theory]
    [MemberData(nameof(TestDb.Engines), MemberType = typeof(TestDb))]
    public void IngestHtmlThenSearchAndSpeaker_AsJson(string engine)
    {
        using var db = TestDb.Create(engine);
        string dir = Path.Combine(Path.GetTempPath(), "ascribe-html-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "grain.html"), Html);
            var ingest = Run(string.Empty, "ingest", dir, "--db", db.Db, "--format", "json");
            Assert.Equal(0, ingest.Code);
            using (var summary = JsonDocument.Parse(ingest.Out))
            {
                Assert.Equal(1, summary.RootElement.GetProperty("stored").GetInt32());
            }

            var search = Run(string.Empty, "search", "corridor ships", "--db", db.Db, "--format", "json", "--outlet", "Harbour Times");
            Assert.Equal(0, search.Code);
            using (var hits = JsonDocument.Parse(search.Out))
            {
                var hit = Assert.Single(hits.RootElement.EnumerateArray());
                Assert.Equal("Grain deal talks stall", hit.GetProperty("title").GetString());
                Assert.StartsWith("2024-06-02", hit.GetProperty("published").GetString(), StringComparison.Ordinal);
                Assert.Contains("every ship", hit.GetProperty("content").GetString(), StringComparison.Ordinal);
                Assert.DoesNotContain("Copyright", hit.GetProperty("content").GetString(), StringComparison.Ordinal);
            }

            var speaker = Run(string.Empty, "speaker", "Petrenko", "--db", db.Db, "--format", "json");
            Assert.Equal(0, speaker.Code);
            using var profile = JsonDocument.Parse(speaker.Out);
            Assert.Equal("Harbour Times", profile.RootElement.GetProperty("outlets")[0].GetProperty("outlet").GetString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Ingest_JsonlFromStdinTwice_SecondRunStoresNothing()
    {
        using var db = TestDb.Create("sqlite");
        string jsonl = JsonSerializer.Serialize(new { id = "x1", outlet = "AP", published = "2024-01-02", text = "\"We counted every ballot twice before the results were announced,\" said Maria Ortega." }) + "\n"
            + JsonSerializer.Serialize(new { id = "x2", outlet = "AP", html = Html }) + "\n";
        var first = Run(jsonl, "ingest", "-", "--db", db.Db, "--format", "json");
        var second = Run(jsonl, "ingest", "-", "--db", db.Db, "--format", "json");
        Assert.Equal(0, first.Code);
        using var a = JsonDocument.Parse(first.Out);
        using var b = JsonDocument.Parse(second.Out);
        Assert.Equal(2, a.RootElement.GetProperty("stored").GetInt32());
        Assert.Equal(0, b.RootElement.GetProperty("stored").GetInt32());
        Assert.Equal(2, b.RootElement.GetProperty("already_known").GetInt32());
        Assert.Equal(2, db.Scalar("SELECT COUNT(*) FROM documents"));
    }

    [Fact]
    public void Analyze_HtmlFile_ReadsMainTextAndMetadata()
    {
        string file = Path.Combine(Path.GetTempPath(), "ascribe-" + Guid.NewGuid().ToString("N") + ".htm");
        File.WriteAllText(file, Html);
        try
        {
            var result = Run(string.Empty, "analyze", file, "--format", "json");
            Assert.Equal(0, result.Code);
            using var json = JsonDocument.Parse(result.Out);
            var meta = json.RootElement.GetProperty("meta");
            Assert.Equal("Harbour Times", meta.GetProperty("outlet").GetString());
            Assert.Equal("Ada Byron", meta.GetProperty("author").GetString());
            Assert.Contains(json.RootElement.GetProperty("attributions").EnumerateArray(), a => a.GetProperty("cue").GetProperty("text").GetString() == "said");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Ingest_UnreachableDatabase_FailsWithOneLine()
    {
        var result = Run(string.Empty, "search", "x", "--db", "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2");
        Assert.Equal(ExitCodes.Fatal, result.Code);
        Assert.StartsWith("ascribe: error: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Entities_MergeUnknownName_FailsWithOneLine()
    {
        using var db = TestDb.Create("sqlite");
        var result = Run(string.Empty, "entities", "merge", "Nobody Here", "Someone Else", "--db", db.Db);
        Assert.Equal(ExitCodes.Fatal, result.Code);
        Assert.Contains("no speaker matches 'Nobody Here'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void StoreBuilder_PostgresUrl_BecomesConnectionString()
    {
        string cs = StoreBuilder.ToConnectionString("postgres://ann:s%40cret@db.example:6543/news?search_path=war");
        Assert.Contains("Host=db.example", cs, StringComparison.Ordinal);
        Assert.Contains("Port=6543", cs, StringComparison.Ordinal);
        Assert.Contains("Database=news", cs, StringComparison.Ordinal);
        Assert.Contains("Username=ann", cs, StringComparison.Ordinal);
        Assert.Contains("Password=s@cret", cs, StringComparison.Ordinal);
        Assert.Contains("Search Path=war", cs, StringComparison.Ordinal);
        Assert.True(StoreBuilder.IsPostgres("postgresql://localhost/x"));
        Assert.False(StoreBuilder.IsPostgres("corpus/ascribe.db"));
    }

    [Fact]
    public void Speaker_AsTable_SaysWhenNoArticleHasADate()
    {
        using var db = TestDb.Create("sqlite");
        string dir = Path.Combine(Path.GetTempPath(), "ascribe-undated-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "port.txt"), "\"The corridor will stay open,\" said Olena Petrenko, the port director, on Sunday.\n");
            Assert.Equal(0, Run(string.Empty, "ingest", dir, "--db", db.Db, "--format", "json").Code);
            var (code, screen) = RunOnConsole("speaker", "Petrenko", "--db", db.Db);
            Assert.Equal(0, code);
            Assert.Contains("1 quote(s) in 1 article(s), no publication dates", screen, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int Code, string Out, string Error) Run(string stdin, params string[] args)
    {
        var (code, output, error, _) = RunAll(stdin, args);
        return (code, output, error);
    }

    /// <summary>Runs a command and returns what it drew on the console (tables, rules, charts).</summary>
    private static (int Code, string Screen) RunOnConsole(params string[] args)
    {
        var (code, _, _, screen) = RunAll(string.Empty, args);
        return (code, screen);
    }

    private static (int Code, string Out, string Error, string Screen) RunAll(string stdin, string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new TestConsole();
        console.Profile.Width = 200;
        var services = new CliServices(output, error, console, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin)));
        int code = CliApp.Run(args, services);
        return (code, output.ToString(), error.ToString(), console.Output);
    }
}
