using Ascribe.Core.Documents;
using Ascribe.Core.Internal;

namespace Ascribe.Core.Components.Audit;

internal sealed partial class AuditRun
{
    /// <summary>anonymous-source, relayed-claim, distancing-cue, hedged-claim and interested-party.</summary>
    private void FlagSources()
    {
        var interested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in _facts)
        {
            var a = f.Attribution;
            string speaker = NameOf(f);
            if (f.Speaker is { Type: SourceType.Anonymous } anonymous)
            {
                AddFlag(FlagCodes.AnonymousSource, anonymous.Mention ?? f.Anchor, $"Unnamed source \"{anonymous.Name}\".");
            }

            foreach (var cited in f.Cited.Where(c => c.Type == SourceType.Anonymous))
            {
                AddFlag(FlagCodes.AnonymousSource, cited.Mention ?? f.Anchor,
                    f.Speaker is null && a.Source is null ? $"Unnamed source \"{cited.Name}\", relayed." : $"Unnamed source \"{cited.Name}\", relayed by {speaker}.");
            }

            if (f.Relayed)
            {
                string how = f.Cited.Count > 0
                    ? $"{f.Speaker?.Name ?? (a.Source is { } src ? _doc.Slice(src).Trim() : "An unresolved source")} relays {string.Join(" and ", f.Cited.Select(c => c.Name))}"
                    : f.NestedIn is { } outer
                        ? $"{speaker} is quoted through {(_facts[outer].Speaker?.Name ?? "another source")}"
                        : $"{speaker} reports it second hand (\"{Clip(f.RelayMarker!.Value)}\")";
                AddFlag(FlagCodes.RelayedClaim, a.Cue ?? f.RelayMarker ?? f.Anchor, how + ".");
            }

            if (f.Stance == "distancing" && a.Cue is { } cue)
            {
                AddFlag(FlagCodes.DistancingCue, cue, $"\"{Clip(cue)}\" keeps the report at a distance from what {speaker} says.");
            }

            if ((a.Hedged || f.Hedge is not null) && !f.Extent.IsEmpty)
            {
                AddFlag(FlagCodes.HedgedClaim, f.Extent, f.Hedge is not null ? $"The claim is hedged (\"{f.Hedge}\")." : "The claim is hedged.");
            }

            if (f.Speaker is { Interest: not null } party && interested.Add(party.Key))
            {
                AddFlag(FlagCodes.InterestedParty, party.Mention ?? f.Anchor, $"{party.Name} is an interested party ({party.Interest}).");
            }
        }
    }

    /// <summary>
    /// truncated-attribution: a sentence whose last word is a reporting verb that needs an object
    /// ("she told", "citing") or a function word that needs a complement shortly after a reporting
    /// cue ("she explained in an interview with").
    /// </summary>
    private void FlagTruncations()
    {
        foreach (var sent in _doc.Sentences)
        {
            int last = sent.TokenEnd - 1;
            bool question = false;
            while (last >= sent.TokenStart && _doc[last].Kind == TokenKind.Punctuation)
            {
                question |= _doc[last].Text.Contains('?');
                last--;
            }

            if (question || last < sent.TokenStart || _doc[last].Kind != TokenKind.Word)
            {
                continue;
            }

            string word = Lower(last);
            int cue = -1;
            if (_classes.ObjectCue.Is(word))
            {
                // "she was told." is complete: a passive needs no object.
                string before = last > sent.TokenStart ? Lower(last - 1) : string.Empty;
                if (before is not ("was" or "were" or "be" or "been" or "being" or "is" or "are" or "get" or "got" or "am"))
                {
                    cue = last;
                }
            }
            else if (_classes.Dangling.Is(word))
            {
                int seen = 0;
                for (int t = last - 1; t >= sent.TokenStart && seen < 6; t--)
                {
                    if (!IsWord(t))
                    {
                        break;
                    }

                    seen++;
                    var norm = _doc[t].NormSpan;
                    if (_cues.TryVerb(norm, out _) || _cues.TryNoun(norm, out _) || _classes.ObjectCue.Is(Lower(t)))
                    {
                        cue = t;
                    }
                }
            }

            if (cue < 0)
            {
                continue;
            }

            int start = cue;
            while (start > sent.TokenStart && _doc[start - 1].Kind is TokenKind.Word or TokenKind.Number)
            {
                start--;
            }

            AddFlag(FlagCodes.TruncatedAttribution, new TextSpan(_doc[start].Start, _doc[last].End),
                $"The attribution breaks off after \"{_doc[last].Text}\": the text is cut or damaged.");
        }
    }

    /// <summary>
    /// unattributed-quote: an outermost quotation of four or more words that overlaps no
    /// attributing attribution (one with a source, a speaker or a cue), shares no sentence with an
    /// attribution's cue (any sentence the quotation touches), does not follow an attributed
    /// quotation in the same paragraph, is not part of a quotation continued across paragraphs that
    /// is attributed in one of them, and does not repeat, word for word, attributed words found elsewhere (a
    /// pull quote or subheading). Returns how many were flagged.
    /// </summary>
    private int FlagUnattributedQuotes()
    {
        var attributing = _doc.Attributions.Where(a => a.Source is not null || a.Speaker is not null || a.Cue is not null).ToList();
        var covered = new List<TextSpan>();
        foreach (var a in attributing)
        {
            covered.AddRange(a.Content);
            if (a.Source is { } s)
            {
                covered.Add(s);
            }

            if (a.Cue is { } c)
            {
                covered.Add(c);
            }
        }

        // Indexed and joined once: a scan of every attribution per quote made long documents quadratic (issue 9).
        var coveredIndex = new SpanIndex(covered);
        var cueSentences = _facts.Where(f => f.Attribution.Cue is not null).Select(f => f.Sentence).ToHashSet();
        var quotes = _doc.Quotes.Where(q => q.Depth == 0).OrderBy(q => q.Outer.Start).ToList();
        var attributed = new bool[quotes.Count];
        for (int i = 0; i < quotes.Count; i++)
        {
            var q = quotes[i];
            int first = SentenceOf(q.Content.Start), last = SentenceOf(Math.Max(q.Content.Start, q.Content.End - 1));
            attributed[i] = coveredIndex.AnyOverlaps(q.Outer)
                || Enumerable.Range(first, Math.Max(1, last - first + 1)).Any(cueSentences.Contains)
                || (i > 0 && attributed[i - 1] && (q.ContinuesPrevious || q.Paragraph == quotes[i - 1].Paragraph));
        }

        // A quotation continued into a paragraph where it is attributed is attributed from its start.
        for (int i = quotes.Count - 1; i > 0; i--)
        {
            attributed[i - 1] |= attributed[i] && quotes[i].ContinuesPrevious;
        }

        var open = new List<(Quote Quote, List<string> Words)>();
        for (int i = 0; i < quotes.Count; i++)
        {
            if (!attributed[i] && WordTokens(quotes[i].Content) is { Count: >= 4 } tokens)
            {
                open.Add((quotes[i], tokens.ConvertAll(Lower)));
            }
        }

        // The attributed text is only searched for open quotations: without any, it is not built.
        if (open.Count == 0)
        {
            return 0;
        }

        var attributedText = new List<string>();
        foreach (var a in attributing)
        {
            attributedText.Add(" " + string.Join(' ', a.Content.SelectMany(LowerWords)) + " ");
        }

        for (int i = 0; i < quotes.Count; i++)
        {
            if (attributed[i])
            {
                attributedText.Add(" " + string.Join(' ', LowerWords(quotes[i].Content)) + " ");
            }
        }

        string allAttributedText = string.Join('\n', attributedText);

        // A hash of every run of four attributed words (as joined by one space): a quotation whose
        // first four words hash to none of them cannot be found in the attributed text, and the
        // search below (a scan of all of it) is skipped. Equal runs hash alike, so a quotation is
        // never skipped wrongly; a rare collision only costs the search.
        var fourWords = new HashSet<ulong>();
        foreach (var line in attributedText)
        {
            AddFourWordHashes(line, fourWords);
        }

        int count = 0;
        foreach (var (q, words) in open)
        {
            string text = " " + string.Join(' ', words) + " ";
            // Each attributed text is padded with spaces and holds no line break, so a match never spans two.
            if (fourWords.Contains(FourWordHash(words)) && allAttributedText.Contains(text, StringComparison.Ordinal))
            {
                continue;
            }

            AddFlag(FlagCodes.UnattributedQuote, q.Outer, $"Quotation of {words.Count} words with no attributed speaker.");
            count++;
        }

        return count;
    }

    private const ulong HashOffset = 14695981039346656037UL;
    private const ulong HashPrime = 1099511628211UL;

    private static ulong HashChars(ulong h, ReadOnlySpan<char> chars)
    {
        foreach (char c in chars)
        {
            h = (h ^ c) * HashPrime;
        }

        return h;
    }

    /// <summary>The hash of the first four words joined by single spaces.</summary>
    private static ulong FourWordHash(List<string> words)
    {
        ulong h = HashChars(HashOffset, words[0]);
        for (int k = 1; k < 4; k++)
        {
            h = HashChars((h ^ ' ') * HashPrime, words[k]);
        }

        return h;
    }

    /// <summary>Adds the hash of every four consecutive space-separated words of <paramref name="line"/> (empty words skipped).</summary>
    private static void AddFourWordHashes(string line, HashSet<ulong> hashes)
    {
        Span<(int Start, int Length)> window = stackalloc (int, int)[4];
        int count = 0;
        int i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                i++;
                continue;
            }

            int start = i;
            while (i < line.Length && line[i] != ' ')
            {
                i++;
            }

            window[count % 4] = (start, i - start);
            count++;
            if (count >= 4)
            {
                ulong h = HashOffset;
                for (int k = 0; k < 4; k++)
                {
                    var (ws, wl) = window[(count + k) % 4];
                    if (k > 0)
                    {
                        h = (h ^ ' ') * HashPrime;
                    }

                    h = HashChars(h, line.AsSpan(ws, wl));
                }

                hashes.Add(h);
            }
        }
    }
}
