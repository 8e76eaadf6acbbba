using Ascribe.Core.Documents;

namespace Ascribe.Core.Components.Audit;

internal sealed partial class AuditRun
{
    /// <summary>How many sentences back a contrast may reach for the report it answers.</summary>
    private const int ContrastWindow = 8;

    /// <summary>
    /// How many earlier attributions a report is compared with for opposite polarity. Far above any
    /// news article (PolNeAR's longest has under 100); it keeps a document with tens of thousands
    /// of attributions from taking quadratic time (issue 9).
    /// </summary>
    private const int ConflictLookback = 1000;

    private readonly List<ConflictingPair> _conflicts = new();

    /// <summary>
    /// conflicting-reports: two attributions from different speakers on the same topic, where the
    /// later one is introduced by a contrast ("however", "the signals are contradictory") and the
    /// earlier is the nearest report sharing a topic word within <see cref="ContrastWindow"/>
    /// sentences; or where the two share most topic words and exactly one is negated (or the later
    /// cue is a denial).
    /// </summary>
    private void FlagConflicts()
    {
        // A report needs someone behind it: a speaker, or at least a party it relies on.
        var ordered = _facts.Where(f => f.Root is not null && !f.Extent.IsEmpty).OrderBy(f => f.Extent.Start).ToList();
        for (int j = 0; j < ordered.Count; j++)
        {
            var later = ordered[j];
            HashSet<int>? paired = null;
            if (ContrastBefore(later) is { } marker)
            {
                for (int i = j - 1; i >= 0; i--)
                {
                    var earlier = ordered[i];
                    if (earlier.Sentence < later.Sentence - ContrastWindow)
                    {
                        break;
                    }

                    if (DifferentSources(earlier, later) && earlier.Topic.Overlaps(later.Topic))
                    {
                        AddConflict(earlier, later, $"introduced by \"{marker}\"");
                        (paired ??= new HashSet<int>()).Add(earlier.Index);
                        break;
                    }
                }
            }

            for (int i = Math.Max(0, j - ConflictLookback); i < j; i++)
            {
                var earlier = ordered[i];
                // The cheap tests first: most pairs are of the same polarity.
                bool opposite = earlier.Negated != later.Negated || later.Stance == "denial";
                if (!opposite || (paired is not null && paired.Contains(earlier.Index)) || !DifferentSources(earlier, later))
                {
                    continue;
                }

                // At least two shared topic words, and at least half of the smaller topic.
                int smaller = Math.Min(earlier.Topic.Count, later.Topic.Count);
                if (SharesAtLeast(earlier.Topic, later.Topic, Math.Max(2, (smaller + 1) / 2)))
                {
                    AddConflict(earlier, later, later.Stance == "denial" ? "a denial" : "opposite polarity");
                }
            }
        }
    }

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> share at least <paramref name="needed"/>
    /// words: walks the smaller set and stops as soon as the answer is known (long articles compare
    /// each report with up to <see cref="ConflictLookback"/> earlier ones).
    /// </summary>
    private static bool SharesAtLeast(HashSet<string> a, HashSet<string> b, int needed)
    {
        if (needed <= 0)
        {
            return true;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        int left = small.Count, shared = 0;
        if (left < needed)
        {
            return false;
        }

        foreach (var w in small)
        {
            left--;
            if (large.Contains(w) && ++shared >= needed)
            {
                return true;
            }

            if (shared + left < needed)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Different speakers (an unresolved one differs from any resolved one) and different origins.</summary>
    private static bool DifferentSources(AttributionFacts a, AttributionFacts b) =>
        (a.Speaker is null || b.Speaker is null || a.Speaker.Key != b.Speaker.Key) && a.Root!.Key != b.Root!.Key;

    private void AddConflict(AttributionFacts earlier, AttributionFacts later, string reason)
    {
        _conflicts.Add(new ConflictingPair(earlier.Index, later.Index, reason, NameOf(earlier), NameOf(later)));
        var a = later.Attribution;
        int start = Math.Min(later.Extent.Start, a.Source?.Start ?? int.MaxValue);
        start = Math.Min(start, a.Cue?.Start ?? int.MaxValue);
        int end = Math.Max(later.Extent.End, Math.Max(a.Source?.End ?? 0, a.Cue?.End ?? 0));
        AddFlag(FlagCodes.ConflictingReports, new TextSpan(start, end),
            $"{NameOf(later)} contradicts {NameOf(earlier)} (\"{Clip(earlier.Extent, 60)}\"), {reason}.");
    }

    /// <summary>A contrast word in the words of the attribution's sentence before its source, cue and content.</summary>
    private string? ContrastBefore(AttributionFacts f)
    {
        if (f.Sentence >= _doc.Sentences.Count)
        {
            return null;
        }

        var a = f.Attribution;
        int limit = Math.Min(f.Extent.Start, Math.Min(a.Source?.Start ?? int.MaxValue, a.Cue?.Start ?? int.MaxValue));
        var sent = _doc.Sentences[f.Sentence];
        var words = new List<string>();
        for (int t = sent.TokenStart; t < sent.TokenEnd && _doc[t].Start < limit; t++)
        {
            if (IsWord(t))
            {
                words.Add(Lower(t));
            }
        }

        for (int i = 0; i < words.Count; i++)
        {
            int n = _classes.Contrast.MatchAt(words, i);
            if (n > 0)
            {
                return string.Join(' ', words.Skip(i).Take(n));
            }
        }

        return null;
    }

    /// <summary>
    /// The lead claim: the first attribution in the first paragraph (the headline), else in the
    /// second. Its support is every attribution sharing enough topic words with it; independent
    /// support counts distinct origins (a speaker relaying someone counts as that someone).
    /// single-source-claim is flagged when one origin remains.
    /// </summary>
    private LeadClaim? FindLeadClaim()
    {
        AttributionFacts? lead = null;
        for (int p = 0; p < Math.Min(2, _doc.Paragraphs.Count) && lead is null; p++)
        {
            var para = _doc.Paragraphs[p];
            lead = _facts.Where(f => !f.Extent.IsEmpty && para.Overlaps(f.Extent)).OrderBy(f => f.Extent.Start).FirstOrDefault();
        }

        if (lead is null)
        {
            return null;
        }

        int needed = Math.Min(2, Math.Max(1, (lead.Topic.Count + 1) / 2));
        var support = _facts.Where(f => f == lead || SharesAtLeast(f.Topic, lead.Topic, needed)).ToList();
        var ids = new List<string>();
        var names = new List<string>();
        foreach (var f in support)
        {
            string key = f.Speaker?.Key ?? "#" + f.Index;
            if (!ids.Contains(key))
            {
                ids.Add(key);
                names.Add(f.Speaker?.Name ?? (f.Attribution.Source is { } s ? _doc.Slice(s) : "unnamed"));
            }
        }

        var roots = support.Select(f => f.Root).ToList();
        int independent = support.Select(f => f.Root?.Key ?? "#" + f.Index).Distinct(StringComparer.Ordinal).Count();
        bool interested = roots.All(r => r?.Interest is not null);
        var claim = new LeadClaim(lead.Index, lead.Extent, ids, names, independent, interested);
        if (independent == 1)
        {
            string who = lead.Root?.Name ?? names[0];
            AddFlag(FlagCodes.SingleSourceClaim, lead.Extent,
                $"The lead claim rests on a single source: {who}{(interested ? $", an interested party ({lead.Root!.Interest})" : string.Empty)}.");
        }

        return claim;
    }

    private DocumentAudit Summarize(LeadClaim? lead, int unattributedQuotes)
    {
        var audit = new DocumentAudit
        {
            Attributions = _facts.Count,
            UnresolvedAttributions = _facts.Count(f => f.Speaker is null),
            AnonymousAttributions = _facts.Count(f => f.Anonymous),
            RelayedAttributions = _facts.Count(f => f.Relayed),
            UnattributedQuotes = unattributedQuotes,
            Lead = lead,
        };
        var parties = new Dictionary<string, SourceParty>(StringComparer.Ordinal);
        var order = new List<string>();
        var spoke = new Dictionary<string, int>(StringComparer.Ordinal);
        var cited = new Dictionary<string, int>(StringComparer.Ordinal);
        var forms = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var f in _facts)
        {
            string type = TypeName(f.Speaker?.Type ?? SourceType.Unknown);
            audit.AttributionsByType[type] = audit.AttributionsByType.GetValueOrDefault(type) + 1;
            audit.AttributionSources.Add(f.Speaker?.Key);
            foreach (var party in f.Cited.Prepend(f.Speaker))
            {
                if (party is null)
                {
                    continue;
                }

                if (parties.TryAdd(party.Key, party))
                {
                    order.Add(party.Key);
                    forms[party.Key] = _entities.TryGetValue(party.Key, out var entity) ? new List<string>(entity.Aliases) : new List<string>();
                }

                var counts = party == f.Speaker ? spoke : cited;
                counts[party.Key] = counts.GetValueOrDefault(party.Key) + 1;
                if (party.Mention is { } mention && _doc.Slice(mention).Trim() is { Length: > 0 } form && !forms[party.Key].Contains(form))
                {
                    forms[party.Key].Add(form);
                }
            }

            if (f.Speaker is { Interest: not null } interested && !audit.InterestedParties.Contains(interested.Key))
            {
                audit.InterestedParties.Add(interested.Key);
            }
        }

        foreach (var key in order)
        {
            var p = parties[key];
            audit.Sources.Add(new AuditSource(key, p.Name, p.Type, p.Interest, spoke.GetValueOrDefault(key), cited.GetValueOrDefault(key), forms[key]));
        }

        audit.Speakers = parties.Count;
        audit.NamedSpeakers = parties.Values.Count(p => p.Type != SourceType.Anonymous && p.Name.Any(char.IsUpper));
        audit.IndependentSpeakers = _facts.Select(f => f.Root?.Key).Where(k => k is not null).Distinct(StringComparer.Ordinal).Count();
        foreach (var party in parties.Values)
        {
            string type = TypeName(party.Type);
            audit.SpeakersByType[type] = audit.SpeakersByType.GetValueOrDefault(type) + 1;
        }

        audit.Conflicts.AddRange(_conflicts);

        foreach (var flag in _flags)
        {
            audit.FlagCounts[flag.Code] = audit.FlagCounts.GetValueOrDefault(flag.Code) + 1;
        }

        return audit;
    }
}
