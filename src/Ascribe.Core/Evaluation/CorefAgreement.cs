using System.Globalization;
using System.Text;
using Ascribe.Core.Components.Resolution;
using Ascribe.Core.Documents;

namespace Ascribe.Core.Evaluation;

/// <summary>
/// Compares speaker resolution with CoreNLP's silver coreference on gold attributions whose
/// source is a pronoun. The resolver runs on the gold attributions (so extraction errors do not
/// count); for each pronoun source the CoreNLP chain holding it gives a representative mention.
/// The two agree when the resolved entity has a mention overlapping the representative, or its
/// name, an alias or a description matches the representative's text.
/// </summary>
public sealed class CorefAgreement
{
    private static readonly HashSet<string> PronounSources = new(StringComparer.OrdinalIgnoreCase)
    {
        "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "who",
    };

    private readonly List<Row> _rows = new();

    /// <summary>One CoreNLP mention: character span, chain id, whether it represents its chain, and its text.</summary>
    public readonly record struct SilverMention(int Chain, TextSpan Span, bool Representative, string Text);

    private sealed record Row(string Article, string Pronoun, string Context, string Ours, string Silver, bool? Agrees, bool ChainAgrees);

    /// <summary>Pronoun sources that fell in a CoreNLP chain.</summary>
    public int Compared => _rows.Count(r => r.Agrees is not null);

    public int Agreed => _rows.Count(r => r.Agrees == true);

    /// <summary>Pronoun sources CoreNLP put in no chain (not compared).</summary>
    public int Unchained => _rows.Count(r => r.Agrees is null);

    public double Rate => Compared == 0 ? 0 : 100.0 * Agreed / Compared;

    /// <summary>Agreement with any named or described mention of the chain, not only its representative.</summary>
    public int ChainAgreed => _rows.Count(r => r.Agrees is not null && r.ChainAgrees);

    /// <summary>
    /// Adds one article. <paramref name="prepare"/> builds the text layer (and taggers);
    /// <paramref name="silver"/> are the CoreNLP coreference mentions mapped to character spans.
    /// </summary>
    public void Add(string article, string text, BratAnnotation gold, IReadOnlyList<SilverMention> silver, Pipeline.Pipeline prepare, SpeakerResolver resolver)
    {
        var doc = new Document(article, text);
        prepare.Process(doc);
        doc.Attributions.Clear();
        foreach (var rel in gold.Relations)
        {
            var a = new Attribution { Kind = AttributionKind.Indirect, Origin = "gold" };
            if (First(gold, rel["Source"]) is { } s)
            {
                a.Source = s;
            }

            if (First(gold, rel["Cue"]) is { } c)
            {
                a.Cue = c;
            }

            foreach (var id in rel["Content"])
            {
                if (gold.ById.TryGetValue(id, out var content))
                {
                    foreach (var (fs, fe) in content.Fragments)
                    {
                        a.Content.Add(new TextSpan(fs, fe));
                    }
                }
            }

            a.Content.Sort((x, y) => x.Start.CompareTo(y.Start));
            doc.Attributions.Add(a);
        }

        doc.Attributions.Sort((x, y) => (x.Source?.Start ?? x.Cue?.Start ?? 0).CompareTo(y.Source?.Start ?? y.Cue?.Start ?? 0));
        resolver.Process(doc);

        var seen = new HashSet<TextSpan>();
        foreach (var a in doc.Attributions)
        {
            if (a.Source is not { } src || !seen.Add(src))
            {
                continue;
            }

            string word = doc.Slice(src).Trim();
            if (!PronounSources.Contains(word))
            {
                continue;
            }

            var entity = a.Speaker is null ? null : doc.Entities.Find(e => e.Id == a.Speaker);
            string ours = entity is null ? "(unresolved)" : entity.Name + " [" + Serialization.DocumentJson.TypeName(entity.Type) + "]";
            string context = Context(text, src);
            var mention = silver.Where(m => m.Span.Overlaps(src)).OrderBy(m => m.Span.Length).FirstOrDefault();
            if (mention == default)
            {
                _rows.Add(new Row(article, word, context, ours, "(no chain)", null, false));
                continue;
            }

            var chain = silver.Where(m => m.Chain == mention.Chain).ToList();
            var rep = chain.FirstOrDefault(m => m.Representative);
            if (rep == default)
            {
                rep = chain[0];
            }

            bool firstPerson = word.ToLowerInvariant() is "i" or "we";
            bool agrees = entity is not null && (Matches(entity, rep)
                || (firstPerson && IsFirstPerson(rep.Text) && entity.Description.Contains("author of the article")));
            bool chainAgrees = agrees || (entity is not null && chain.Any(m => m.Span != mention.Span && !IsPronoun(m.Text) && Matches(entity, m)));
            _rows.Add(new Row(article, word, context, ours, rep.Text, agrees, chainAgrees));
        }
    }

