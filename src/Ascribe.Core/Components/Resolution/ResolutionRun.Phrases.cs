using System.Runtime.InteropServices;
using Ascribe.Core.Documents;
using Ascribe.Core.Internal;

namespace Ascribe.Core.Components.Resolution;

internal sealed partial class ResolutionRun
{
    private static readonly string[] Pronouns =
    {
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them", "their", "themselves",
        "it", "its", "itself", "i", "me", "my", "we", "us", "our", "you", "who", "which", "whom",
    };

    /// <summary>Analyses tokens <c>[start, end)</c> as a noun phrase (see <see cref="PhraseKind"/>).</summary>
    private Phrase Analyze(int start, int end)
    {
        while (start < end && !IsWord(start))
        {
            start++;
        }

        while (end > start && !IsWord(end - 1))
        {
            end--;
        }

        if (start >= end)
        {
            return new Phrase { Kind = PhraseKind.Empty, Start = start, End = end };
        }

        if (end - start == 1 && Array.IndexOf(Pronouns, F(start)) >= 0)
        {
            return new Phrase { Kind = PhraseKind.Pronoun, Start = start, End = end, Head = start };
        }

        string first = F(start);
        if ((first is "former" or "latter" && end - start == 1) || (first == "the" && end - start == 2 && F(start + 1) is "former" or "latter"))
        {
            return new Phrase { Kind = PhraseKind.FormerLatter, Start = start, End = end, Head = end - 1 };
        }

        var runs = NameRunsWithin(start, end);

        // "one of them", "some of us": the pronoun's referent.
        if (end - start == 3 && Array.IndexOf(Indefinites, first) >= 0 && F(start + 1) == "of" && F(start + 2) is "them" or "us")
        {
            return new Phrase { Kind = PhraseKind.Pronoun, Start = start + 2, End = end, Head = start + 2 };
        }

        // "Ukraine's chief negotiator, Rustem Umerov": a role phrase, a comma, then the name that heads it all.
        foreach (var run in runs)
        {
            if (run.Start > start + 1 && W(run.Start - 1) == "," && !runs.Any(r => r.Start == start && r.End == run.Start - 1))
            {
                var lead = Nominal(start, run.Start - 1, possessive: false);
                if (lead.Head >= 0 && HeadOfToken(lead.Head, out _) is HeadClass.Person || _lex.Titles.ContainsKey(F(lead.Head)))
                {
                    return new Phrase { Kind = PhraseKind.Name, Start = start, End = end, NameRun = run, Lead = (start, run.Start - 1) };
                }
            }
        }

        // Coordination of names or pronouns: "Tschernak and Schulmann", "he and Volkov".
        for (int k = start + 1; k < end - 1; k++)
        {
            if (F(k) is "and" or "&" && !runs.Any(r => r.Start < k && k < r.End))
            {
                var left = Analyze(start, k);
                var right = Analyze(k + 1, end);
                if (IsSimple(left) && IsSimple(right))
                {
                    var group = new Phrase { Kind = PhraseKind.Group, Start = start, End = end, Plural = true };
                    AddParts(group, left);
                    AddParts(group, right);
                    return group;
                }
            }
        }

        // A name heads the phrase unless a preposition or possessive comes before it ("a spokesman for the Ministry").
        foreach (var run in runs)
        {
            bool blocked = false;
            for (int k = start; k < run.Start; k++)
            {
                string w = F(k);
                if (Array.IndexOf(PhraseBoundaries, w) >= 0 || w == "'s" || W(k) == ",")
                {
                    blocked = true;
                }
            }

            if (blocked)
            {
                break;
            }

            // "Clinton's spokesman": the name is a possessor, the phrase is about someone else; in
            // "NBC's Dante Chinni" the possessor only places the person named after it.
            if (run.End + 1 < end && F(run.End) == "'s")
            {
                foreach (var owned in runs)
                {
                    if (owned.Start == run.End + 1 && owned.End == end
                        && (_lex.IsFirstName(W(owned.Start)) || (owned.End - owned.Start == 2 && NamedType(owned) == Documents.SourceType.Unknown)))
                    {
                        return new Phrase { Kind = PhraseKind.Name, Start = start, End = end, NameRun = owned };
                    }
                }

                // "China's foreign ministry spokeswoman Mao Ning": a name after the role noun the
                // possessor places is the person, and the role describes that person.
                foreach (var owned in runs)
                {
                    if (owned.Start > run.End + 1 && owned.End == end && RoleNounsBefore(run.End + 1, owned.Start))
                    {
                        return new Phrase { Kind = PhraseKind.Name, Start = start, End = end, NameRun = owned, Lead = (start, owned.Start) };
                    }
                }

                return Nominal(start, end, possessive: true);
            }

            // "the Reuters agency" keeps the name; "Putin supporters" and "the Whitfield campaign" are
            // other sources described by a name.
            if (run.End < end && IsWord(run.End) && !IsCap(run.End))
            {
                var next = HeadOfToken(run.End, out bool pl);
                // A name with a type of its own keeps the phrase when the noun only classifies it ("the Reuters agency").
                var own = NamedType(run);
                bool sameKind = next is HeadClass.Media or HeadClass.Government or HeadClass.Organization
                    && own is Documents.SourceType.Media or Documents.SourceType.Government or Documents.SourceType.Organization;
                // "a Kremlin insider", "an Obama aide": one person the name only places, unless a later
                // name is that person ("Kremlin spokesman Dmitry Peskov").
                bool namedLater = runs.Any(r => r.Start > run.End);
                if (next != HeadClass.None && next != HeadClass.Event && !sameKind && !(next == HeadClass.Person && !pl && namedLater))
                {
                    return Nominal(start, end, possessive: false);
                }
            }

            // "Opposition politician Przemysław Czarnek": a later name after a role noun is the head.
            var head = run;
            foreach (var next in runs.Where(r => r.Start > run.End))
            {
                if (!RoleNounsBefore(head.End, next.Start))
                {
                    break;
                }

                head = next;
            }

            return new Phrase { Kind = PhraseKind.Name, Start = start, End = end, NameRun = head };
        }

        return Nominal(start, end, possessive: false);
    }

