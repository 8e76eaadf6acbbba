using Ascribe.Core.Documents;
using Ascribe.Core.Internal;
using AttributionRecord = Ascribe.Core.Documents.Attribution;

namespace Ascribe.Core.Components.Resolution;

internal sealed partial class ResolutionRun
{
    private static readonly string[] ObjectStops =
    {
        "that", "in", "on", "at", "during", "about", "over", "after", "before", "last", "this", "since", "when", "while", "as",
        "because", "but", "who", "which", "where", "saying", "said", "says", "and", "or", "if", "than", "by", "earlier", "later",
        "yesterday", "today", "recently", "via", "through", "under", "against", "amid", "despite",
    };

    /// <summary>A relay phrase ("citing", "told", "in an interview with") and the noun phrase it introduces.</summary>
    private sealed class RelayHit
    {
        public required string Role { get; init; }

        public required Phrase Object { get; init; }

        public AttributionRecord? Owner { get; init; }

        public Cluster? Cluster { get; set; }
    }

    /// <summary>
    /// Finds relay phrases outside quotations and not inside another attribution's content, and
    /// assigns each to the attribution whose source-and-cue frame (the sentences holding its source
    /// and cue, less its content) contains it.
    /// </summary>
    private List<RelayHit> FindRelays(List<AttributionRecord> attributions)
    {
        var hits = new List<RelayHit>();
        var bySentence = AnchorSentences(attributions);
        var cueSpans = new SpanIndex(attributions.Where(a => a.Cue is not null).Select(a => a.Cue!.Value));
        for (int t = 0; t < _doc.TokenCount; t++)
        {
            if (!IsWord(t) || InQuote(_doc.TokenData[t].Start))
            {
                continue;
            }

            // Only entries whose first word is this token's can match; the index keeps lexicon order.
            if (!_lex.RelaysByFirstWord.TryGetValue(F(t), out var candidates))
            {
                continue;
            }

            foreach (var (words, role) in candidates)
            {
                if (!MatchesAt(t, words))
                {
                    continue;
                }

                int objStart = t + words.Length;
                var phraseSpan = new TextSpan(_doc.TokenData[t].Start, _doc.TokenData[objStart - 1].End);
                if (cueSpans.AnyOverlaps(phraseSpan) && role == "cites" && words[0] == "according")
                {
                    break; // "according to X" is itself the attribution's cue
                }

                int objEnd = ObjectEnd(objStart);
                if (objEnd <= objStart)
                {
                    break;
                }

                var obj = Analyze(objStart, objEnd);
                if (obj.Kind is PhraseKind.Empty or PhraseKind.FormerLatter)
                {
                    break;
                }

                // "on"/"at" only name a venue when a name or outlet follows ("on Fox News", not "on Monday").
                if (words.Length == 1 && words[0] is "on" or "at" && obj.Kind != PhraseKind.Name)
                {
                    break;
                }

                if (role == "addressee" && obj.Kind is PhraseKind.Pronoun)
                {
                    break;
                }

                var owner = OwnerOf(attributions, bySentence, phraseSpan);
                if (owner is null && words.Length == 1 && words[0] is "on" or "at")
                {
                    break;
                }

                if (owner?.Source is { } src && src.Overlaps(_doc.SpanOfTokens(obj.Start, obj.End)))
                {
                    break;
                }

                hits.Add(new RelayHit { Role = role, Object = obj, Owner = owner });
                t = objEnd - 1;
                break;
            }
        }

        return hits;
    }

    private bool MatchesAt(int t, string[] words)
    {
        int k = t;
        foreach (var w in words)
        {
            while (k < _doc.TokenCount && !IsWord(k) && _doc.TokenData[k].Kind == TokenKind.Quote)
            {
                k++;
            }

            if (k >= _doc.TokenCount || F(k) != w)
            {
                return false;
            }

            k++;
        }

        return true;
    }

