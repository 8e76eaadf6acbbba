using Ascribe.Core.Documents;

namespace Ascribe.Core.Components.Resolution;

internal sealed partial class ResolutionRun
{
    private static readonly string[] NameParticles = { "von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn", "dos", "del", "ten", "ter" };

    /// <summary>
    /// Capitalized word sequences that can be names ("Andriy Tschernak", "Ministry of Defense",
    /// "The Washington Post" without "The"). Named-entity tags, where a tagger ran, add spans
    /// the capitalization rule misses and veto sequences it tags O throughout.
    /// </summary>
    private void FindNameRuns()
    {
        bool tagged = false;
        for (int t = 0; t < _doc.TokenCount && !tagged; t++)
        {
            tagged = _doc.TokenData[t].Ner is not null;
        }

        foreach (var sent in _doc.Sentences)
        {
            int t = sent.TokenStart;
            while (t < sent.TokenEnd)
            {
                if (!IsCap(t))
                {
                    t++;
                    continue;
                }

                int e = t + 1;
                while (e < sent.TokenEnd)
                {
                    if (IsCap(e) && _doc.TokenData[e - 1].End <= _doc.TokenData[e].Start && !HasLineBreakBetween(e - 1, e))
                    {
                        e++;
                    }
                    else if (e + 1 < sent.TokenEnd && IsCap(e + 1) && Array.IndexOf(NameParticles, F(e)) >= 0)
                    {
                        e += 2;
                    }
                    else if (e + 1 < sent.TokenEnd && F(e) is "of" or "for" && (_lex.NameWords.ContainsKey(F(e - 1)) || _lex.Titles.ContainsKey(F(e - 1))))
                    {
                        int k = e + 1;
                        if (k < sent.TokenEnd && F(k) == "the")
                        {
                            k++;
                        }

                        if (k < sent.TokenEnd && IsCap(k))
                        {
                            e = k + 1;
                        }
                        else
                        {
                            break;
                        }
                    }
                    else
                    {
                        break;
                    }
                }

                // Function words split a run ("Trump As The New Romney").
                int from = t;
                for (int k = t + 1; k < e - 1; k++)
                {
                    string f = F(k);
                    if (Array.IndexOf(NameParticles, f) < 0 && f is not ("of" or "for" or "the")
                        && _lex.NonNames.Contains(f))
                    {
                        AddRun(from, k, tagged);
                        from = k + 1;
                    }
                }

                AddRun(from, e, tagged);
                t = e;
            }
        }

        TrimHeadlineRuns();
    }

    /// <summary>
    /// In a headline every word is capitalized, so a run there may carry ordinary words before the
    /// name ("Gold Star Mom Corners Obama", "Trump As The New Mitt Romney"). Such a run keeps its
    /// longest final part that the article's body also writes as a name ("Obama", "Mitt Romney");
    /// a run the body never writes stays as it is. Runs only shrink from the left, so they stay sorted.
    /// </summary>
    private void TrimHeadlineRuns()
    {
        var headline = new bool[_doc.Sentences.Count];
        bool any = false;
        for (int i = 0; i < headline.Length; i++)
        {
            headline[i] = IsHeadline(_doc.Sentences[i]);
            any |= headline[i];
        }

        if (!any)
        {
            return;
        }

        // Candidate final parts of headline runs, keyed by their folded words; only body runs ending
        // in the same word as one of them are looked at.
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var lastWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (s, e) in _nameRuns)
        {
            if (headline[SentenceOf(s)] && e - s >= 2)
            {
                lastWords.Add(F(e - 1));
                for (int k = s; k < e; k++)
                {
                    wanted.Add(Key(k, e));
                }
            }
        }

