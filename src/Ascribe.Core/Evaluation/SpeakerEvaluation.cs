using System.Globalization;
using System.Text;
using Ascribe.Core.Components.Resolution;
using Ascribe.Core.Documents;

namespace Ascribe.Core.Evaluation;

/// <summary>
/// Scores speaker resolution on <see cref="SpeakerFixture"/>s. The resolver gets one attribution
/// per marked source (extraction is not measured here). An attribution is correct when its entity
/// carries the expected speaker (as name, alias or unnamed phrase; for "A + B" as group members)
/// and the article's attributions of one expected speaker share one entity that no other expected
/// speaker got.
/// </summary>
public sealed class SpeakerEvaluation
{
    private readonly List<(string Article, string Source, string Expected, string Got, bool Correct)> _rows = new();
    private readonly StringBuilder _entities = new();

    public int Total => _rows.Count;

    public int Correct => _rows.Count(r => r.Correct);

    public double Accuracy => Total == 0 ? 0 : 100.0 * Correct / Total;

    /// <summary>Resolves the fixture's sources with <paramref name="prepare"/> (text layer, taggers) and the resolver, and scores them.</summary>
    public void Add(SpeakerFixture fixture, Pipeline.Pipeline prepare, SpeakerResolver resolver)
    {
        var doc = new Document(fixture.Id, fixture.Text);
        prepare.Process(doc);
        doc.Attributions.Clear();
        foreach (var (source, _) in fixture.Sources)
        {
            doc.Attributions.Add(new Attribution { Kind = AttributionKind.Indirect, Source = source, Origin = "fixture" });
        }

        resolver.Process(doc);
        _entities.Append(fixture.Id).Append('\n');
        foreach (var e in doc.Entities)
        {
            _entities.Append(CultureInfo.InvariantCulture, $"  {e.Id} {Serialization.DocumentJson.TypeName(e.Type)} \"{e.Name}\" aliases=[{string.Join(" | ", e.Aliases)}] description=[{string.Join(" | ", e.Description)}]\n");
        }

        // The entity each expected speaker got most often.
        var majority = fixture.Sources
            .Select((s, i) => (s.Speaker, Id: doc.Attributions[i].Speaker))
            .Where(x => x.Id is not null)
            .GroupBy(x => x.Speaker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(x => x.Id!).OrderByDescending(x => x.Count()).First().Key, StringComparer.Ordinal);
        for (int i = 0; i < fixture.Sources.Count; i++)
        {
            var (span, expected) = fixture.Sources[i];
            string? id = doc.Attributions[i].Speaker;
            var entity = id is null ? null : doc.Entities.Find(e => e.Id == id);
            bool named = entity is not null && Carries(doc, entity, expected);
            bool consistent = id is not null && majority.TryGetValue(expected, out var own) && own == id
                && !majority.Any(m => m.Key != expected && m.Value == id);
            string got = entity is null ? "(none)" : entity.Name + " [" + entity.Id + ", " + Serialization.DocumentJson.TypeName(entity.Type) + "]";
            _rows.Add((fixture.Id, Clean(doc.Slice(span)), expected, got, named && consistent));
        }
    }

    private static bool Carries(Document doc, Entity entity, string expected)
    {
        if (expected.Contains(" + ", StringComparison.Ordinal))
        {
            var parts = expected.Split(" + ", StringSplitOptions.TrimEntries);
            var members = entity.Members.Select(m => doc.Entities.Find(e => e.Id == m)).Where(e => e is not null).ToList();
            return members.Count == parts.Length && parts.All(p => members.Any(m => Carries(doc, m!, p)));
        }

        string folded = Key(expected);
        return Key(entity.Name) == folded
            || entity.Aliases.Any(a => Key(a) == folded)
            || entity.Description.Any(d => Key(d) == folded)
            || (entity.Type is not SourceType.Anonymous && NameMatcher.Parse(expected).Given.Count > 0 && NameMatcher.NamesMatch(expected, entity.Name));
    }

    /// <summary>Folded text without a leading article: "The Department of Health" = "Department of Health".</summary>
    private static string Key(string text)
    {
        string f = NameMatcher.Fold(text);
        return f.StartsWith("the ", StringComparison.Ordinal) ? f[4..] : f;
    }

    private static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A plain-text report: accuracy per article and overall, then every error (and with <paramref name="entities"/> every entity found).</summary>
    public string Format(bool entities = false)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append("speaker resolution on hand-marked sources\n");
        foreach (var g in _rows.GroupBy(r => r.Article))
        {
            int c = g.Count(r => r.Correct);
            sb.Append(inv, $"  {g.Key,-32} {c,3} / {g.Count(),3}  {100.0 * c / g.Count(),5:F1} %\n");
        }

        sb.Append(inv, $"  {"all",-32} {Correct,3} / {Total,3}  {Accuracy,5:F1} %\n");
        var errors = _rows.Where(r => !r.Correct).ToList();
        if (errors.Count > 0)
        {
            sb.Append("errors:\n");
            foreach (var r in errors)
            {
                sb.Append(inv, $"  {r.Article}: \"{r.Source}\" expected {r.Expected}, got {r.Got}\n");
            }
        }

        if (entities)
        {
            sb.Append("entities:\n").Append(_entities);
        }

        return sb.ToString();
    }
}
