using System.Text;
using Ascribe.Cli.Commands;
using Ascribe.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ascribe.Cli;

/// <summary>Entry point of the <c>ascribe</c> command line.</summary>
public static class CliApp
{
    public static int Run(string[] args)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
        try
        {
            var services = new CliServices(stdout, Console.Error, AnsiConsole.Console, Console.OpenStandardInput);
            return Run(args, services);
        }
        finally
        {
            stdout.Flush();
        }
    }

    /// <summary>Runs the command line against the given services (tests pass their own writers).</summary>
    public static int Run(string[] args, CliServices services)
    {
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(CliServices), services);
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("ascribe");
            config.Settings.Console = services.Console;
            config.Settings.ExceptionHandler = (ex, _) =>
            {
                services.Fail(ex.Message);
                return ex is CommandParseException or CommandRuntimeException ? ExitCodes.Usage : ExitCodes.Fatal;
            };
            config.AddCommand<AnalyzeCommand>("analyze")
                .WithDescription("Find who said what in articles (.txt, .html, .jsonl, folders, or - for standard input).")
                .WithExample("analyze", "samples/putin-inner-circle.txt", "--format", "table");
            config.AddCommand<EvalCommand>("eval")
                .WithDescription("Score attributions against a PolNeAR-style gold folder, as tools/score_attributions.py does.")
                .WithExample("eval", "--gold", "../shared/data/polnear/dev");
            config.AddCommand<EvalSpeakersCommand>("eval-speakers")
                .WithDescription("Speaker-resolution accuracy on hand-marked fixture articles.")
                .WithExample("eval-speakers", "--fixtures", "tests/data/speakers");
            config.AddCommand<EvalCorefCommand>("eval-coref")
                .WithDescription("Agreement of pronoun-source resolution with CoreNLP coreference on a PolNeAR-style folder.")
                .WithExample("eval-coref", "--gold", "../shared/data/polnear/dev");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Corpus charts and CSV over analyzed JSONL: top speakers, source types per outlet, anonymous share by month.")
                .WithExample("report", "out/ascribe.jsonl", "--out", "report");
            config.AddCommand<AnnotateCommand>("annotate")
                .WithDescription("Print tokens with lemma, part of speech, entity and dependency columns (CoNLL-like).")
                .WithExample("annotate", "samples/putin-inner-circle.txt", "--format", "conll");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train a part-of-speech, entity or parser model from CoreNLP-annotated articles.")
                .WithExample("train", "pos", "--data", "../shared/data/polnear/train", "--dev", "../shared/data/polnear/dev", "--out", "models/pos.bin")
                .WithExample("train", "accurate", "--data", "../shared/data/polnear/train", "--dev", "../shared/data/polnear/dev", "--out", "models/accurate-head.bin");
            config.AddCommand<ModelsCommand>("models")
                .WithDescription("Show the trained models in use: files, sizes, what they hold and the attribution training record.")
                .WithExample("models", "--format", "json");
            config.AddCommand<PruneCommand>("prune")
                .WithDescription("Drop small weights from a trained model (smaller file, faster tagging).")
                .WithExample("prune", "parser", "parser-full.bin", "--threshold", "1.0", "--out", "models/parser.bin");
            config.AddCommand<EvalAnnotateCommand>("eval-annotate")
                .WithDescription("Score tags, lemmas, entities and dependencies against CoreNLP annotation, aligned by offsets.")
                .WithExample("eval-annotate", "--gold", "../shared/data/polnear/dev");
            config.AddCommand<ServeCommand>("serve")
                .WithDescription("Serve the web app and JSON API (loopback only unless --allow-remote; read-only unless --api-token).")
                .WithExample("serve", "--urls", "http://127.0.0.1:5080");
            config.AddCommand<IngestCommand>("ingest")
                .WithDescription("Analyze articles and store them in a corpus database (SQLite file or PostgreSQL).")
                .WithExample("ingest", "articles/", "--db", "ascribe.db");
            config.AddCommand<SearchCommand>("search")
                .WithDescription("Full-text search over stored quotes, with speaker, outlet, date and type filters.")
                .WithExample("search", "ceasefire", "--speaker", "Zelensky", "--since", "2024-01-01");
            config.AddCommand<SpeakerCommand>("speaker")
                .WithDescription("A speaker's aliases, quotes over time, outlets and stance mix.")
                .WithExample("speaker", "Putin");
            config.AddCommand<TrackedCommand>("tracked")
                .WithDescription("Quotes relayed by several articles and outlets, with their first appearance.");
            config.AddBranch<StoreSettings>("entities", entities =>
            {
                entities.SetDescription("Inspect and correct how names are merged into speakers across articles.");
                entities.AddCommand<EntitiesListCommand>("list").WithDescription("List speakers with their aliases.");
                entities.AddCommand<EntitiesMergeCommand>("merge").WithDescription("Merge speaker FROM into speaker INTO.");
                entities.AddCommand<EntitiesSplitCommand>("split").WithDescription("Detach a name from its speaker into a new speaker.");
            });
        });
        // The command-line parser reads a lone "-" as an unnamed option; pass it through as a path.
        var rewritten = args.Select(a => a == "-" ? Input.InputReader.StdinPath : a).ToArray();
        return app.Run(rewritten);
    }
}
