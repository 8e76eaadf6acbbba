using System.Buffers;
using System.Runtime.CompilerServices;
using Ascribe.Core.Documents;
using Ascribe.Core.Lexicons;

namespace Ascribe.Core.Components.Attribution.Model;

/// <summary>
/// Hashed features of every token of a document for the attribution labeler: word forms and
/// affixes in a window, shapes, reporting-cue lexicon classes and stance, quote state, sentence
/// and paragraph position, distance to the nearest reporting verb, the rule extractor's tags, and
/// part of speech, lemma, entity and dependency path to a reporting verb where the document has them.
/// Features are stored row by row (<see cref="Offsets"/>, <see cref="Buckets"/>).
/// </summary>
internal sealed class AttributionFeatures
{
    /// <summary>Bumped whenever the templates change, so a model trained on other features is refused.</summary>
    public const int Version = 6;

    private readonly Document _doc;
    private readonly CueLexicon _lexicon;
    private readonly int _mask;
    private readonly byte[] _ruleTags;
    private readonly byte[] _cue;      // 0 none, 1 cue verb, 2 cue noun, 3 in a cue phrase ("according to")
    private readonly byte[] _qstate;   // 0 outside, 1 opening mark, 2 inside, 3 closing mark
    private readonly int[] _shapes;    // the shape class of every token (several templates read it)
    private readonly Context _context;
    private readonly string?[] _stance;
    private readonly TokenIds _ids;

    // The arrays below are of the rows' tokens only: token t at [t - Start].
    private readonly int[] _leftCue;   // distance to the nearest cue verb on the left in the sentence, 0 when none
    private readonly int[] _rightCue;
    private readonly int[] _leftQuoteEnd; // tokens since the last closing mark in the sentence, 0 when none
    private readonly int[] _leftVerb;  // the nearest verb (by part of speech) before the token in its sentence, -1 when none
    private readonly int[] _rightVerb; // the nearest verb after it in its sentence, -1 when none
    private int[] _buckets;
    private int _count;
    private readonly int[] _split;     // per token: where its row's features after the stacked ones begin (see Stacked)

    private readonly byte[]? _stack;   // a first-stage model's tags (of the whole document), for the second stage
    private readonly int[] _stackLeftCue = Array.Empty<int>();
    private readonly int[] _stackRightCue = Array.Empty<int>();
    private readonly int[] _stackSentence = Array.Empty<int>(); // bit set of kinds the first stage found in the sentence

    /// <summary>The rows of every token of the document.</summary>
    public AttributionFeatures(Document doc, CueLexicon lexicon, int bits, byte[] ruleTags, byte[]? stack = null)
        : this(new Context(doc, lexicon, bits, ruleTags), 0, doc.TokenCount, stack)
    {
    }

    /// <summary>
    /// The rows of tokens <c>[start, end)</c> only, where both are sentence boundaries: the same
    /// rows as those tokens have in the whole document's features. Their buckets come from a shared
    /// pool; <see cref="Release"/> gives them back.
    /// </summary>
    public static AttributionFeatures Rows(Context context, int start, int end) => new(context, start, end, null);

    private AttributionFeatures(Context context, int start, int end, byte[]? stack)
    {
        _context = context;
        _stack = stack;
        _doc = context.Doc;
        _lexicon = context.Lexicon;
        _mask = context.Mask;
        _ruleTags = context.RuleTags;
        _cue = context.Cue;
        _qstate = context.QState;
        _shapes = context.Shapes;
        _stance = context.Stance;
        _ids = context.Ids;
        Start = start;
        End = end;
        int n = end - start;
        _leftCue = new int[n];
        _rightCue = new int[n];
        _leftQuoteEnd = new int[n];
        _leftVerb = new int[n];
        _rightVerb = new int[n];
        Offsets = new int[n + 1];
        _split = new int[n];
        _buckets = ArrayPool<int>.Shared.Rent(Math.Max(64, n * 64));
        var (firstSentence, endSentence) = SentenceRange();
        MarkDistances(firstSentence, endSentence);
        if (stack is not null)
        {
            _stackLeftCue = new int[n];
            _stackRightCue = new int[n];
            _stackSentence = new int[n];
            MarkStack(stack, firstSentence, endSentence);
        }

        if (start > 0)
        {
            // Rows start at a sentence: the paragraph look-up goes on from it (see FirstSentenceOfParagraph).
            int i = firstSentence, p = _doc.Sentences[firstSentence].Paragraph;
            while (i > 0 && _doc.Sentences[i - 1].Paragraph >= p)
            {
                i--;
            }

            _paraCacheP = p;
            _paraCacheFirst = i;
        }

        for (int t = start; t < end; t++)
        {
            Offsets[t - start] = _count;
            Extract(t);
        }

        Offsets[n] = _count;
        Buckets = _buckets;
    }

