using Ascribe.Core.Documents;
using Ascribe.Core.Lexicons;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Components.Audit;

/// <summary>
/// The sourcing audit: reads the attributions (and the speakers, cites and types when a speaker
/// component has run), writes <see cref="Document.Flags"/> and <see cref="Document.Audit"/>.
/// Every flag is defined in docs/flags.md. Without entities the audit falls back to the source
/// text as the speaker key and to word lists for source types; it never resolves speakers itself.
/// </summary>
public sealed class AuditComponent : IPipelineComponent
{
    private readonly AuditLexicon _words;
    private readonly CueLexicon _cues;

    public AuditComponent(AuditLexicon? words = null, CueLexicon? cues = null)
    {
        _words = words ?? AuditLexicon.Default;
        _cues = cues ?? CueLexicon.Default;
    }

    public string Name => "audit";

    public IReadOnlyList<string> Requires { get; } = new[] { Attr.Tokens, Attr.Sentences, Attr.Quotes, Attr.Attributions };

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Audit };

    public void Process(Document doc)
    {
        // Predict everything first, then write flags and the summary in one place.
        var run = new AuditRun(doc, _words, _cues);
        var (flags, audit) = run.Run();
        doc.Flags.RemoveAll(f => FlagCodes.All.Contains(f.Code));
        doc.Flags.AddRange(flags);
        doc.Flags.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Code, b.Code));
        doc.Audit = audit;
    }
}
