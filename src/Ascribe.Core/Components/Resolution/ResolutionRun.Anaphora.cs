using Ascribe.Core.Documents;
using Ascribe.Core.Internal;

namespace Ascribe.Core.Components.Resolution;

internal sealed partial class ResolutionRun
{
    /// <summary>How far back pronouns and role nouns look, in sentences.</summary>
    private const int PronounWindow = 8;
    private const int NominalWindow = 60;

    /// <summary>Weight of how often an entity was named so far: the article's protagonist is the default referent.</summary>
    private const double TopicWeight = 0.3;

    /// <summary>Bonus for an earlier mention that was itself a source, and for one in subject position (weights checked on PolNeAR dev; results/coref-dev.txt).</summary>
    private const double SourceWeight = 1.5;

    private const double SubjectWeight = 0.75;

    /// <summary>Extra weight of the subject of the pronoun's own sentence ("Matt Lauer faced criticism after he asked").</summary>
    private const double SameSentenceSubjectWeight = 1.0;

    /// <summary>
    /// Resolves a pronoun to the most salient compatible earlier mention: agreement in gender and
    /// number is required; among the compatible, recency (in sentences) is traded against being
    /// a speaker or sentence subject, and mentions inside quotations are avoided.
    /// </summary>
    private Cluster? ResolvePronoun(int t, bool isSource)
    {
        string w = F(t);
        int offset = _doc.TokenData[t].Start;
        int sent = SentenceOf(t);
        bool quoted = InQuote(offset);
        Cluster? chosen = null;

        if (w is "i" or "me" or "my" or "we" or "us" or "our")
        {
            if (quoted)
            {
                return null; // the quote's speaker; settled once all sources are resolved
            }

            chosen = Author();
        }
        else if (w is "who" or "which" or "whom")
        {
            // The relative pronoun's antecedent is the phrase right before it (", who"), skipping a
            // body named in an apposition ("McConnell, now the Senate majority leader, who"): "who"
            // is said of people, "which" of things. Failing that, the nearest phrase.
            Cluster? nearest = null;
            for (int i = _history.Count - 1; i >= 0; i--)
            {
                var h = _history[i];
                if (h.End > offset)
                {
                    continue;
                }

                if (h.Sentence != sent)
                {
                    break;
                }

                nearest ??= h.Cluster;
                bool person = h.Cluster.IsPersonLike || (h.Cluster.Type == SourceType.Unknown && h.Cluster.HasName);
                if (person == (w != "which"))
                {
                    chosen = h.Cluster;
                    break;
                }
            }

            chosen ??= nearest;

            // "The mayor, who said …": an unnamed phrase right before the comma that no earlier
            // mention stands for is the antecedent itself.
            if (chosen is null && isSource)
            {
                chosen = PhraseBeforeComma(t);
            }
        }
        else
        {
            var quoteSpeakers = quoted ? SpeakersQuoting(offset) : null;
            double best = double.NegativeInfinity;
            for (int i = _history.Count - 1; i >= 0; i--)
            {
                var h = _history[i];
                if (h.Start >= offset || quoteSpeakers?.Contains(h.Cluster) == true)
                {
                    continue;
                }

                int distance = sent - h.Sentence;
                if (distance > PronounWindow)
                {
                    break;
                }

                if (!Agrees(w, h.Cluster))
                {
                    continue;
                }

                // "Robin Lee, her deputy": a pronoun in a name's apposition is someone else.
                if (h.Sentence == sent && h.End <= offset && _doc.Text.AsSpan(h.End, offset - h.End).Trim().SequenceEqual(","))
                {
                    continue;
                }

                double score = -distance;
                score += h.IsSource ? SourceWeight : 0;
                score += h.IsSubject ? SubjectWeight : 0;
                score += h.IsSubject && h.Sentence == sent && !h.InQuote && !quoted ? SameSentenceSubjectWeight : 0;
                score -= h.InQuote && !quoted ? 3 : 0;
                score -= h.Cluster.Gender == Gender.Unknown && w is "he" or "him" or "his" or "she" or "her" or "hers" ? 1.0 : 0;
                score -= (_history.Count - i) * 0.01;
                score += TopicWeight * Math.Log(1 + h.Cluster.NameMentions);

                // News English calls a single body "it" more often than "they": a group of people named nearby wins.
                score -= w is "they" or "them" or "their" && !h.Cluster.Plural ? 1.0 : 0;
                if (score > best)
                {
                    best = score;
                    chosen = h.Cluster;
                }
            }
        }

        if (chosen is null)
        {
            return null;
        }

        // Typed first, so that the same pronoun also teaches the gender.
        if (chosen.Type == SourceType.Unknown && w is "he" or "him" or "his" or "she" or "her" or "hers")
        {
            chosen.Type = chosen.HasName ? SourceType.Person : SourceType.Anonymous;
            chosen.Animate = true;
        }

        if (chosen.Gender == Gender.Unknown && chosen.IsPersonLike && !chosen.Plural)
        {
            chosen.Gender = w is "he" or "him" or "his" or "himself" ? Gender.Male : w is "she" or "her" or "hers" or "herself" ? Gender.Female : Gender.Unknown;
        }

        chosen.AddMention(new TextSpan(_doc.TokenData[t].Start, _doc.TokenData[t].End));
        Remember(t, t + 1, isSource, chosen);
        return chosen;
    }