        // The body's names and their final parts ("President Barack Obama", "Barack Obama", "Obama").
        var body = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (s, e) in _nameRuns)
        {
            if (!headline[SentenceOf(s)] && lastWords.Contains(F(e - 1)))
            {
                for (int k = s; k < e; k++)
                {
                    string key = Key(k, e);
                    if (wanted.Contains(key))
                    {
                        body.Add(key);
                    }
                }
            }
        }

        for (int r = 0; r < _nameRuns.Count; r++)
        {
            var (s, e) = _nameRuns[r];
            if (!headline[SentenceOf(s)] || e - s < 2 || body.Contains(Key(s, e)))
            {
                continue;
            }

            for (int k = s + 1; k < e; k++)
            {
                if (body.Contains(Key(k, e)))
                {
                    _nameRuns[r] = (k, e);
                    break;
                }
            }
        }
    }

    /// <summary>The folded words of tokens <c>[start, end)</c>, one space apart.</summary>
    private string Key(int start, int end)
    {
        var sb = new System.Text.StringBuilder();
        for (int k = start; k < end; k++)
        {
            sb.Append(k > start ? " " : string.Empty).Append(F(k));
        }

        return sb.ToString();
    }

    /// <summary>
    /// A title-case sentence that also capitalizes at least two words the text writes in lower case
    /// elsewhere ("On", "His", "Refusal"): a headline, not a sentence full of names.
    /// </summary>
    private bool IsHeadline(Sentence sent)
    {
        if (!IsTitleCase(sent))
        {
            return false;
        }

        int common = 0;
        for (int k = sent.TokenStart + 1; k < sent.TokenEnd && common < 2; k++)
        {
            common += IsCap(k) && LowerWords.Contains(W(k).ToLowerInvariant()) ? 1 : 0;
        }

        return common >= 2;
    }

    /// <summary>A sentence of five or more words nearly all capitalized: a headline or a heading.</summary>
    private bool IsTitleCase(Sentence sent)
    {
        int words = 0, caps = 0;
        for (int k = sent.TokenStart; k < sent.TokenEnd; k++)
        {
            if (_doc.TokenData[k].Kind == TokenKind.Word)
            {
                words++;
                caps += IsCap(k) ? 1 : 0;
            }
        }

        return words >= 5 && caps >= words * 0.7;
    }

    private bool HasLineBreakBetween(int a, int b)
    {
        for (int i = _doc.TokenData[a].End; i < _doc.TokenData[b].Start; i++)
        {
            if (_doc.Text[i] == '\n')
            {
                return true;
            }
        }

        return false;
    }

    private void AddRun(int s, int e, bool tagged)
    {
        // Leading non-names ("The", "According", "In") and lone demonyms are not part of a name.
        // A demonym stays when it starts an organization's name ("European Central Bank").
        while (s < e && (_lex.NonNames.Contains(F(s)) || (_lex.Demonyms.Contains(F(s)) && (s + 1 >= e || _lex.IsFirstName(W(s + 1)) || _lex.Titles.ContainsKey(F(s + 1))))))
        {
            s++;
        }

        while (e > s && (_lex.NonNames.Contains(F(e - 1)) && e - s > 1 && F(e - 1) is not ("may")))
        {
            e--;
        }

        // A sentence-initial word the text also writes in lower case is no part of a name ("Say Mexico").
        if (s >= e)
        {
            return;
        }

        // A title inside a run starts a person's name: in "Ohio Democratic Party Chairman David Pepper" and
        // "New Jersey Gov. Chris Christie" the words before the title only place the person (and are
        // no mention of their own: left as a name, "New Jersey" would pass for a person).
        for (int k = e - 2; k > s; k--)
        {
            if (_lex.Titles.TryGetValue(F(k), out var title) && title.IsTitle && IsCap(k) && IsCap(k + 1) && !_lex.Titles.ContainsKey(F(k - 1))
                && !_lex.Titles.ContainsKey(F(k - 1) + " " + F(k)) && F(k - 1) is not ("of" or "for" or "the") && _lex.IsFirstName(W(k + 1)))
            {
                AddRun(k, e, tagged);
                return;
            }
        }

        bool atStart = s == _doc.Sentences[SentenceOf(s)].TokenStart || (s > 0 && _doc.TokenData[s - 1].Kind == TokenKind.Quote);
        if (atStart && e - s > 1 && LowerWords.Contains(W(s).ToLowerInvariant()) && !_lex.IsFirstName(W(s)) && !_lex.Titles.ContainsKey(F(s)) && !_lex.Named.ContainsKey(F(s)))
        {
            s++;
        }

        if (s >= e)
        {
            return;
        }

        // Headings in capitals ("QUESTIONABLE MEDICAL CLAIMS") are not names.
        bool allCaps = true;
        for (int k = s; k < e && allCaps; k++)
        {
            string w = W(k);
            allCaps = w.Length > 1 && w.All(ch => !char.IsLetter(ch) || char.IsUpper(ch));
        }

        if (allCaps && e - s > 1 && !_lex.Named.ContainsKey(NameMatcher.Fold(TextOf(s, e))))
        {
            return;
        }

        if (e - s == 1)
        {
            string f = F(s);
            if (_lex.NonNames.Contains(f) || _lex.Demonyms.Contains(f) || _lex.Titles.ContainsKey(f)
                || (f.Length > 3 && f.EndsWith('s') && _lex.Demonyms.Contains(f[..^1])))
            {
                return; // "Russian", "Europeans", "Republicans": groups, not names
            }

            // A capitalized sentence opener that the text also uses in lower case is an ordinary word.
            bool initial = s == _doc.Sentences[SentenceOf(s)].TokenStart || (s > 0 && _doc.TokenData[s - 1].Kind == TokenKind.Quote);
            if (initial && LowerWords.Contains(W(s).ToLowerInvariant()) && !_lex.Named.ContainsKey(f) && !_lex.Countries.Contains(f))
            {
                return;
            }

            if (initial && _lex.HeadOf(f, out _, guess: false) != HeadClass.None)
            {
                return;
            }

            // A tagger, where one ran, knows a sentence-initial common noun or adjective ("Local party officials").
            if (initial && _doc.TokenData[s].Tag is { } tag && (tag.StartsWith("JJ", StringComparison.Ordinal) || tag.StartsWith("RB", StringComparison.Ordinal) || tag.StartsWith("VB", StringComparison.Ordinal) || tag is "IN" or "DT" or "PRP" or "PRP$" or "CC" or "MD" or "WDT" or "WP" or "WRB" or "CD"))
            {
                return;
            }

            // Datelines: "GENEVA, March 4 (Wire) -", "ERIE, Pa. -".
            string raw = W(s);
            if (raw.Length > 3 && raw.All(char.IsUpper) && !_lex.Named.ContainsKey(f) && ParagraphStartsAt(s))
            {
                return;
            }
        }

        if (tagged)
        {
            bool any = false;
            for (int k = s; k < e; k++)
            {
                any |= _doc.TokenData[k].Ner is { } n && n != "O";
            }

            if (!any && !_lex.Named.ContainsKey(NameMatcher.Fold(TextOf(s, e))))
            {
                return;
            }
        }

        _nameRuns.Add((s, e));
    }

    private bool ParagraphStartsAt(int t)
    {
        int offset = _doc.TokenData[t].Start;
        return _doc.Paragraphs.Any(p => p.Start == offset) || offset == 0;
    }

    /// <summary>The type a name has by itself (gazetteer, country, words inside it), or Unknown.</summary>
    private SourceType NamedType((int Start, int End) run)
    {
        string text = TextOf(run.Start, run.End);
        return TypeOfName(text, NameMatcher.Parse(text, _lex), HeadClass.None, HeadClass.None, out _) switch
        {
            SourceType.Person => SourceType.Unknown,
            var t => t,
        };
    }

    /// <summary>
    /// Clusters by the keys under which one of their names or aliases could match a mention (see
    /// <see cref="NameMatcher.MatchKeys"/>), so a mention is compared with the few clusters that
    /// can match it instead of every cluster of the document.
    /// </summary>
    private readonly Dictionary<string, List<Cluster>> _nameIndex = new(StringComparer.Ordinal);
    private readonly List<Cluster> _candidates = new();
    private readonly HashSet<Cluster> _seen = new(ReferenceEqualityComparer.Instance);

    private void IndexName(Cluster cluster, string name)
    {
        foreach (var key in NameMatcher.MatchKeys(name, _lex, asMention: false))
        {
            if (!_nameIndex.TryGetValue(key, out var list))
            {
                list = new List<Cluster>();
                _nameIndex[key] = list;
            }

            if (list.Count == 0 || list[^1] != cluster)
            {
                list.Add(cluster);
            }
        }
    }

    /// <summary>Every cluster whose names could match <paramref name="mention"/>, in creation order (a superset of the matches).</summary>
    private List<Cluster> NameCandidates(string mention)
    {
        _candidates.Clear();
        _seen.Clear();
        foreach (var key in NameMatcher.MatchKeys(mention, _lex, asMention: true))
        {
            if (_nameIndex.TryGetValue(key, out var list))
            {
                foreach (var c in list)
                {
                    if (_seen.Add(c))
                    {
                        _candidates.Add(c);
                    }
                }
            }
        }

        _candidates.Sort((a, b) => a.Order.CompareTo(b.Order));
        return _candidates;
    }

    /// <summary>Resolves a name run to a cluster, creating one when no earlier name matches.</summary>
    private Cluster ResolveNameMention((int Start, int End) run, bool isSource, Phrase? phrase = null)
    {
        string text = TextOf(run.Start, run.End);
        var parsed = NameMatcher.Parse(text, _lex);
        var (pre, preHead) = PreNameDescription(run.Start, phrase?.Start ?? -1);
        var (app, appHead) = Apposition(run.End, phrase?.End ?? -1);
        var type = TypeOfName(text, parsed, preHead, appHead, out bool weak);
        var matchType = weak ? SourceType.Unknown : type;

        // Of several earlier bearers of a surname, "Mrs. Kowalczyk" is the one of her gender and a
        // bare "Kowalczyk" the most often mentioned (ties: the most recent).
        Cluster? found = null;
        var candidates = NameCandidates(text);
        for (int i = candidates.Count - 1; i >= 0; i--)
        {
            var c = candidates[i];
            if (!c.HasName || !TypesCompatible(c.Type, matchType) || (parsed.Gender != Gender.Unknown && c.Gender != Gender.Unknown && c.Gender != parsed.Gender))
            {
                continue;
            }

            if (NameMatcher.NamesMatch(text, c.Name, _lex) || c.Aliases.Any(alias => NameMatcher.NamesMatch(text, alias, _lex) && NameMatcher.Parse(alias, _lex).Given.Count > 0))
            {
                if (found is null || (parsed.Given.Count == 0 && c.NameMentions >= found.NameMentions))
                {
                    found = c;
                }

                if (parsed.Given.Count > 0)
                {
                    break;
                }
            }
        }

        if (found is null)
        {
            found = NewCluster(StripTitles(text, parsed), type);
            found.HasName = true;
        }
        else
        {
            string bare = StripTitles(text, parsed);
            if (NameMatcher.Parse(bare, _lex).Given.Count > NameMatcher.Parse(found.Name, _lex).Given.Count)
            {
                found.AddAlias(found.Name);
                found.Name = bare;
            }
            else
            {
                found.AddAlias(bare);
            }

            if (found.Type == SourceType.Unknown && type != SourceType.Unknown)
            {
                found.Type = type;
            }
        }

        if (text != found.Name)
        {
            found.AddAlias(text);
        }

        if (found.Type == SourceType.Person && found.Gender == Gender.Unknown)
        {
            found.Gender = parsed.Gender != Gender.Unknown ? parsed.Gender
                : parsed.Given.Count > 0 ? _lex.GenderOfFirstName(parsed.Given[0]) : Gender.Unknown;
        }

        foreach (var title in TitlesAsWritten(text, parsed))
        {
            found.AddDescription(title);
        }

        if (pre is not null)
        {
            found.AddDescription(pre);
        }

        if (app is not null)
        {
            found.AddDescription(app);
        }

        var span = _doc.SpanOfTokens(run.Start, run.End);
        found.AddMention(span);
        found.NameMentions++;
        Remember(run.Start, run.End, isSource, found);
        return found;
    }

    private static bool TypesCompatible(SourceType a, SourceType b)
    {
        if (a == b || a == SourceType.Unknown || b == SourceType.Unknown)
        {
            return true;
        }

        bool pa = a == SourceType.Person, pb = b == SourceType.Person;
        return !pa && !pb;
    }

    /// <summary>The type of a name; <paramref name="weak"/> when it is only the default guess (two capitalized words are a person).</summary>
    private SourceType TypeOfName(string text, PersonName parsed, HeadClass preHead, HeadClass appHead, out bool weak)
    {
        weak = false;
        string folded = NameMatcher.Fold(text);
        if (folded.StartsWith("the ", StringComparison.Ordinal))
        {
            folded = folded[4..];
        }

        if (_lex.Named.TryGetValue(folded, out var named))
        {
            return named;
        }

        if (_lex.Countries.Contains(folded))
        {
            return SourceType.Country;
        }

        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1 && words[0] is "st" or "saint" or "san" or "santa")
        {
            return SourceType.Organization; // places and institutions named after saints
        }

        for (int i = words.Length - 1; i >= 0; i--)
        {
            if (_lex.NameWords.TryGetValue(words[i], out var t))
            {
                return t;
            }
        }

        // "Chairman David Pepper" after "Ohio Democratic Party": the title, not the word before it, types the name.
        // A lone given name ("his daughter, Ellie") is a person too.
        if ((parsed.Titles.Count > 0 && parsed.Given.Count > 0) || (words.Length == 1 && _lex.IsListedFirstName(words[0])))
        {
            return SourceType.Person;
        }

        var fromHead = FromHead(preHead) ?? FromHead(appHead);
        if (fromHead is { } ft)
        {
            return ft;
        }

        if (parsed.Titles.Count > 0 || (parsed.Given.Count > 0 && _lex.IsFirstName(parsed.Given[0])))
        {
            return SourceType.Person;
        }

        string bare = text.Replace(".", string.Empty, StringComparison.Ordinal);
        if (bare.Length is >= 2 and <= 6 && bare.All(char.IsUpper))
        {
            return SourceType.Organization;
        }

        weak = true;
        if (parsed.Given.Count > 0)
        {
            return SourceType.Person;
        }

        // One word: the type of an earlier person it is the surname of, else open. Only clusters
        // the name index offers can match.
        foreach (var c in NameCandidates(text))
        {
            if (c.HasName && c.Type == SourceType.Person && NameMatcher.NamesMatch(text, c.Name, _lex))
            {
                return SourceType.Person;
            }
        }

        return SourceType.Unknown;
    }

    private static SourceType? FromHead(HeadClass head) => head switch
    {
        HeadClass.Person => SourceType.Person,
        HeadClass.Media => SourceType.Media,
        HeadClass.Government => SourceType.Government,
        HeadClass.Organization => SourceType.Organization,
        HeadClass.Document => SourceType.Document,
        HeadClass.Event => SourceType.Event,
        _ => null,
    };

    private string StripTitles(string text, PersonName parsed)
    {
        if (parsed.Titles.Count == 0)
        {
            return text;
        }

        // Drop as many leading written words as the folded titles have.
        int drop = parsed.Titles.Sum(t => t.Count(ch => ch == ' ') + 1);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return drop < words.Length ? string.Join(' ', words.Skip(drop)) : text;
    }

    private static IEnumerable<string> TitlesAsWritten(string text, PersonName parsed)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int at = 0;
        foreach (var t in parsed.Titles)
        {
            int n = t.Count(ch => ch == ' ') + 1;
            if (at + n > words.Length)
            {
                yield break;
            }

            string written = string.Join(' ', words.Skip(at).Take(n)).TrimEnd('.');
            at += n;
            if (written.Length > 3 || !written.All(char.IsLetter) || t.Length > 3)
            {
                // Honorifics (Mr, Mrs, Dr) say nothing about the role; titles do.
                if (t is not ("mr" or "mrs" or "ms" or "miss" or "mister" or "herr" or "frau" or "monsieur" or "madame" or "mme" or "sir" or "dr"))
                {
                    yield return written;
                }
            }
        }
    }

    /// <summary>
    /// Role words written right before a name ("The Russian political scientist Yekaterina
    /// Schulmann", "the Greek newspaper Iefimerida"): kept when the word next to the name is a
    /// head noun. Returns the description and its head class.
    /// </summary>
    private (string? Text, HeadClass Head) PreNameDescription(int nameStart, int lowerBound)
    {
        int k = nameStart - 1;
        int sentStart = _doc.Sentences[SentenceOf(nameStart)].TokenStart;
        int floor = Math.Max(sentStart, lowerBound);
        if (k < floor || !IsWord(k))
        {
            return (null, HeadClass.None);
        }

        string last = F(k);
        var head = _lex.HeadOf(last, out _);
        if (k > floor && F(k - 1) is { } prev && _lex.Heads.TryGetValue(prev + " " + last, out var two))
        {
            head = two;
        }

        if (head is HeadClass.None or HeadClass.Event)
        {
            return (null, HeadClass.None);
        }

        int s = k;
        while (s - 1 >= floor && IsWord(s - 1))
        {
            string w = F(s - 1);
            string raw = W(s - 1);
            if (Array.IndexOf(Determiners, w) >= 0 || Array.IndexOf(Indefinites, w) >= 0 || Array.IndexOf(PossessivePronouns, w) >= 0
                || _lex.NonNames.Contains(w) || w == "'s")
            {
                break;
            }

            if (char.IsUpper(raw[0]) && !_lex.Demonyms.Contains(w) && !_lex.Countries.Contains(w))
            {
                break;
            }

            if (Lexicons.CueLexicon.Default.TryVerb(w, out _) && !_lex.Heads.ContainsKey(w))
            {
                break;
            }

            s--;
        }

        return (TextOf(s, k + 1), head);
    }

    /// <summary>"NAME, a confidante of Navalny, said": the phrase between commas after a name.</summary>
    private (string? Text, HeadClass Head) Apposition(int nameEnd, int upperBound)
    {
        int sentEnd = _doc.Sentences[SentenceOf(Math.Max(0, nameEnd - 1))].TokenEnd;
        if (nameEnd >= sentEnd || W(nameEnd) is not ("," or "("))
        {
            return (null, HeadClass.None);
        }

        bool paren = W(nameEnd) == "(";
        int s = nameEnd + 1;
        if (s >= sentEnd || !IsWord(s))
        {
            return (null, HeadClass.None);
        }

        string first = F(s);
        if (first is "who" or "which" or "whose" or "and" or "or" or "but" or "said" or "says" or "told" or "according" or "however"
            || (IsCap(s) && Array.IndexOf(Determiners, first) < 0 && !_lex.Demonyms.Contains(first) && !_lex.Titles.ContainsKey(first)))
        {
            return (null, HeadClass.None);
        }

        int e = s;
        while (e < sentEnd && e - s < 25)
        {
            string w = W(e);
            if (paren ? w == ")" : w is "," or ";" or ":" or "(" or ")" || _doc.TokenData[e].Kind == TokenKind.Quote)
            {
                break;
            }

            e++;
        }

        // "…," said Olena Marchenko, a nurse at the city hospital.": an apposition may also close the sentence.
        bool closesSentence = !paren && first is "a" or "an" && e == sentEnd && e - 1 > s && W(e - 1) is ".";
        if (closesSentence)
        {
            e--;
        }

        if (e == s || (!paren && !closesSentence && (e >= sentEnd || W(e) != ",")) || (paren && (e >= sentEnd || W(e) != ")")))
        {
            return (null, HeadClass.None);
        }

        // The head is the last word before a preposition ("representative of ...").
        int h = s;
        while (h + 1 < e && Array.IndexOf(PhraseBoundaries, F(h + 1)) < 0)
        {
            h++;
        }

        var head = HeadOfToken(h, out _);
        if (head == HeadClass.None && !_lex.Titles.ContainsKey(F(h)))
        {
            return (null, HeadClass.None);
        }

        int from = s;
        if (F(from) is "a" or "an")
        {
            from++;
        }

        return from < e ? (TextOf(from, e), head == HeadClass.None ? HeadClass.Person : head) : (null, HeadClass.None);
    }
}
