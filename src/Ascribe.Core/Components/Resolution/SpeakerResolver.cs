using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Components.Resolution;

/// <summary>
/// Resolves every attribution's source to an entity (one per real-world speaker in the document),
/// types the entities (person, organization, government, media, anonymous, document, country,
/// event), collects their aliases and descriptions, and records whom a speaker cites and where it
/// was said. Runs after attribution extraction; uses part-of-speech and entity tags when present
/// but does not need them.
/// </summary>
public sealed class SpeakerResolver : IPipelineComponent
{
    private readonly SourceLexicon _lexicon;

    public SpeakerResolver(SourceLexicon? lexicon = null)
    {
        _lexicon = lexicon ?? SourceLexicon.Default;
    }

    public string Name => "speakers";

    public IReadOnlyList<string> Requires { get; } = new[] { Attr.Tokens, Attr.Sentences, Attr.Quotes, Attr.Attributions };

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Speakers };

    public void Process(Document doc)
    {
        var result = new ResolutionRun(doc, _lexicon).Run();

        // Entities are numbered in order of first mention.
        var ordered = result.Clusters
            .OrderBy(c => c.Mentions.Count > 0 ? c.Mentions.Min(m => m.Start) : int.MaxValue)
            .ThenBy(c => c.Order)
            .ToList();
        var ids = new Dictionary<Cluster, string>();
        for (int i = 0; i < ordered.Count; i++)
        {
            ids[ordered[i]] = "e" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        doc.Entities.Clear();
        foreach (var c in ordered)
        {
            var e = new Entity(ids[c], c.Name) { Type = c.Type };
            e.Aliases.AddRange(c.Aliases.Where(a => a != c.Name));
            e.Description.AddRange(c.Descriptions);
            e.Mentions.AddRange(c.Mentions.OrderBy(m => m.Start));
            e.Members.AddRange(c.Members.Where(ids.ContainsKey).Select(m => ids[m]));
            doc.Entities.Add(e);
        }

        foreach (var a in doc.Attributions)
        {
            a.Cites.Clear();
            if (!result.Links.TryGetValue(a, out var link))
            {
                a.Speaker = null;
                a.Venue = null;
                continue;
            }

            a.Speaker = link.Speaker is { } s && ids.TryGetValue(s, out var sid) ? sid : null;
            a.Cites.AddRange(link.Cites.Where(ids.ContainsKey).Select(c => ids[c]));
            a.Venue = link.Venue is { } v && ids.TryGetValue(v, out var vid) ? vid : null;
        }
    }
}