    /// <summary>True when the tokens <c>[from, to)</c> are lower-case words that end in a person noun or a title ("foreign ministry spokeswoman").</summary>
    private bool RoleNounsBefore(int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            if (!IsWord(k) || IsCap(k) || Array.IndexOf(PhraseBoundaries, F(k)) >= 0 || F(k) == "and")
            {
                return false;
            }
        }

        return to > from && (HeadOfToken(to - 1, out _) == HeadClass.Person || _lex.Titles.ContainsKey(F(to - 1)));
    }

    private static bool IsSimple(Phrase p) => p.Kind is PhraseKind.Name or PhraseKind.Pronoun or PhraseKind.Group
        && (p.Kind != PhraseKind.Name || (p.NameRun.Start == p.Start && p.NameRun.End == p.End));

    private static void AddParts(Phrase group, Phrase part)
    {
        if (part.Kind == PhraseKind.Group)
        {
            group.Parts.AddRange(part.Parts);
        }
        else
        {
            group.Parts.Add(part);
        }
    }

    private Phrase Nominal(int start, int end, bool possessive)
    {
        int s = start;

        // "one of the officials", "some of the experts": the head is in the of-phrase.
        if (s + 2 < end && Array.IndexOf(Indefinites, F(s)) >= 0 && F(s + 1) == "of")
        {
            s += 2;
        }

        // The head is the last word before a preposition, comma or participle ("a poll released Thursday");
        // a participle right after the determiner is an adjective ("the armed forces", "a retired general").
        int h = s;
        while (h + 1 < end && Array.IndexOf(PhraseBoundaries, F(h + 1)) < 0 && W(h + 1) != "," && W(h + 1) != "("
            && !(h + 1 > s && F(h) is not ("a" or "an") && Array.IndexOf(Determiners, F(h)) < 0 && F(h + 1).EndsWith("ed", StringComparison.Ordinal) && !IsCap(h + 1) && HeadOfToken(h + 1, out _) == HeadClass.None))
        {
            h++;
        }

        while (h > s && !IsWord(h))
        {
            h--;
        }

        string f0 = F(start);
        bool definite = Array.IndexOf(Determiners, f0) >= 0;
        possessive |= Array.IndexOf(PossessivePronouns, f0) >= 0;
        for (int k = start; k < h; k++)
        {
            possessive |= F(k) == "'s";
        }

        HeadOfToken(h, out bool plural);
        return new Phrase { Kind = PhraseKind.Nominal, Start = start, End = end, Head = h, Definite = definite && !possessive, Possessive = possessive, Plural = plural };
    }

    /// <summary>Resolves an analysed phrase to a cluster (creating one where needed), or null.</summary>
    private Cluster? ResolvePhrase(Phrase p, bool isSource)
    {
        switch (p.Kind)
        {
            case PhraseKind.Name:
                var named = ResolveNameMention(p.NameRun, isSource, p);
                if (p.Lead.End > p.Lead.Start)
                {
                    named.AddDescription(TextOf(p.Lead.Start, p.Lead.End));
                    if (named.Type is Documents.SourceType.Unknown or Documents.SourceType.Anonymous)
                    {
                        named.Type = Documents.SourceType.Person;
                    }
                }

                if (p.End > p.NameRun.End || p.Start < p.NameRun.Start)
                {
                    named.AddMention(MentionSpan(p.Start, p.End));
                }

                // A name nothing types that speaks ("Melanie said") is most likely a person: "she" may refer to it.
                if (isSource && named.Type == Documents.SourceType.Unknown && !named.Plural)
                {
                    named.Animate = true;
                }

                return named;
            case PhraseKind.Pronoun:
                return ResolvePronoun(p.Start, isSource);
            case PhraseKind.FormerLatter:
                return ResolveFormerLatter(p, isSource);
            case PhraseKind.Group:
                return ResolveGroup(p, isSource);
            case PhraseKind.Nominal:
                return ResolveNominal(p, isSource);
            default:
                return null;
        }
    }

    private Cluster ResolveGroup(Phrase p, bool isSource)
    {
        var members = new List<Cluster>();
        foreach (var part in p.Parts)
        {
            if (ResolvePhrase(part, isSource: false) is { } c && !members.Contains(c))
            {
                members.Add(c);
            }
        }

        string name = string.Join(" and ", members.Select(m => m.Name));
        var existing = _clusters.FirstOrDefault(c => c.Members.Count == members.Count && c.Members.All(members.Contains));
        var group = existing ?? NewCluster(name, members.Select(m => m.Type).Distinct().Count() == 1 ? members[0].Type : SourceType.Unknown);
        if (existing is null)
        {
            group.Members.AddRange(members);
            group.Plural = true;
            group.Animate = members.All(m => m.IsPersonLike);
        }

        group.AddAlias(TextOf(p.Start, p.End));
        group.AddMention(MentionSpan(p.Start, p.End));
        Remember(p.Start, p.End, isSource, group);
        return group;
    }

    private Cluster? ResolveFormerLatter(Phrase p, bool isSource)
    {
        // The two most recent distinct clusters before the phrase: former = older, latter = newer.
        // People when two were named, else anything named.
        int sent = SentenceOf(p.Start);
        var distinct = new List<Cluster>();
        foreach (bool people in new[] { true, false })
        {
            distinct.Clear();
            for (int i = _history.Count - 1; i >= 0 && distinct.Count < 2; i--)
            {
                var h = _history[i];
                if (h.Sentence < sent && sent - h.Sentence <= 3 && !distinct.Contains(h.Cluster) && h.Cluster.Members.Count == 0 && (!people || h.Cluster.IsPersonLike))
                {
                    distinct.Add(h.Cluster);
                }
            }

            if (distinct.Count == 2)
            {
                break;
            }
        }

        if (distinct.Count == 0)
        {
            return null;
        }

        var target = F(p.Head) == "latter" || distinct.Count == 1 ? distinct[0] : distinct[1];
        target.AddMention(MentionSpan(p.Start, p.End));
        Remember(p.Start, p.End, isSource, target);
        return target;
    }

    /// <summary>The name runs inside <c>[start, end)</c>, in order; runs are found left to right, so a binary search finds the first.</summary>
    private List<(int Start, int End)> NameRunsWithin(int start, int end)
    {
        int lo = SortedSearch.PartitionPoint<(int Start, int End), int>(CollectionsMarshal.AsSpan(_nameRuns), start, static (r, s) => r.Start < s);
        var runs = new List<(int Start, int End)>();
        for (int k = lo; k < _nameRuns.Count && _nameRuns[k].Start <= end; k++)
        {
            if (_nameRuns[k].End <= end)
            {
                runs.Add(_nameRuns[k]);
            }
        }

        return runs;
    }

    private Cluster NewCluster(string name, SourceType type)
    {
        var c = new Cluster(_clusters.Count, name, type);
        _clusters.Add(c);
        IndexName(c, name);
        c.Named = IndexName;
        return c;
    }

    private void Remember(int start, int end, bool isSource, Cluster c)
    {
        int offset = _doc.TokenData[start].Start;
        _history.Add(new HistoryItem(offset, _doc.TokenData[end - 1].End, SentenceOf(start), ParagraphOf(start), InQuote(offset), isSource, IsSubjectPosition(start) || BeforeFiniteVerb(end), c));
    }
}