    /// <summary>
    /// The features of the stacked second stage: <paramref name="first"/>'s rows with the features
    /// of the first stage's <paramref name="stack"/> tags in the place where <see cref="Extract"/>
    /// puts them. The same rows, in the same order, as the constructor given the same stack, without
    /// computing the first stage's features again. <paramref name="stack"/> holds the tags of the
    /// whole document; the rows read those of their own sentences and of two tokens either side.
    /// </summary>
    public static AttributionFeatures Stacked(AttributionFeatures first, byte[] stack) => new(first, stack);

    private AttributionFeatures(AttributionFeatures first, byte[] stack)
    {
        _context = first._context;
        _stack = stack;
        _doc = first._doc;
        _lexicon = first._lexicon;
        _mask = first._mask;
        _ruleTags = first._ruleTags;
        _cue = first._cue;
        _qstate = first._qstate;
        _shapes = first._shapes;
        _stance = first._stance;
        _ids = first._ids;
        _leftCue = first._leftCue;
        _rightCue = first._rightCue;
        _leftQuoteEnd = first._leftQuoteEnd;
        _leftVerb = first._leftVerb;
        _rightVerb = first._rightVerb;
        _split = first._split;
        Start = first.Start;
        End = first.End;
        int n = End - Start;
        _stackLeftCue = new int[n];
        _stackRightCue = new int[n];
        _stackSentence = new int[n];
        var (firstSentence, endSentence) = SentenceRange();
        MarkStack(stack, firstSentence, endSentence);
        Offsets = new int[n + 1];
        _buckets = ArrayPool<int>.Shared.Rent(Math.Max(64, first.Offsets[n] + n * 16));
        var rows = first.Buckets;
        var from = first.Offsets;
        for (int i = 0; i < n; i++)
        {
            int t = Start + i;
            Offsets[i] = _count;
            Copy(rows.AsSpan(from[i], _split[i] - from[i]));
            ExtractStacked(t, _qstate[t]);
            Copy(rows.AsSpan(_split[i], from[i + 1] - _split[i]));
        }

        Offsets[n] = _count;
        Buckets = _buckets;
    }

    private void Copy(ReadOnlySpan<int> row)
    {
        if (_count + row.Length > _buckets.Length)
        {
            Grow(_count + row.Length);
        }

        row.CopyTo(_buckets.AsSpan(_count));
        _count += row.Length;
    }

    private void Grow(int needed)
    {
        var bigger = ArrayPool<int>.Shared.Rent(Math.Max(_buckets.Length * 2, needed));
        _buckets.AsSpan(0, _count).CopyTo(bigger);
        GiveBack(_buckets);
        _buckets = bigger;
    }

    /// <summary>Gives the buckets back to the pool; the rows must not be read after.</summary>
    public void Release()
    {
        var buckets = _buckets;
        _buckets = Array.Empty<int>();
        GiveBack(buckets);
    }

    /// <summary>Returns a buffer to the shared pool unless it is empty or larger than 16 MiB (the rows of a paragraph of tens of thousands of tokens), which the pool would keep for good.</summary>
    private static void GiveBack(int[] buckets)
    {
        if (buckets.Length > 0 && buckets.Length <= 1 << 22)
        {
            ArrayPool<int>.Shared.Return(buckets);
        }
    }