    /// <summary>
    /// Speakers (resolved so far) of the attributions whose content holds <paramref name="offset"/>:
    /// a third-person pronoun inside a speaker's own quotation ("McCrummen reports: \"The first time
    /// she had seen him ...\"") is someone the speaker talks about, never the speaker.
    /// </summary>
    private HashSet<Cluster>? SpeakersQuoting(int offset)
    {
        var attributions = _doc.Attributions;
        _contentIndex ??= new SpanIndex(attributions.SelectMany((a, i) => a.Content.Select(span => (span, i))));
        var holding = new List<int>();
        _contentIndex.CollectContaining(offset, holding);
        HashSet<Cluster>? speakers = null;
        foreach (int i in holding)
        {
            if (attributions[i].Source is { } s && !s.Contains(offset) && _resolvedSpans.TryGetValue(s, out var c) && c is not null)
            {
                (speakers ??= new HashSet<Cluster>()).Add(c);
            }
        }

        return speakers;
    }

    private static bool Agrees(string pronoun, Cluster c)
    {
        switch (pronoun)
        {
            case "he" or "him" or "his" or "himself":
                return !c.Plural && !c.IsAuthor && c.Gender != Gender.Female && c.IsPersonLike;
            case "she" or "her" or "hers" or "herself":
                return !c.Plural && !c.IsAuthor && c.Gender != Gender.Male && c.IsPersonLike;
            case "they" or "them" or "their" or "themselves":
                return c.Plural || c.Type is SourceType.Organization or SourceType.Government or SourceType.Media;
            case "it" or "its" or "itself":
                return !c.Plural && !c.IsPersonLike && c.Type is not SourceType.Event;
            default:
                return false;
        }
    }

