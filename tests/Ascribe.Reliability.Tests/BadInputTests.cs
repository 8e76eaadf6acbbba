using System.Text;
using System.Text.Json;

namespace Ascribe.Reliability.Tests;

/// <summary>
/// Issue 9: every bad input either yields a result or a one-line error naming the file, with a
/// non-zero exit code; never a stack trace, never a hang. Inputs are generated here, in a
/// temporary folder.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "putin-inner-circle.txt"));
    private readonly string _dir = Directory.CreateTempSubdirectory("ascribe-bad-").FullName;

    static BadInputTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private static List<JsonElement> Documents(string jsonl) =>
        jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    [Fact]
    public void FiftyMegabyteArticle_TextLayerGrowsLinearlyInTimeAndMemory()
    {
        // The text layer on 5 MB and on 50 MB of news text: ten times the input may cost at most
        // thirty times the CPU time and allocation (loose bounds; bench/ measures precisely).
        var big = new StringBuilder(50 * 1024 * 1024 + Sample.Length);
        while (big.Length < 50 * 1024 * 1024)
        {
            big.Append(Sample).Append("\n\n");
        }

        string fifty = big.ToString();
        string five = fifty[..(fifty.Length / 10)];
        var pipeline = Ascribe.Core.Pipeline.DefaultPipeline.TextLayer().Build();
        pipeline.Run("warm-up", Sample);
        var (smallTime, smallBytes, _) = Measure(pipeline, five);
        var (bigTime, bigBytes, doc) = Measure(pipeline, fifty);
        Assert.Null(DocumentInvariants.Check(doc));
        Assert.True(bigTime < TimeSpan.FromSeconds(1) || bigTime < smallTime * 30, $"50 MB took {bigTime}, 5 MB {smallTime}");
        Assert.True(bigBytes < smallBytes * 30, $"50 MB allocated {bigBytes:N0} bytes, 5 MB {smallBytes:N0}");
        Assert.True(bigBytes < 40L * fifty.Length, $"50 MB allocated {bigBytes:N0} bytes for {fifty.Length:N0} chars");

        static (TimeSpan Cpu, long Bytes, Ascribe.Core.Documents.Document Doc) Measure(Ascribe.Core.Pipeline.Pipeline pipeline, string text)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var doc = pipeline.Run("big", text);
            return (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetAllocatedBytesForCurrentThread() - before, doc);
        }
    }

    [Fact]
    public void LongArticle_FullPipelineGrowsLinearlyInTimeAndMemory()
    {
        // The whole default pipeline on a quarter megabyte and on a megabyte of news text (the mini
        // PolNeAR articles and the sample in turn, each followed by forty quoted spokesmen whose
        // names are never repeated, so people, attributions and quotes all keep growing): four
        // times the input may cost at most ten times the CPU time and allocation. A scan of every
        // earlier cluster, attribution, quote or mention per mention grows sixteenfold and fails
        // (loose bounds; bench/ measures precisely: Ascribe.Benchmarks --quick --stage scale).
        var texts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "polnear-mini", "text"), "*.txt")
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).Append(Sample).ToList();
        string[] syllables = { "kor", "val", "mir", "dan", "sel", "tur", "bar", "len" };
        string[] given = { "Anna", "Piotr", "Maria", "Jonas", "Elena", "Tomas" };
        var big = new StringBuilder(1024 * 1024 + Sample.Length);
        for (int i = 0; big.Length < 1024 * 1024; i++)
        {
            big.Append(texts[i % texts.Count]);
            for (int k = 0; k < 40; k++)
            {
                int n = i * 40 + k;
                string surname = string.Concat(Enumerable.Range(0, 5).Select(d => syllables[(n >> (3 * d)) & 7]));
                surname = char.ToUpperInvariant(surname[0]) + surname[1..];
                big.Append("\n\n").Append(given[n % given.Length]).Append(' ').Append(surname)
                    .Append(", a spokesman for the ministry, said the talks had stalled. \"We will not sign this,\" ")
                    .Append(surname).Append(" told reporters on Tuesday.");
            }

            big.Append("\n\n");
        }

        string one = big.ToString();
        string quarter = one[..one.LastIndexOf("\n\n", one.Length / 4, StringComparison.Ordinal)];
        var pipeline = Ascribe.Core.Pipeline.DefaultPipeline.Create();
        pipeline.Run("warm-up", Sample);
        var (smallTime, smallBytes) = Measure(pipeline, quarter);
        var (bigTime, bigBytes) = Measure(pipeline, one);
        Assert.True(bigTime < TimeSpan.FromSeconds(2) || bigTime < smallTime * 10, $"1 MB took {bigTime}, 0.25 MB {smallTime}");
        Assert.True(bigBytes < smallBytes * 10, $"1 MB allocated {bigBytes:N0} bytes, 0.25 MB {smallBytes:N0}");

        static (TimeSpan Cpu, long Bytes) Measure(Ascribe.Core.Pipeline.Pipeline pipeline, string text)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var doc = pipeline.Run("long", text);
            Assert.NotEmpty(doc.Attributions);
            return (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void LongArticle_GoesThroughTheWholeCommandLine()
    {
        // A megabyte (about 170,000 words, fifty times a long feature) through every stage.
        var text = new StringBuilder();
        while (text.Length < 1024 * 1024)
        {
            text.Append(Sample).Append("\n\n");
        }

        string path = Write("long.txt", text.ToString());
        string outDir = Path.Combine(_dir, "out");
        var result = CliProcess.Child(TimeSpan.FromMinutes(5), "analyze", path, "--format", "jsonl", "--out", outDir);
        Assert.Equal(0, result.ExitCode);
        CliProcess.AssertCleanDiagnostics(result.Error);
        var doc = Documents(File.ReadAllText(Path.Combine(outDir, "ascribe.jsonl"))).Single();
        Assert.Equal(text.Length, doc.GetProperty("length").GetInt32());
        Assert.True(doc.GetProperty("attributions").GetArrayLength() > 500);
    }

    [Fact]
    public void LongArticle_WholeCommandLineFitsInAHeapOfLinearSize()
    {
        // Four megabytes (about 700,000 words) through `analyze` with the managed heap capped at
        // 512 MiB: the models and about 100 MiB per MB of article at most. Holding the attribution
        // features of the whole article at once needed 640-768 MiB here and ran out of memory.
        var text = new StringBuilder();
        while (text.Length < 4 * 1024 * 1024)
        {
            text.Append(Sample).Append("\n\n");
        }

        string path = Write("four.txt", text.ToString());
        string outDir = Path.Combine(_dir, "out");
        var heap = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x20000000" };
        var result = CliProcess.Child(TimeSpan.FromMinutes(5), heap, "analyze", path, "--format", "jsonl", "--out", outDir);
        Assert.True(result.ExitCode == 0, result.Error);
        var doc = Documents(File.ReadAllText(Path.Combine(outDir, "ascribe.jsonl"))).Single();
        Assert.Equal(text.Length, doc.GetProperty("length").GetInt32());
        Assert.True(doc.GetProperty("attributions").GetArrayLength() > 10000);
    }

    [Fact]
    public void EmptyAndWhitespaceOnlyFiles_YieldEmptyDocuments()
    {
        string empty = Write("empty.txt", Array.Empty<byte>());
        string blank = Write("blank.txt", "  \n\t\r\n \u00A0\u2028 \n");
        var result = CliProcess.InProcess("analyze", empty, blank);
        Assert.Equal(0, result.ExitCode);
        CliProcess.AssertCleanDiagnostics(result.Error);
        var docs = Documents(result.Out);
        Assert.Equal(2, docs.Count);
        Assert.All(docs, d => Assert.Equal(0, d.GetProperty("tokens").GetInt32()));
    }

    [Fact]
    public void BinaryData_IsRefusedInOneLineNamingTheFile()
    {
        var random = new Random(9);
        var bytes = new byte[20_000];
        random.NextBytes(bytes);
        string path = Write("photo.txt", bytes);
        var result = CliProcess.InProcess("analyze", path);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"ascribe: error: {path}: binary data, not text\n", result.Error);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void BadFileAmongGoodOnes_FailsAloneWithExitCodeOne()
    {
        Write("folder/a.txt", "\"We will win,\" the mayor said.");
        Write("folder/b.txt", new byte[] { 0, 1, 2, 3, 0, 0, 7 });
        Write("folder/c.txt", "Nothing quoted here.");
        var result = CliProcess.InProcess("analyze", Path.Combine(_dir, "folder"));
        Assert.Equal(1, result.ExitCode);
        CliProcess.AssertCleanDiagnostics(result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("b.txt: binary data", result.Error, StringComparison.Ordinal);
        Assert.Equal(new[] { "a", "c" }, Documents(result.Out).Select(d => d.GetProperty("id").GetString()));
    }

    [Fact]
    public void InvalidUtf8_IsReadAsWindows1252WithAWarning()
    {
        // Windows-1252 curly quotes (0x93, 0x94) and é (0xE9) are invalid UTF-8.
        string path = Write("cp1252.txt", Encoding.GetEncoding(1252).GetBytes("The caf\u00E9 owner said \u201CWe are closing for good.\u201D"));
        var result = CliProcess.InProcess("analyze", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"ascribe: warning: {path}: not valid UTF-8; read as Windows-1252\n", result.Error);
        var doc = Documents(result.Out).Single();
        var quote = doc.GetProperty("quotes").EnumerateArray().Single();
        Assert.Equal("We are closing for good.", quote.GetProperty("content").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-8")]
    [InlineData("utf-32le")]
    public void ByteOrderMark_SelectsTheEncodingAndIsNotPartOfTheText(string name)
    {
        var encoding = name switch
        {
            "utf-16le" => (Encoding)new UnicodeEncoding(false, true),
            "utf-16be" => new UnicodeEncoding(true, true),
            "utf-32le" => new UTF32Encoding(false, true),
            _ => new UTF8Encoding(true),
        };
        string text = "She said, \u201CHello there.\u201D";
        string path = Write("bom-" + name + ".txt", CliProcess.Bytes(text, encoding, bom: true));
        var result = CliProcess.InProcess("analyze", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var doc = Documents(result.Out).Single();
        Assert.Equal(text.Length, doc.GetProperty("length").GetInt32());
        Assert.Equal("Hello there.", doc.GetProperty("quotes").EnumerateArray().Single().GetProperty("content").GetProperty("text").GetString());
    }

    [Fact]
    public void Utf16WithoutByteOrderMark_IsRefusedAsBinaryInOneLine()
    {
        string path = Write("utf16-nobom.txt", Encoding.Unicode.GetBytes("No byte-order mark here, said the file."));
        var result = CliProcess.InProcess("analyze", path);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"ascribe: error: {path}: binary data, not text\n", result.Error);
    }

    [Fact]
    public void MillionCharacterParagraph_IsAnalyzedAsOneParagraph()
    {
        var sb = new StringBuilder(1_000_100);
        while (sb.Length < 1_000_000)
        {
            sb.Append("The minister said \u201Cwe will act\u201D and left, according to aides. ");
        }

        string path = Write("paragraph.txt", sb.ToString());
        var result = CliProcess.InProcess("analyze", path);
        Assert.Equal(0, result.ExitCode);
        CliProcess.AssertCleanDiagnostics(result.Error);
        var doc = Documents(result.Out).Single();
        Assert.Equal(1, doc.GetProperty("paragraphs").GetInt32());
        Assert.True(doc.GetProperty("quotes").GetArrayLength() > 10_000);
    }

    [Theory]
    [InlineData("nested-curly", 5000)]
    [InlineData("straight-run", 20000)]
    [InlineData("single-run", 20000)]
    [InlineData("unbalanced-openers", 5000)]
    [InlineData("unbalanced-closers", 5000)]
    [InlineData("mixed-styles", 3000)]
    public void ThousandsOfNestedOrUnbalancedQuoteMarks_StillYieldADocument(string shape, int n)
    {
        string text = shape switch
        {
            "nested-curly" => new string('\u201C', n) + "deep" + new string('\u201D', n),
            "straight-run" => new string('"', n),
            "single-run" => string.Concat(Enumerable.Repeat("'a", n)),
            "unbalanced-openers" => string.Concat(Enumerable.Repeat("He said \"yes ", n)),
            "unbalanced-closers" => string.Concat(Enumerable.Repeat("no\u201D ", n)),
            _ => string.Concat(Enumerable.Repeat("\u00AB\u2039\u201E\u201A\u300C\u300E\u201C\u2018 x ", n)),
        };
        string path = Write(shape + ".txt", text);
        var result = CliProcess.InProcess("analyze", path);
        Assert.Equal(0, result.ExitCode);
        CliProcess.AssertCleanDiagnostics(result.Error);
        var doc = new Ascribe.Core.Documents.Document(shape, text);
        Ascribe.Core.Pipeline.DefaultPipeline.Create().Process(doc);
        Assert.Null(DocumentInvariants.Check(doc));
    }

    [Fact]
    public void BrokenJsonlLines_AreEachReportedWithTheirLineNumber()
    {
        string path = Write("feed.jsonl", string.Join('\n',
            "{\"id\":\"a\",\"text\":\"\\\"Yes,\\\" she said.\"}",
            "{\"id\":",
            "[1,2,3]",
            "{\"id\":\"b\"}",
            "",
            "not json at all",
            "{\"id\":\"c\",\"text\":\"Fine.\"}",
            "{\"id\":\"d\",\"text\":\"truncated"));
        var result = CliProcess.InProcess("analyze", path);
        Assert.Equal(1, result.ExitCode);
        CliProcess.AssertCleanDiagnostics(result.Error);
        var errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { 2, 3, 4, 6, 8 }, errors.Select(e => int.Parse(System.Text.RegularExpressions.Regex.Match(e, @"feed\.jsonl:(\d+): ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new[] { "a", "c" }, Documents(result.Out).Select(d => d.GetProperty("id").GetString()));
    }

    [Fact]
    public void HtmlWithScriptsAndIframes_KeepsOnlyTheArticleText()
    {
        string paragraphs = string.Concat(Enumerable.Repeat("<p>\u201CWe will rebuild the bridge,\u201D the mayor said on Tuesday, adding that work would start in spring.</p>\n", 6));
        string html = "<!doctype html><html><head><title>Bridge</title><script>var said = \"SCRIPTQUOTE\"; document.write('<p>INJECTED</p>');</script>"
            + "<style>p { color: red }</style></head><body><nav>Home | World</nav><iframe src=\"https://ads.example/frame\">IFRAMETEXT</iframe>"
            + "<article><h1>Bridge</h1>" + paragraphs + "<script>alert(\"SCRIPT2\")</script></article><footer>Copyright</footer></body></html>";
        string path = Write("page.html", html);
        var result = CliProcess.InProcess("analyze", path);
        Assert.Equal(0, result.ExitCode);
        CliProcess.AssertCleanDiagnostics(result.Error);
        var doc = Documents(result.Out).Single();
        Assert.DoesNotContain("SCRIPTQUOTE", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("INJECTED", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("IFRAMETEXT", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("SCRIPT2", result.Out, StringComparison.Ordinal);
        Assert.Equal(6, doc.GetProperty("quotes").GetArrayLength());
    }

    [Theory]
    [InlineData("only-script", "<html><body><script>while(true){}</script></body></html>")]
    [InlineData("deeply-nested", null)]
    [InlineData("unclosed", "<html><body><div><p>Text <b>bold <i>both <p>again <table><tr><td>cell")]
    [InlineData("not-html", "\u0000\u0001 <<<>>> </p></p></div>")]
    public void BrokenHtml_YieldsADocumentOrAOneLineError(string name, string? html)
    {
        html ??= "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 20_000)) + "<p>\u201CDeep,\u201D he said.</p>" + string.Concat(Enumerable.Repeat("</div>", 20_000)) + "</body></html>";
        string path = Write(name + ".html", html);
        // A child process: a stack overflow in the HTML parser would kill the test host.
        var result = CliProcess.Child(TimeSpan.FromSeconds(120), "analyze", path);
        CliProcess.AssertCleanDiagnostics(result.Error);
        if (result.ExitCode != 0)
        {
            Assert.Equal(3, result.ExitCode);
            Assert.StartsWith($"ascribe: error: {path}: ", result.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Single(Documents(result.Out));
        }
    }

    [Fact]
    public void UnreadablePaths_AreReportedInOneLineEach()
    {
        string missing = Path.Combine(_dir, "missing.txt");
        string dangling = Path.Combine(_dir, "dangling.txt");
        File.CreateSymbolicLink(dangling, Path.Combine(_dir, "nowhere.txt"));
        string good = Write("good.txt", "Fine.");
        var result = CliProcess.InProcess("analyze", missing, dangling, good);
        Assert.Equal(1, result.ExitCode);
        CliProcess.AssertCleanDiagnostics(result.Error);
        Assert.Equal(
            new[] { $"ascribe: error: {missing}: no such file or folder", $"ascribe: error: {dangling}: no such file or folder" },
            result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Single(Documents(result.Out));
    }

    [Fact]
    public void PermissionDenied_IsReportedInOneLine()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string path = Write("secret.txt", "Hidden.");
        File.SetUnixFileMode(path, UnixFileMode.None);
        var result = CliProcess.InProcess("analyze", path);
        // Root reads any file; everyone else must get the one-line error.
        if (Environment.UserName == "root")
        {
            Assert.Equal(0, result.ExitCode);
        }
        else
        {
            Assert.Equal(3, result.ExitCode);
            Assert.Equal($"ascribe: error: {path}: permission denied\n", result.Error);
        }
    }

    [Fact]
    public void NamedPipeAndEndlessDevice_AreRefusedWithoutHanging()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string folder = Path.Combine(_dir, "with-pipe");
        Directory.CreateDirectory(folder);
        string fifo = Path.Combine(folder, "pipe.txt");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        Write("with-pipe/real.txt", "\"Real,\" she said.");
        var result = CliProcess.Child(TimeSpan.FromSeconds(60), "analyze", folder, "/dev/zero");
        Assert.Equal(1, result.ExitCode);
        CliProcess.AssertCleanDiagnostics(result.Error);
        var errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"ascribe: error: {fifo}: not a regular file (a pipe, socket or device)", errors[0]);
        Assert.StartsWith("ascribe: error: /dev/zero: larger than 256 MiB", errors[1], StringComparison.Ordinal);
        Assert.Single(Documents(result.Out));
    }
}