    /// <summary>The first token with a row.</summary>
    public int Start { get; }

    /// <summary>The end of the tokens with a row.</summary>
    public int End { get; }

    /// <summary>Row starts into <see cref="Buckets"/>; token t's features are <c>Buckets[Offsets[t - Start]..Offsets[t - Start + 1]]</c>.</summary>
    /// <remarks><see cref="Buckets"/> may be longer than <c>Offsets[End - Start]</c> (the buffer the rows were written into).</remarks>
    public int[] Offsets { get; }

    public int[] Buckets { get; }

    /// <summary>The rule extractor's tags the features were built from.</summary>
    public byte[] RuleTags => _ruleTags;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<char> Word(Document doc, string norm, int t) => t < 0 || t >= doc.TokenCount
        ? (t < 0 ? "<s>" : "</s>")
        : norm.AsSpan(doc.TokenData[t].NormStart, doc.TokenData[t].NormEnd - doc.TokenData[t].NormStart);

    /// <summary>The sentences of the rows' tokens: <c>[first, end)</c>.</summary>
    private (int First, int End) SentenceRange()
    {
        if (Start == 0 && End == _doc.TokenCount)
        {
            return (0, _doc.Sentences.Count);
        }

        return End > Start ? (_doc.TokenData[Start].Sentence, _doc.TokenData[End - 1].Sentence + 1) : (0, 0);
    }

    /// <summary>
    /// What the rows of every token read from the whole document, computed once: the rule tags,
    /// reporting-cue classes and stance, quote states.
    /// </summary>
    internal sealed class Context
    {
        public Context(Document doc, CueLexicon lexicon, int bits, byte[] ruleTags)
        {
            Doc = doc;
            Norm = doc.Normalized.Text;
            Lexicon = lexicon;
            Mask = (1 << bits) - 1;
            RuleTags = ruleTags;
            int n = doc.TokenCount;
            Cue = new byte[n];
            Stance = new string?[n];
            QState = new byte[n];
            Shapes = new int[n];
            MarkCues();
            MarkQuotes();
            for (int t = 0; t < n; t++)
            {
                Shapes[t] = ShapeOf(doc, Norm, t);
            }

            Ids = new TokenIds(doc, Norm);
        }

        /// <summary>The hashed strings of every token.</summary>
        public TokenIds Ids { get; }

        public Document Doc { get; }

        public string Norm { get; }

        public CueLexicon Lexicon { get; }

        public int Mask { get; }

        public byte[] RuleTags { get; }

        public byte[] Cue { get; }

        public string?[] Stance { get; }

        /// <summary>0 outside a quote, 1 opening mark, 2 inside, 3 closing mark.</summary>
        public byte[] QState { get; }

        /// <summary>The shape class of every token (see <see cref="ShapeOf"/>).</summary>
        public int[] Shapes { get; }

        private ReadOnlySpan<char> W(int t) => Word(Doc, Norm, t);

        private void MarkCues()
        {
            var tokens = Doc.TokenData;
            Span<char> buffer = stackalloc char[64];
            for (int t = 0; t < tokens.Length; t++)
            {
                if (tokens[t].Kind != TokenKind.Word)
                {
                    continue;
                }

                var w = W(t);
                string? tag = tokens[t].Tag;
                if (Lexicon.TryVerb(w, out var verb) && (tag is null || tag.StartsWith('V')))
                {
                    Cue[t] = 1;
                    Stance[t] = verb.Stance;
                }
                else if (Lexicon.TryNoun(w, out var noun) && (tag is null || tag.StartsWith('N')))
                {
                    Cue[t] = 2;
                    Stance[t] = noun.Stance;
                }

                if (Cue[t] == 0 && char.IsAsciiLetter(w[0]))
                {
                    Span<char> lower = w.Length <= buffer.Length ? buffer[..w.Length] : new char[w.Length];
                    w.ToLowerInvariant(lower);
                    foreach (var (words, entry) in Lexicon.PhrasesStartingWith(lower))
                    {
                        if (t + words.Length > tokens.Length)
                        {
                            continue;
                        }

                        bool match = true;
                        for (int k = 1; k < words.Length && match; k++)
                        {
                            match = W(t + k).Equals(words[k], StringComparison.OrdinalIgnoreCase);
                        }

                        if (match)
                        {
                            for (int k = 0; k < words.Length; k++)
                            {
                                if (Cue[t + k] == 0)
                                {
                                    Cue[t + k] = 3;
                                    Stance[t + k] = entry.Stance;
                                }
                            }

                            break;
                        }
                    }
                }
            }
        }