    private static bool IsFirstPerson(string text) => text.ToLowerInvariant() is "i" or "me" or "my" or "we" or "us" or "our" or "mine" or "ours";

    private static bool IsPronoun(string text) => IsFirstPerson(text) || PronounSources.Contains(text) || text.ToLowerInvariant() is "his" or "its" or "their" or "hers" or "your";

    private static bool Matches(Entity entity, SilverMention rep)
    {
        if (entity.Mentions.Any(m => m.Overlaps(rep.Span)))
        {
            return true;
        }

        string repText = rep.Text.EndsWith(" 's", StringComparison.Ordinal) ? rep.Text[..^3] : rep.Text;
        string folded = Strip(NameMatcher.Fold(repText));
        if (folded.Length == 0)
        {
            return false;
        }

        foreach (var name in entity.Aliases.Append(entity.Name))
        {
            if (Strip(NameMatcher.Fold(name)) == folded || NameMatcher.NamesMatch(repText, name))
            {
                return true;
            }
        }

        return entity.Description.Any(d => Strip(NameMatcher.Fold(d)) == folded);
    }

    private static string Strip(string folded) => folded.StartsWith("the ", StringComparison.Ordinal) ? folded[4..] : folded;

    private static TextSpan? First(BratAnnotation gold, List<string> ids)
    {
        foreach (var id in ids)
        {
            if (gold.ById.TryGetValue(id, out var span) && span.Fragments.Count > 0)
            {
                return new TextSpan(span.Fragments[0].Start, span.Fragments[^1].End);
            }
        }

        return null;
    }

    private static string Context(string text, TextSpan span)
    {
        int s = Math.Max(0, span.Start - 60);
        int e = Math.Min(text.Length, span.End + 30);
        string left = text[s..span.Start];
        string right = text[span.End..e];
        return string.Join(' ', (left + "[" + text[span.Start..span.End] + "]" + right).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The report: agreement overall and per pronoun, then up to <paramref name="maxListed"/> disagreements.</summary>
    public string Format(int maxListed)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("pronoun sources: resolved entity vs CoreNLP coreference representative\n");
        sb.Append(inv, $"  pronoun sources       {_rows.Count}\n");
        sb.Append(inv, $"  in no CoreNLP chain   {Unchained} (not compared)\n");
        sb.Append(inv, $"  compared              {Compared}\n");
        sb.Append(inv, $"  agree (representative) {Agreed}  ({Rate:F1} %)\n");
        sb.Append(inv, $"  agree (any named mention of the chain) {ChainAgreed}  ({(Compared == 0 ? 0 : 100.0 * ChainAgreed / Compared):F1} %)\n");
        sb.Append(inv, $"  unresolved by us      {_rows.Count(r => r.Agrees == false && r.Ours == "(unresolved)")}\n");
        sb.Append("by pronoun:\n");
        foreach (var g in _rows.Where(r => r.Agrees is not null).GroupBy(r => r.Pronoun.ToLowerInvariant()).OrderByDescending(g => g.Count()))
        {
            int agree = g.Count(r => r.Agrees == true);
            sb.Append(inv, $"  {g.Key,-6} {agree,4} / {g.Count(),4}  {100.0 * agree / g.Count(),5:F1} %\n");
        }

        var disagreements = _rows.Where(r => r.Agrees == false).OrderBy(r => r.ChainAgrees).ToList();
        sb.Append(inv, $"disagreements ({disagreements.Count}, first {Math.Min(maxListed, disagreements.Count)}):\n");
        foreach (var r in disagreements.Take(maxListed))
        {
            sb.Append(inv, $"  {r.Article}: {r.Context}\n      ours: {r.Ours} | CoreNLP representative: {r.Silver}{(r.ChainAgrees ? " (another mention of the chain matches ours)" : string.Empty)}\n");
        }

        return sb.ToString();
    }
}
