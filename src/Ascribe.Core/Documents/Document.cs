using System.Runtime.InteropServices;

namespace Ascribe.Core.Documents;

/// <summary>
/// A document owns its original text and every annotation on it. Annotations are stand-off:
/// tokens, sentences, quotes, attributions and entities refer to <see cref="Text"/> by
/// half-open UTF-16 offsets, and the text itself is never changed.
/// </summary>
public sealed class Document
{
    private TokenData[] _tokens = Array.Empty<TokenData>();
    private readonly Dictionary<string, List<TextSpan>> _spans = new(StringComparer.Ordinal);

    public Document(string id, string text)
    {
        Id = id;
        Text = text;
        Normalized = new NormalizedText(text, null);
    }

    public string Id { get; }

    /// <summary>The original text exactly as given (after decoding, without a byte-order mark).</summary>
    public string Text { get; }

    /// <summary>Optional metadata (title, outlet, published, url, author) carried through to output.</summary>
    public Dictionary<string, string> Meta { get; } = new(StringComparer.Ordinal);

    /// <summary>Normalized copy used for lookups; identical to <see cref="Text"/> until the normalizer runs.</summary>
    public NormalizedText Normalized { get; private set; }

    internal TokenData[] TokenArray => _tokens;

    /// <summary>Token storage; components that annotate tokens write through this span.</summary>
    public Span<TokenData> TokenData => _tokens;

    public int TokenCount => _tokens.Length;

    public Token this[int index] => (uint)index < (uint)_tokens.Length
        ? new Token(this, index)
        : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerable<Token> Tokens
    {
        get
        {
            for (int i = 0; i < _tokens.Length; i++)
            {
                yield return new Token(this, i);
            }
        }
    }

    public List<TextSpan> Paragraphs { get; } = new();

    public List<Sentence> Sentences { get; } = new();

    public List<Quote> Quotes { get; } = new();

    public List<Attribution> Attributions { get; } = new();

    public List<Entity> Entities { get; } = new();

    public List<Flag> Flags { get; } = new();

    /// <summary>The sourcing audit, or null until the audit component has run.</summary>
    public DocumentAudit? Audit { get; set; }

    /// <summary>Named groups of possibly overlapping spans ("cues", "sources", "content").</summary>
    public IReadOnlyDictionary<string, List<TextSpan>> Spans => _spans;

    /// <summary>Returns the named span group, creating it when absent.</summary>
    public List<TextSpan> SpanGroup(string name)
    {
        if (!_spans.TryGetValue(name, out var group))
        {
            group = new List<TextSpan>();
            _spans[name] = group;
        }

        return group;
    }

    public string Slice(TextSpan span) => Text.Substring(span.Start, span.Length);

    public void SetNormalized(NormalizedText normalized) => Normalized = normalized;

    public void SetTokens(TokenData[] tokens) => _tokens = tokens;

    public void SetTokens(List<TokenData> tokens) => _tokens = CollectionsMarshal.AsSpan(tokens).ToArray();

    /// <summary>Index of the first token whose end is after <paramref name="offset"/>, or <see cref="TokenCount"/>.</summary>
    public int TokenAtOrAfter(int offset)
    {
        // The search of Internal.SortedSearch, written out: this one runs for every span mapped to
        // tokens, and the condition's delegate call cost about 3 % of the whole pipeline here.
        int lo = 0, hi = _tokens.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_tokens[mid].End <= offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Token interval <c>[first, last+1)</c> of tokens overlapping a character span.</summary>
    public (int Start, int End) TokenRange(TextSpan span)
    {
        int s = TokenAtOrAfter(span.Start);
        int e = s;
        while (e < _tokens.Length && _tokens[e].Start < span.End)
        {
            e++;
        }

        return (s, e);
    }

    /// <summary>Character span covering tokens <c>[start, end)</c>.</summary>
    public TextSpan SpanOfTokens(int start, int end) => new(_tokens[start].Start, _tokens[end - 1].End);
}