        private void MarkQuotes()
        {
            for (int q = 0; q < Doc.Quotes.Count; q++)
            {
                var quote = Doc.Quotes[q];
                if (quote.Depth != 0)
                {
                    continue;
                }

                var (s, e) = Doc.TokenRange(quote.Outer);
                for (int t = s; t < e; t++)
                {
                    QState[t] = 2;
                }

                if (quote.Open >= 0 && s < e)
                {
                    QState[s] = 1;
                }

                if (quote.Close >= 0 && e > s)
                {
                    QState[e - 1] = 3;
                }
            }
        }
    }

    /// <summary>
    /// Every token's strings hashed once (<see cref="FeatureHash.Text(ReadOnlySpan{char})"/>): the
    /// word lower-cased, its last three characters, part of speech, lemma, entity tag and dependency
    /// label. Templates add these ids instead of hashing characters again. The entity and
    /// dependency arrays are empty when no token has one (the templates that read them are skipped).
    /// </summary>
    internal sealed class TokenIds
    {
        public TokenIds(Document doc, string norm)
        {
            int n = doc.TokenCount;
            var tokens = doc.TokenData;
            Word = new int[n];
            Suffix = new int[n];
            Tag = new int[n];
            Lemma = new int[n];
            bool ner = false, dep = false;
            for (int t = 0; t < n; t++)
            {
                ref readonly var tok = ref tokens[t];
                var w = AttributionFeatures.Word(doc, norm, t);
                Word[t] = FeatureHash.Text(w);
                Suffix[t] = w.Length > 3 ? FeatureHash.Text(w[^3..]) : Word[t];
                Tag[t] = FeatureHash.Text(tok.Tag);
                Lemma[t] = FeatureHash.Text(tok.Lemma);
                ner |= tok.Ner is not null;
                dep |= tok.Dep is not null;
            }

            Ner = ner ? new int[n] : Array.Empty<int>();
            Dep = dep ? new int[n] : Array.Empty<int>();
            for (int t = 0; (ner || dep) && t < n; t++)
            {
                if (ner)
                {
                    Ner[t] = FeatureHash.Text(tokens[t].Ner);
                }

                if (dep)
                {
                    Dep[t] = FeatureHash.Text(tokens[t].Dep);
                }
            }
        }

        public int[] Word { get; }

        public int[] Suffix { get; }

        public int[] Tag { get; }

        public int[] Lemma { get; }

        public int[] Ner { get; }

        public int[] Dep { get; }
    }

    /// <summary>The word id of token <paramref name="t"/>, or the id of the position before or after the document.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Wid(int t) => (uint)t < (uint)_ids.Word.Length ? _ids.Word[t] : (t < 0 ? FeatureHash.Bos : FeatureHash.Eos);

    /// <summary>The part-of-speech id of token <paramref name="t"/>, or the id of the position before or after the document.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int TagId(int t) => (uint)t < (uint)_ids.Tag.Length ? _ids.Tag[t] : (t < 0 ? FeatureHash.Bos : FeatureHash.Eos);

