using Ascribe.Core.Documents;
using Ascribe.Core.Internal;
using Ascribe.Core.Lexicons;
using Ascribe.Core.Serialization;

namespace Ascribe.Core.Components.Audit;

/// <summary>The audit of one document: builds <see cref="AttributionFacts"/>, then finds each kind of flag.</summary>
internal sealed partial class AuditRun
{
    private static readonly string[] Determiners = { "the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your" };
    private static readonly string[] HeadEnds = { "of", "for", "at", "in", "from", "with", "familiar", "close", "who", "which", "that", "on" };

    private readonly Document _doc;
    private readonly string?[] _lower; // Lower of each token, made on first use (quotes and attributions overlap)
    private readonly AuditLexicon.WordClasses _classes;
    private readonly CueLexicon _cues;
    private readonly Dictionary<string, Entity> _entities;
    private readonly List<Flag> _flags = new();
    private readonly HashSet<(string, int, int)> _flagged = new();
    private readonly Dictionary<Entity, string?> _interests = new(ReferenceEqualityComparer.Instance);
    private List<AttributionFacts> _facts = new();

    public AuditRun(Document doc, AuditLexicon words, CueLexicon cues)
    {
        _doc = doc;
        _lower = new string?[doc.TokenCount];
        _classes = words.Classes;
        _cues = cues;
        _entities = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var entity in doc.Entities)
        {
            _entities.TryAdd(entity.Id, entity);
        }
    }

    public (List<Flag> Flags, DocumentAudit Audit) Run()
    {
        _facts = _doc.Attributions.Select(Describe).ToList();
        FindNesting();
        FlagSources();
        FlagTruncations();
        int unattributed = FlagUnattributedQuotes();
        FlagConflicts();
        var lead = FindLeadClaim();
        var audit = Summarize(lead, unattributed);
        return (_flags, audit);
    }

    private void AddFlag(string code, TextSpan span, string message)
    {
        if (span.IsEmpty || span.End > _doc.Text.Length || !_flagged.Add((code, span.Start, span.End)))
        {
            return;
        }

        _flags.Add(new Flag(code, span.Start, span.End, message));
    }

    private string Lower(int token) => _lower[token] ??= _doc[token].Norm.ToLowerInvariant();

    private bool IsWord(int token) => _doc[token].Kind is TokenKind.Word or TokenKind.Number;

    /// <summary>Indices of the word and number tokens inside <paramref name="span"/>.</summary>
    private List<int> WordTokens(TextSpan span)
    {
        var (start, end) = _doc.TokenRange(span);
        var list = new List<int>(end - start);
        for (int t = start; t < end; t++)
        {
            if (IsWord(t))
            {
                list.Add(t);
            }
        }

        return list;
    }

    private List<string> LowerWords(TextSpan span) => WordTokens(span).Select(Lower).ToList();

    private int SentenceOf(int offset)
    {
        if (_doc.TokenCount == 0)
        {
            return 0;
        }

        int t = Math.Min(_doc.TokenAtOrAfter(offset), _doc.TokenCount - 1);
        return Math.Max(0, _doc[t].Sentence);
    }

    private AttributionFacts Describe(Documents.Attribution a, int index)
    {
        var extent = a.ContentExtent;
        int at = a.Cue?.Start ?? (a.Content.Count > 0 ? extent.Start : a.Source?.Start ?? 0);
        int sentence = SentenceOf(at);
        var content = new List<string>();
        foreach (var part in a.Content)
        {
            content.AddRange(LowerWords(part));
        }

        string? stance = a.Stance ?? (a.Cue is { } cue ? _cues.StanceOf(_doc.Slice(cue)) : null);
        var facts = new AttributionFacts
        {
            Index = index,
            Attribution = a,
            Speaker = SpeakerOf(a),
            Stance = stance,
            Sentence = sentence,
            Topic = TopicOf(content),
            Negated = content.Any(w => _classes.Negation.Is(w)),
            Hedge = FindHedge(content),
        };

        FindCited(facts, sentence);
        if (facts.RelayMarker is null && stance == "learning" && a.Cue is { } learned)
        {
            facts.RelayMarker = learned;
        }

        return facts;
    }

    private SourceParty? SpeakerOf(Documents.Attribution a)
    {
        if (a.Speaker is not null)
        {
            return _entities.TryGetValue(a.Speaker, out var entity)
                ? PartyOf(entity, a.Source)
                : new SourceParty(a.Speaker, a.Source is { } s ? _doc.Slice(s) : a.Speaker, SourceType.Unknown, null, a.Source);
        }

        return a.Source is { } source ? FallbackParty(source) : null;
    }

    private SourceParty PartyOf(Entity entity, TextSpan? mention)
    {
        string? interest = entity.Type switch
        {
            SourceType.Government => "government",
            SourceType.Country => "country",
            SourceType.Anonymous or SourceType.Media or SourceType.Document => null,
            _ => EntityInterest(entity),
        };
        return new SourceParty(entity.Id, entity.Name, entity.Type, interest, mention);
    }

    /// <summary>The role word of an entity's names and descriptions, found once per entity: every attribution and cite of the entity asks for it.</summary>
    private string? EntityInterest(Entity entity)
    {
        if (!_interests.TryGetValue(entity, out var interest))
        {
            interest = InterestIn(new[] { entity.Name }.Concat(entity.Aliases).Concat(entity.Description));
            _interests.Add(entity, interest);
        }

        return interest;
    }

    /// <summary>
    /// Fallback when no entity covers a source: the key is the lower-case source text, the type is
    /// anonymous when the phrase names nobody (see docs/flags.md), otherwise unknown. Bare pronouns
    /// give no party: they name no speaker by themselves.
    /// </summary>
    private SourceParty? FallbackParty(TextSpan span)
    {
        var words = LowerWords(span);
        if (words.Count == 0 || words.All(w => _classes.Pronoun.Is(w)))
        {
            return null;
        }

        var type = LooksAnonymous(words) ? SourceType.Anonymous : SourceType.Unknown;
        string? interest = type == SourceType.Anonymous ? null : InterestIn(new[] { _doc.Slice(span) });
        string name = _doc.Slice(span).Trim().Trim(QuoteMarks.All.ToCharArray()).Trim();
        return new SourceParty("src:" + string.Join(' ', words), name, type, interest, span);
    }

    /// <summary>An unnamed source: not definite, and its head noun is a generic source noun or it opens with an indefinite determiner or quantifier.</summary>
    internal bool LooksAnonymous(IReadOnlyList<string> words)
    {
        if (words.Count == 0 || Determiners.Contains(words[0]))
        {
            return false;
        }

        int headEnd = words.Count;
        for (int i = 1; i < words.Count; i++)
        {
            if (HeadEnds.Contains(words[i]))
            {
                headEnd = i;
                break;
            }
        }

        return _classes.AnonymousHead.Is(words[headEnd - 1]) || _classes.AnonymousStart.Is(words[0]);
    }

    /// <summary>The first role word ("ministry", "official") in the given names and descriptions, or null.</summary>
    private string? InterestIn(IEnumerable<string> phrases)
    {
        foreach (var phrase in phrases)
        {
            var words = phrase.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Trim('.', ',', ';', ':', '"', '\'', '(', ')', '\u201C', '\u201D', '\u2019'))
                .Where(w => w.Length > 0)
                .ToList();
            for (int i = 0; i < words.Count; i++)
            {
                int n = _classes.Interested.MatchAt(words, i);
                if (n > 0)
                {
                    return string.Join(' ', words.Skip(i).Take(n));
                }
            }
        }

        return null;
    }

    private string? FindHedge(List<string> content)
    {
        for (int i = 0; i < content.Count; i++)
        {
            int n = _classes.Hedge.MatchAt(content, i);
            if (n > 0)
            {
                return string.Join(' ', content.Skip(i).Take(n));
            }
        }

        return null;
    }

    /// <summary>Topic words: lower case, function words dropped, plural "s" and possessives stripped.</summary>
    private HashSet<string> TopicOf(IEnumerable<string> words)
    {
        var topic = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in words)
        {
            string w = raw.Trim('\'', '\u2019');
            if (w.Length < 2 || _classes.Stop.Is(w) || _classes.Negation.Is(w))
            {
                continue;
            }

            if (w.Length > 4 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal))
            {
                w = w[..^1];
            }

            topic.Add(w);
        }

        return topic;
    }

    /// <summary>
    /// Parties the speaker relies on: the attribution's cites when a speaker component filled them;
    /// otherwise the phrase after a relay marker ("citing X", "learned from X") in the same sentence,
    /// tied to an entity when one of its mentions covers the phrase.
    /// </summary>
    private void FindCited(AttributionFacts facts, int sentence)
    {
        var a = facts.Attribution;
        var sent = sentence < _doc.Sentences.Count ? _doc.Sentences[sentence] : default;
        foreach (var id in a.Cites)
        {
            if (_entities.TryGetValue(id, out var entity))
            {
                TextSpan? mention = entity.Mentions.Where(m => m.Start >= sent.Start && m.End <= sent.End).Select(m => (TextSpan?)m).FirstOrDefault();
                facts.Cited.Add(PartyOf(entity, mention));
            }
            else
            {
                facts.Cited.Add(new SourceParty(id, id, SourceType.Unknown, null, null));
            }
        }

        // The relay marker: words of the sentence outside the content that name a relay.
        var tokens = new List<int>();
        for (int t = sent.TokenStart; t < sent.TokenEnd; t++)
        {
            if (IsWord(t) && !InContent(a, _doc[t].Start))
            {
                tokens.Add(t);
            }
        }

        var words = tokens.Select(Lower).ToList();
        for (int i = 0; i < words.Count; i++)
        {
            int n = _classes.Relay.MatchAt(words, i);
            if (n == 0)
            {
                continue;
            }

            var marker = new TextSpan(_doc[tokens[i]].Start, _doc[tokens[i + n - 1]].End);
            // "According to X" is the cue itself, not a relay.
            if (a.Cue is { } cue && cue.Start <= marker.Start && marker.End <= cue.End)
            {
                continue;
            }

            facts.RelayMarker = marker;
            if (facts.Cited.Count == 0 && RelayedPhrase(tokens[i + n - 1] + 1, sent, a) is { } phrase)
            {
                var entity = _doc.Entities.FirstOrDefault(e => e.Mentions.Any(m => m.Overlaps(phrase)));
                var party = entity is not null ? PartyOf(entity, phrase) : FallbackParty(phrase);
                if (party is not null)
                {
                    facts.Cited.Add(party);
                }
            }

            break;
        }
    }

    /// <summary>True when a content fragment of <paramref name="a"/> holds <paramref name="offset"/>.</summary>
    private static bool InContent(Documents.Attribution a, int offset)
    {
        foreach (var c in a.Content)
        {
            if (c.Contains(offset))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The noun phrase after a relay marker, up to a comma, "that", the content or the sentence end.</summary>
    private TextSpan? RelayedPhrase(int from, Sentence sent, Documents.Attribution a)
    {
        int first = -1, last = -1, words = 0;
        bool quoteOpen = false;
        for (int t = from; t < sent.TokenEnd && words < 8; t++)
        {
            var token = _doc[t];
            if (InContent(a, token.Start) || (a.Cue is { } cue && cue.Contains(token.Start)))
            {
                break;
            }

            if (token.Kind == TokenKind.Quote)
            {
                if (first >= 0 && quoteOpen)
                {
                    last = t;
                }

                quoteOpen = !quoteOpen;
                continue;
            }

            if (token.Kind == TokenKind.Punctuation || (first >= 0 && Lower(t) == "that"))
            {
                break;
            }

            first = first < 0 ? t : first;
            last = t;
            words++;
        }

        return first < 0 ? null : new TextSpan(_doc[first].Start, _doc[last].End);
    }

    /// <summary>An attribution whose cue lies inside another's content is relayed through that other one.</summary>
    private void FindNesting()
    {
        // The first other attribution (in _facts order) whose content covers the cue; an index
        // of content fragments keeps this linear on documents with thousands of attributions.
        var contents = new SpanIndex(_facts.SelectMany((f, k) => f.Attribution.Content.Select(c => (c, k))));
        for (int k = 0; k < _facts.Count; k++)
        {
            var inner = _facts[k];
            if (inner.Attribution.Cue is not { } cue)
            {
                continue;
            }

            int outer = contents.MinPayloadCovering(cue, exclude: k);
            if (outer >= 0)
            {
                inner.NestedIn = _facts[outer].Index;
            }
        }
    }

    /// <summary>Who is behind an attribution, for messages: the speaker, else "a report citing X", else the source text.</summary>
    private string NameOf(AttributionFacts f) =>
        f.Speaker?.Name
        ?? (f.Cited.Count > 0 ? "a report citing " + string.Join(" and ", f.Cited.Select(c => c.Name))
            : f.Attribution.Source is { } s ? _doc.Slice(s).Trim() : "an unresolved source");

    private static string TypeName(SourceType type) => DocumentJson.TypeName(type);

    private string Clip(TextSpan span, int max = 80)
    {
        string text = _doc.Slice(span).ReplaceLineEndings(" ").Trim();
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }
}