    private int ObjectEnd(int start)
    {
        int sentEnd = _doc.Sentences[SentenceOf(Math.Min(start, _doc.TokenCount - 1))].TokenEnd;
        int e = start;
        int words = 0;
        while (e < _doc.TokenCount && e < sentEnd + 1 && words < 12)
        {
            var kind = _doc.TokenData[e].Kind;
            string w = W(e);
            if (kind == TokenKind.Quote)
            {
                e++;
                continue;
            }

            if (kind is TokenKind.Punctuation or TokenKind.Symbol && w is not ("-" or "&" or "'s"))
            {
                break;
            }

            string f = F(e);
            if (words > 0 && Array.IndexOf(ObjectStops, f) >= 0 && !(f is "and" && e + 1 < _doc.TokenCount && IsWord(e + 1) && HeadOfToken(e + 1, out _) == HeadClass.None && !IsCap(e + 1) && LooksLikeCoordinatedModifier(e)))
            {
                break;
            }

            if (Lexicons.CueLexicon.Default.TryVerb(f, out _) && words > 0 && !_lex.Heads.ContainsKey(f))
            {
                break;
            }

            words++;
            e++;
        }

        return e;
    }

    /// <summary>"government and intelligence circles": "and" joins two modifiers of one head, so the phrase goes on.</summary>
    private bool LooksLikeCoordinatedModifier(int and)
    {
        for (int k = and + 1; k < Math.Min(_doc.TokenCount, and + 4); k++)
        {
            if (!IsWord(k))
            {
                return false;
            }

            if (HeadOfToken(k, out bool plural) is HeadClass.People or HeadClass.Person && plural)
            {
                return true;
            }
        }

        return false;
    }

    private int SentenceAt(int offset) => _doc.TokenData[Math.Min(_doc.TokenCount - 1, _doc.TokenAtOrAfter(offset))].Sentence;

    /// <summary>Per sentence, the indices (ascending) of the attributions with a cue or source there.</summary>
    private Dictionary<int, List<int>> AnchorSentences(List<AttributionRecord> attributions)
    {
        var result = new Dictionary<int, List<int>>();
        for (int i = 0; i < attributions.Count; i++)
        {
            foreach (var anchor in new[] { attributions[i].Cue, attributions[i].Source })
            {
                if (anchor is { } span)
                {
                    int s = SentenceAt(span.Start);
                    if (!result.TryGetValue(s, out var list))
                    {
                        list = new List<int>();
                        result[s] = list;
                    }

                    if (list.Count == 0 || list[^1] != i)
                    {
                        list.Add(i);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>The attribution whose cue or source is nearest the phrase in its sentence; only those anchored in that sentence are looked at.</summary>
    private AttributionRecord? OwnerOf(List<AttributionRecord> attributions, Dictionary<int, List<int>> bySentence, TextSpan phrase)
    {
        AttributionRecord? best = null;
        int bestDistance = int.MaxValue;
        if (_doc.TokenCount == 0 || !bySentence.TryGetValue(SentenceAt(phrase.Start), out var inSentence))
        {
            return null;
        }

        foreach (int index in inSentence)
        {
            var a = attributions[index];
            if (a.Content.Any(c => c.Overlaps(phrase)))
            {
                continue;
            }

            var anchors = new List<TextSpan>();
            if (a.Cue is { } cue)
            {
                anchors.Add(cue);
            }

            if (a.Source is { } src)
            {
                anchors.Add(src);
            }

            foreach (var anchor in anchors)
            {
                int sa = _doc.TokenData[Math.Min(_doc.TokenCount - 1, _doc.TokenAtOrAfter(anchor.Start))].Sentence;
                int sp = _doc.TokenData[Math.Min(_doc.TokenCount - 1, _doc.TokenAtOrAfter(phrase.Start))].Sentence;
                if (sa != sp)
                {
                    continue;
                }

                int distance = Math.Abs(anchor.Start - phrase.Start);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = a;
                }
            }
        }

        return best;
    }
}