    private void MarkDistances(int firstSentence, int endSentence)
    {
        int o = Start;
        for (int i = firstSentence; i < endSentence; i++)
        {
            var sent = _doc.Sentences[i];
            int last = -1, lastClose = -1, lastVerb = -1;
            for (int t = sent.TokenStart; t < sent.TokenEnd; t++)
            {
                _leftCue[t - o] = last < 0 ? 0 : t - last;
                _leftQuoteEnd[t - o] = lastClose < 0 ? 0 : t - lastClose;
                _leftVerb[t - o] = lastVerb;
                if (_cue[t] is 1 or 3 && _qstate[t] == 0)
                {
                    last = t;
                }

                if (IsVerb(t))
                {
                    lastVerb = t;
                }

                if (_qstate[t] == 3)
                {
                    lastClose = t;
                }
            }

            int next = -1, nextVerb = -1;
            for (int t = sent.TokenEnd - 1; t >= sent.TokenStart; t--)
            {
                _rightCue[t - o] = next < 0 ? 0 : next - t;
                _rightVerb[t - o] = nextVerb;
                if (_cue[t] is 1 or 3 && _qstate[t] == 0)
                {
                    next = t;
                }

                if (IsVerb(t))
                {
                    nextVerb = t;
                }
            }
        }
    }

    /// <summary>Whether the pipeline tagged token <paramref name="t"/> as a verb (false without tags).</summary>
    private bool IsVerb(int t) => _doc.TokenData[t].Tag is { } tag && tag.StartsWith('V');