    /// <summary>The names in the first "By …" byline ("By Jane Doe and John Roe, Reuters": "Jane Doe and John Roe"), or null.</summary>
    private string? BylineNames()
    {
        foreach (var p in _bylines)
        {
            if (!_doc.Slice(p).TrimStart().StartsWith("by ", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var names = _nameRuns.Where(r => p.Start <= _doc.TokenData[r.Start].Start && _doc.TokenData[r.End - 1].End <= p.End)
                .Select(r => TextOf(r.Start, r.End))
                .Where(n => n.Contains(' ', StringComparison.Ordinal))
                .ToList();
            return names.Count > 0 ? string.Join(" and ", names) : null;
        }

        return null;
    }

    /// <summary>The entity of the noun phrase that ends at the comma right before token <paramref name="t"/> and opens its sentence or clause, or null.</summary>
    private Cluster? PhraseBeforeComma(int t)
    {
        int end = t - 1;
        if (end < 1 || W(end) != ",")
        {
            return null;
        }

        int sentStart = _doc.Sentences[SentenceOf(t)].TokenStart;
        int start = end;
        while (start > sentStart && end - start < 8 && IsWord(start - 1) && !BreaksNounPhrase(start - 1))
        {
            start--;
        }

        if (start == end || (start > sentStart && W(start - 1) != ","))
        {
            return null;
        }

        var phrase = Analyze(start, end);
        return phrase.Kind is PhraseKind.Nominal or PhraseKind.Name ? ResolvePhrase(phrase, isSource: false) : null;
    }

    /// <summary>A verb, preposition other than "of" or conjunction, which no noun phrase runs across (needs part-of-speech tags).</summary>
    private bool BreaksNounPhrase(int k) =>
        _doc.TokenData[k].Tag is { } tag && (tag.StartsWith("VB", StringComparison.Ordinal) || tag is "MD" or "TO" or "CC" || (tag == "IN" && F(k) != "of"));

    private Cluster Author()
    {
        if (_author is null)
        {
            string name = _doc.Meta.TryGetValue("author", out var a) && a.Length > 0 ? a : BylineNames() ?? "the author";
            _author = NewCluster(name, SourceType.Person);
            _author.HasName = name != "the author";
            _author.IsAuthor = true;
            _author.AddDescription("author of the article");
        }

        return _author;
    }

    /// <summary>
    /// Unnamed sources: a definite role noun ("the ministry official", "the newspaper") refers back
    /// to the most recent entity of its kind whose name, title or description shares a word with
    /// it; anything else (indefinite, plural, possessed, or with no antecedent) is a new entity,
    /// anonymous when it is a person or group of people, and keeps the phrase as its description.
    /// </summary>
    private Cluster ResolveNominal(Phrase p, bool isSource)
    {
        string text = TextOf(p.Start, p.End);
        var head = p.Head >= 0 ? HeadOfToken(p.Head, out _) : HeadClass.None;
        if (p.Head > p.Start && _lex.Heads.TryGetValue(F(p.Head - 1) + " " + F(p.Head), out var two))
        {
            head = two;
        }

        bool ageNoun = p.Head >= 0 && F(p.Head).EndsWith("year-old", StringComparison.Ordinal);
        if (ageNoun)
        {
            head = HeadClass.Person;
        }

        var span = MentionSpan(p.Start, p.End);
        var gender = p.Head >= 0 && !p.Plural ? _lex.GenderOfNoun(F(p.Head)) : Gender.Unknown;
        if (p.Definite && !p.Plural && head != HeadClass.None)
        {
            // "the woman", "the man" say nothing of a role: they refer back only to a phrase that shares a word.
            bool generic = p.Head >= 0 && F(p.Head) is "man" or "woman" or "person" or "girl" or "boy" or "lady" or "gentleman";
            var antecedent = ageNoun ? SalientOfKind(p, HeadClass.Person, gender)
                : FindRoleAntecedent(p, head, gender) ?? (HasCapitalizedModifier(p) || generic ? null : SalientOfKind(p, head, gender));
            if (antecedent is not null)
            {
                antecedent.AddDescription(Bare(p));
                antecedent.AddMention(span);
                Remember(p.Start, p.End, isSource, antecedent);
                return antecedent;
            }
        }

        var type = head switch
        {
            HeadClass.Person or HeadClass.People => SourceType.Anonymous,
            HeadClass.Media => SourceType.Media,
            HeadClass.Government => SourceType.Government,
            HeadClass.Organization => SourceType.Organization,
            HeadClass.Document => SourceType.Document,
            HeadClass.Event => SourceType.Event,
            _ => p.Plural ? SourceType.Anonymous : SourceType.Unknown,
        };

        // The same unnamed phrase twice ("officials said ... officials said") is one source.
        var same = _clusters.FirstOrDefault(c => !c.HasName && c.Members.Count == 0 && string.Equals(c.Name, text, StringComparison.OrdinalIgnoreCase));
        var cluster = same ?? NewCluster(text, type);
        if (same is null)
        {
            cluster.Plural = p.Plural || head == HeadClass.People;
            cluster.Animate = head is HeadClass.Person or HeadClass.People;
            cluster.Gender = gender;
            cluster.AddDescription(text);
        }

        cluster.AddMention(span);
        Remember(p.Start, p.End, isSource, cluster);
        return cluster;
    }

    private string Bare(Phrase p)
    {
        int s = p.Start;
        if (Array.IndexOf(Determiners, F(s)) >= 0 && s + 1 < p.End)
        {
            s++;
        }

        return TextOf(s, RoleEnd(p));
    }

    /// <summary>Where the role of a phrase ends: before a relative clause set off by a comma ("The governor, who took office last year").</summary>
    private int RoleEnd(Phrase p)
    {
        for (int k = Math.Max(p.Start, p.Head) + 1; k < p.End - 1; k++)
        {
            if (W(k) == "," && F(k + 1) is "who" or "which" or "whose")
            {
                return k;
            }
        }

        return p.End;
    }

    private Cluster? FindRoleAntecedent(Phrase p, HeadClass head, Gender gender)
    {
        // Content words of the phrase other than the determiner.
        var words = new List<string>();
        for (int k = p.Start; k < p.End; k++)
        {
            string w = F(k);
            if (IsWord(k) && Array.IndexOf(Determiners, w) < 0 && !_lex.NonNames.Contains(w) && Array.IndexOf(PhraseBoundaries, w) < 0)
            {
                words.Add(Stem(w));
            }
        }

        int offset = _doc.TokenData[p.Start].Start;
        int sent = SentenceOf(p.Start);
        Cluster? best = null;
        double bestScore = 0;
        var seen = new HashSet<Cluster>();
        for (int i = _history.Count - 1; i >= 0; i--)
        {
            var h = _history[i];
            if (h.Start >= offset || seen.Contains(h.Cluster))
            {
                continue;
            }

            if (sent - h.Sentence > NominalWindow)
            {
                break;
            }

            seen.Add(h.Cluster);
            var c = h.Cluster;
            if (c.Members.Count > 0 || !KindFits(head, c) || !GenderFits(gender, c))
            {
                continue;
            }

            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach (var d in c.Descriptions.Append(c.Name).Concat(c.Aliases))
            {
                foreach (var w in OwnWords(NameMatcher.Fold(d).Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                {
                    known.Add(Stem(w));
                }
            }

            int overlap = words.Count(known.Contains);
            double score = overlap - (sent - h.Sentence) * 0.02 + (h.IsSource ? 0.1 : 0) - (h.InQuote ? 0.5 : 0);
            if (overlap == 0)
            {
                continue;
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = c;
            }
        }

        return best;
    }

    /// <summary>
    /// A definite role noun that shares no word with any earlier description ("the judge" after
    /// "Justice Esther Wanjiru", "the company" after "Baraka Minerals") refers to the most salient
    /// earlier named source of its kind, scored as for pronouns; an organization noun only to an
    /// organization this way, never to a government or an outlet.
    /// </summary>
    private Cluster? SalientOfKind(Phrase p, HeadClass head, Gender gender)
    {
        int offset = _doc.TokenData[p.Start].Start;
        int sent = SentenceOf(p.Start);
        bool quoted = InQuote(offset);
        Cluster? chosen = null;
        double best = double.NegativeInfinity;
        for (int i = _history.Count - 1; i >= 0; i--)
        {
            var h = _history[i];
            if (h.Start >= offset)
            {
                continue;
            }

            int distance = sent - h.Sentence;
            if (distance > PronounWindow)
            {
                break;
            }

            // Without a shared word, "the company" or "the party" stands for neither a government ("the
            // Kremlin") nor an outlet ("told Reuters").
            // A body ("the air force", "the ministry") refers back by salience only to a body that spoke:
            // a place named in passing or in a dateline ("KYIV, Ukraine (AP) —") is not one.
            if (!h.Cluster.HasName || h.Cluster.Members.Count > 0 || !KindFits(head, h.Cluster) || !GenderFits(gender, h.Cluster)
                || (head == HeadClass.Organization && h.Cluster.Type != SourceType.Organization)
                || (head is HeadClass.Government or HeadClass.Organization or HeadClass.Media && !h.IsSource))
            {
                continue;
            }

            double score = -distance + (h.IsSource ? 1.5 : 0) + (h.IsSubject ? 0.75 : 0) - (h.InQuote && !quoted ? 3 : 0) - (_history.Count - i) * 0.01;
            if (score > best)
            {
                best = score;
                chosen = h.Cluster;
            }
        }

        return chosen;
    }

    /// <summary>
    /// The words of a description that describe its own bearer: up to a preposition whose phrase
    /// names another person ("spokesperson for the UN secretary-general" is not "the UN chief";
    /// "representative of the … Ministry of Defense" keeps its ministry).
    /// </summary>
    private IEnumerable<string> OwnWords(string[] words)
    {
        for (int i = 1; i < words.Length; i++)
        {
            if (words[i] is "for" or "of" or "to" or "with" or "at" or "in")
            {
                for (int k = i + 1; k < words.Length; k++)
                {
                    if (words[k].Split('-').Any(part => _lex.HeadOf(part, out _, guess: false) == HeadClass.Person || _lex.Titles.ContainsKey(part)))
                    {
                        return words.Take(i);
                    }
                }
            }
        }

        return words;
    }

    /// <summary>"the Whitfield campaign" names its own referent; only "the campaign" may fall back to salience.</summary>
    private bool HasCapitalizedModifier(Phrase p)
    {
        for (int k = p.Start + 1; k < p.End; k++)
        {
            if (IsCap(k) && !_lex.Demonyms.Contains(F(k)) && !_lex.Countries.Contains(F(k)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool GenderFits(Gender gender, Cluster c) => gender == Gender.Unknown || c.Gender == Gender.Unknown || c.Gender == gender;

    private static bool KindFits(HeadClass head, Cluster c) => head switch
    {
        HeadClass.Person => c.IsPersonLike && !c.Plural,
        HeadClass.Media => c.Type == SourceType.Media,
        HeadClass.Government => c.Type == SourceType.Government,
        HeadClass.Organization => c.Type is SourceType.Organization or SourceType.Government or SourceType.Media,
        HeadClass.Document => c.Type == SourceType.Document,
        HeadClass.Event => c.Type == SourceType.Event,
        _ => false,
    };

    private static string Stem(string w)
    {
        if (w.EndsWith("'s", StringComparison.Ordinal))
        {
            w = w[..^2];
        }

        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
        {
            return w[..^3] + "y";
        }

        if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal))
        {
            return w[..^1];
        }

        return w;
    }
}