    private void MarkStack(byte[] stack, int firstSentence, int endSentence)
    {
        int o = Start;
        for (int i = firstSentence; i < endSentence; i++)
        {
            var sent = _doc.Sentences[i];
            int last = -1, bits = 0;
            for (int t = sent.TokenStart; t < sent.TokenEnd; t++)
            {
                _stackLeftCue[t - o] = last < 0 ? 0 : t - last;
                int kind = SpanTags.KindOf(stack[t]);
                bits |= kind == 0 ? 0 : 1 << kind;
                if (kind == 2 && (t + 1 == sent.TokenEnd || stack[t + 1] != SpanTags.ICue))
                {
                    last = t;
                }
            }

            int next = -1;
            for (int t = sent.TokenEnd - 1; t >= sent.TokenStart; t--)
            {
                _stackSentence[t - o] = bits;
                _stackRightCue[t - o] = next < 0 ? 0 : next - t;
                if (stack[t] == SpanTags.BCue)
                {
                    next = t;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StackTag(int t) => t < 0 || t >= _doc.TokenCount ? SpanTags.Count : _stack![t];

    private void ExtractStacked(int t, int q)
    {
        int p = StackTag(t);
        int lc = Bucket(_stackLeftCue[t - Start]), rc = Bucket(_stackRightCue[t - Start]);
        F(new FeatureHash(60).Add(p));
        F(new FeatureHash(61).Add(StackTag(t - 1)).Add(p));
        F(new FeatureHash(62).Add(p).Add(StackTag(t + 1)));
        F(new FeatureHash(63).Add(StackTag(t - 2)).Add(StackTag(t - 1)).Add(p).Add(StackTag(t + 1)).Add(StackTag(t + 2)));
        F(new FeatureHash(64).Add(lc).Add(rc));
        F(new FeatureHash(65).Add(lc).Add(rc).Add(p));
        F(new FeatureHash(66).Add(lc).Add(q).Add(Shape(t)));
        F(new FeatureHash(67).Add(p).Add(_ids.Word[t]));
        F(new FeatureHash(68).Add(_stackSentence[t - Start]).Add(p));
        F(new FeatureHash(69).Add(p).Add(q).Add(lc > 0 ? 1 : 0).Add(rc > 0 ? 1 : 0));
        if (lc > 0)
        {
            F(new FeatureHash(70).Add(Wid(t - _stackLeftCue[t - Start])).Add(Math.Min(lc, 3)));
        }

        if (rc > 0)
        {
            F(new FeatureHash(71).Add(Wid(t + _stackRightCue[t - Start])).Add(Math.Min(rc, 3)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bucket(int d) => d switch
    {
        <= 0 => 0,
        1 => 1,
        2 => 2,
        3 => 3,
        <= 5 => 4,
        <= 8 => 5,
        <= 13 => 6,
        <= 21 => 7,
        _ => 8,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Shape(int t) => (uint)t < (uint)_shapes.Length ? _shapes[t] : 0;

    /// <summary>Quote, punctuation (by character), number, or word by capitalization and length.</summary>
    private static int ShapeOf(Document doc, string norm, int t)
    {
        var w = Word(doc, norm, t);
        var kind = doc.TokenData[t].Kind;
        if (kind == TokenKind.Quote)
        {
            return 1;
        }

        if (kind is TokenKind.Punctuation or TokenKind.Symbol)
        {
            return 2 + (w[0] & 0x7F) * 4;
        }

        if (kind == TokenKind.Number)
        {
            return 3;
        }

        bool first = char.IsUpper(w[0]);
        bool all = first;
        for (int i = 1; i < w.Length && all; i++)
        {
            all = !char.IsLower(w[i]);
        }

        return 4 + (first ? 1 : 0) + (all && w.Length > 1 ? 2 : 0) + (w.Length > 3 ? 4 : 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CueCode(int t) => t < 0 || t >= _doc.TokenCount ? 0 : _cue[t];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void F(FeatureHash h)
    {
        if (_count == _buckets.Length)
        {
            Grow(_count + 1);
        }

        _buckets[_count++] = (int)(h.Value & (uint)_mask);
    }

    private void Extract(int t)
    {
        var tokens = _doc.TokenData;
        ref readonly var tok = ref tokens[t];
        var sent = _doc.Sentences[tok.Sentence];
        int pos = t - sent.TokenStart;
        int fromEnd = sent.TokenEnd - 1 - t;
        int w0 = _ids.Word[t];
        int q = _qstate[t];
        int rule = _ruleTags[t];
        int cue = _cue[t];

        F(new FeatureHash(1));
        F(new FeatureHash(2).Add(w0));
        F(new FeatureHash(3).Add(Wid(t - 1)));
        F(new FeatureHash(4).Add(Wid(t + 1)));
        F(new FeatureHash(5).Add(Wid(t - 2)));
        F(new FeatureHash(6).Add(Wid(t + 2)));
        F(new FeatureHash(7).Add(Wid(t - 1)).Add(w0));
        F(new FeatureHash(8).Add(w0).Add(Wid(t + 1)));
        F(new FeatureHash(9).Add(Shape(t)));
        F(new FeatureHash(10).Add(Shape(t - 1)).Add(Shape(t)).Add(Shape(t + 1)));
        F(new FeatureHash(11).Add(_ids.Suffix[t]));
        F(new FeatureHash(12).Add(cue).Add(cue == 0 ? FeatureHash.Null : FeatureHash.Text(_stance[t])));
        F(new FeatureHash(13).Add(CueCode(t - 1)).Add(cue).Add(CueCode(t + 1)));
        F(new FeatureHash(14).Add(CueCode(t - 2)).Add(CueCode(t - 1)));
        F(new FeatureHash(15).Add(q).Add(t > 0 ? _qstate[t - 1] : 0).Add(t + 1 < tokens.Length ? _qstate[t + 1] : 0));
        F(new FeatureHash(16).Add(q).Add(cue));
        F(new FeatureHash(17).Add(Math.Min(pos, 3)).Add(Math.Min(fromEnd, 3)));
        F(new FeatureHash(18).Add(Math.Min(tok.Sentence - FirstSentenceOfParagraph(sent.Paragraph), 3)).Add(pos == 0 ? 1 : 0));
        int lc = Bucket(_leftCue[t - Start]), rc = Bucket(_rightCue[t - Start]);
        F(new FeatureHash(19).Add(lc));
        F(new FeatureHash(20).Add(rc));
        F(new FeatureHash(21).Add(lc).Add(rc));
        F(new FeatureHash(22).Add(lc).Add(q));
        F(new FeatureHash(23).Add(rc).Add(q));
        F(new FeatureHash(24).Add(rule));
        F(new FeatureHash(25).Add(rule).Add(w0));
        F(new FeatureHash(26).Add(rule).Add(q));
        F(new FeatureHash(27).Add(rule).Add(t > 0 ? _ruleTags[t - 1] : 0).Add(t + 1 < tokens.Length ? _ruleTags[t + 1] : 0));
        F(new FeatureHash(28).Add(CueCode(t - 1)).Add(w0));
        F(new FeatureHash(29).Add(w0).Add(CueCode(t + 1)));
        F(new FeatureHash(30).Add(Bucket(_leftQuoteEnd[t - Start])).Add(q));
        F(new FeatureHash(31).Add(Shape(t)).Add(lc).Add(rc));
        F(new FeatureHash(32).Add(w0).Add(q));
        F(new FeatureHash(33).Add(Math.Min(pos, 3)).Add(w0));
        if (lc > 0)
        {
            int v = t - _leftCue[t - Start];
            F(new FeatureHash(34).Add(Wid(v)).Add(Math.Min(lc, 4)));
        }

        if (rc > 0)
        {
            int v = t + _rightCue[t - Start];
            F(new FeatureHash(35).Add(Wid(v)).Add(Math.Min(rc, 4)));
        }

        ExtractClause(t, sent, q);
        _split[t - Start] = _count;
        if (_stack is not null)
        {
            ExtractStacked(t, q);
        }

        ExtractLinguistic(t, q, lc, rc, rule);
    }

    /// <summary>Clause edges: the nearest punctuation on each side within the sentence.</summary>
    private void ExtractClause(int t, Sentence sent, int q)
    {
        var (pp, np) = ClauseEdges(t, sent);

        int next = np < sent.TokenEnd ? _ids.Word[np] : FeatureHash.Eos;
        int prev = pp >= sent.TokenStart ? _ids.Word[pp] : FeatureHash.Bos;
        F(new FeatureHash(36).Add(next).Add(Bucket(np - t)));
        F(new FeatureHash(37).Add(prev).Add(Bucket(t - pp)));
        F(new FeatureHash(38).Add(prev).Add(next).Add(q));
        if (np + 1 < sent.TokenEnd)
        {
            F(new FeatureHash(39).Add(next).Add(CueCode(np + 1)).Add(CueCode(Math.Min(np + 2, sent.TokenEnd - 1))));
        }
    }

    /// <summary>The linguistic layer, when the pipeline has it.</summary>
    private void ExtractLinguistic(int t, int q, int lc, int rc, int rule)
    {
        var tokens = _doc.TokenData;
        ref readonly var tok = ref tokens[t];
        var ids = _ids;
        if (tok.Tag is not null)
        {
            int tag = ids.Tag[t], prevTag = TagId(t - 1), nextTag = TagId(t + 1);
            F(new FeatureHash(40).Add(tag));
            F(new FeatureHash(41).Add(prevTag).Add(tag));
            F(new FeatureHash(42).Add(tag).Add(nextTag));
            F(new FeatureHash(43).Add(prevTag).Add(tag).Add(nextTag));
            F(new FeatureHash(44).Add(tag).Add(q).Add(lc));
            F(new FeatureHash(45).Add(tag).Add(rule));
            F(new FeatureHash(56).Add(TagId(t - 2)).Add(prevTag).Add(tag));
            F(new FeatureHash(57).Add(tag).Add(nextTag).Add(TagId(t + 2)));
            F(new FeatureHash(58).Add(tag).Add(lc).Add(rc));
        }

        if (tok.Lemma is not null)
        {
            F(new FeatureHash(46).Add(ids.Lemma[t]));
        }

        // The predicates a token may be an argument of: the lemmas of the nearest verbs on each side
        // (most cues outside the lexicon are verbs that the training data marks only now and then).
        if (tok.Tag is { } ownTag)
        {
            int lv = _leftVerb[t - Start], rv = _rightVerb[t - Start];
            int tag = ids.Tag[t];
            if (lv >= 0)
            {
                F(new FeatureHash(80).Add(ids.Lemma[lv]).Add(Bucket(t - lv)));
            }

            if (rv >= 0)
            {
                F(new FeatureHash(81).Add(ids.Lemma[rv]).Add(Bucket(rv - t)));
            }

            if (ownTag.StartsWith('V'))
            {
                F(new FeatureHash(82).Add(ids.Lemma[t]).Add(Wid(t + 1)));
            }

            if (lv >= 0)
            {
                F(new FeatureHash(84).Add(ids.Lemma[lv]).Add(Wid(lv + 1)).Add(q));
                F(new FeatureHash(85).Add(ids.Lemma[lv]).Add(tag));
            }

            if (rv >= 0)
            {
                F(new FeatureHash(86).Add(ids.Lemma[rv]).Add(tag));
            }
        }

        if (tok.Ner is not null)
        {
            F(new FeatureHash(47).Add(ids.Ner[t]));
            F(new FeatureHash(48).Add(ids.Ner[t]).Add(t > 0 ? ids.Ner[t - 1] : FeatureHash.Bos));
        }

        if (tok.Dep is not null)
        {
            int head = tok.Head;
            int dep = ids.Dep[t];
            F(new FeatureHash(50).Add(dep));
            F(new FeatureHash(51).Add(dep).Add(head >= 0 ? CueCode(head) : -1));
            if (head >= 0)
            {
                F(new FeatureHash(52).Add(dep).Add(Wid(head)));
            }

            // Walk up to the nearest reporting verb: the label of the edge into it and the depth.
            int child = t, up = head, depth = 1;
            while (up >= 0 && depth <= 8 && CueCode(up) == 0)
            {
                child = up;
                up = tokens[up].Head;
                depth++;
            }

            if (up >= 0 && depth <= 8)
            {
                F(new FeatureHash(53).Add(ids.Dep[child]).Add(Math.Min(depth, 4)));
                F(new FeatureHash(54).Add(ids.Dep[child]).Add(up < t ? 1 : 0));
            }
            else
            {
                F(new FeatureHash(55));
            }
        }
    }

    private int _edgeSentence = -1;
    private int[] _nextEdge = Array.Empty<int>();
    private int[] _prevEdge = Array.Empty<int>();

    /// <summary>
    /// The nearest punctuation or quote token before and after <paramref name="t"/> in its sentence
    /// (<c>TokenStart - 1</c> and <c>TokenEnd</c> when none), from arrays filled once per sentence.
    /// </summary>
    private (int Prev, int Next) ClauseEdges(int t, Sentence sent)
    {
        if (_edgeSentence != _doc.TokenData[t].Sentence)
        {
            _edgeSentence = _doc.TokenData[t].Sentence;
            var tokens = _doc.TokenData;
            int n = sent.TokenEnd - sent.TokenStart;
            if (_nextEdge.Length < n)
            {
                _nextEdge = new int[Math.Max(n, 2 * _nextEdge.Length)];
                _prevEdge = new int[_nextEdge.Length];
            }

            int prev = sent.TokenStart - 1;
            for (int k = sent.TokenStart; k < sent.TokenEnd; k++)
            {
                _prevEdge[k - sent.TokenStart] = prev;
                if (tokens[k].Kind is TokenKind.Punctuation or TokenKind.Quote)
                {
                    prev = k;
                }
            }

            int next = sent.TokenEnd;
            for (int k = sent.TokenEnd - 1; k >= sent.TokenStart; k--)
            {
                _nextEdge[k - sent.TokenStart] = next;
                if (tokens[k].Kind is TokenKind.Punctuation or TokenKind.Quote)
                {
                    next = k;
                }
            }
        }

        return (_prevEdge[t - sent.TokenStart], _nextEdge[t - sent.TokenStart]);
    }

    private int _paraCacheP = -1;
    private int _paraCacheFirst;

    private int FirstSentenceOfParagraph(int paragraph)
    {
        if (paragraph == _paraCacheP)
        {
            return _paraCacheFirst;
        }

        // Tokens come in order, so paragraphs only grow: go on from the last answer (linear, not
        // a scan from the first sentence for every paragraph).
        int i = paragraph > _paraCacheP && _paraCacheP >= 0 ? _paraCacheFirst : 0;
        while (i < _doc.Sentences.Count && _doc.Sentences[i].Paragraph < paragraph)
        {
            i++;
        }

        _paraCacheP = paragraph;
        _paraCacheFirst = i;
        return i;
    }
}
