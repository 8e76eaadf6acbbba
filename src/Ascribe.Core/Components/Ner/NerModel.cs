using System.Globalization;
using Ascribe.Core.Components.Tag;
using Ascribe.Core.Models;

namespace Ascribe.Core.Components.Ner;

/// <summary>
/// Greedy left-to-right averaged-perceptron named-entity recognizer for PERSON, ORGANIZATION,
/// LOCATION and MISC. Labels are BILOU-encoded (B-, I-, L-, U- per type, and O) and decoding
/// only allows well-formed sequences. Features: the word and its neighbours, shape, affixes,
/// part-of-speech tags, previous labels, a gazetteer of names and a lexicon of name words seen
/// in several training articles, and a document memory (the type a capitalized word was given
/// earlier in the same document). Immutable and thread-safe once built or loaded; the memory is
/// the caller's, one per document.
/// </summary>
public sealed class NerModel
{
    internal const string Kind = "ner";

    /// <summary>Model file version: 2 added document memory, capitalized-run, longer prefix and wider context features.</summary>
    internal const int FormatVersion = 2;
    internal const int MaxPhrase = 6;
    private const int MaxFeatures = 64;
    private static readonly HashSet<ulong> Connectors = new[] { "of", "for", "and", "&", "on", "the" }.Select(w => FeatureHash.Lower(w)).ToHashSet();

    private static readonly string[] Types = { "PERSON", "ORGANIZATION", "LOCATION", "MISC" };
    private static readonly string[] Prefixes = { "B", "I", "L", "U" };
    private static readonly WordInfo Pad = WordInfo.Compute("-PAD-", true, true);
    private static readonly ulong PadTag = FeatureHash.Text("-PAD-");

    private readonly WeightTable _weights;

    /// <summary>Gazetteer: hash of a word sequence to the label index of its first word's type (U- for one word).</summary>
    private readonly Dictionary<ulong, byte> _gazetteer;

    /// <summary>Word lexicon: hash of a word to 1 + the type of the names it is most often part of.</summary>
    private readonly Dictionary<ulong, byte> _wordTypes;

    internal NerModel(WeightTable weights, Dictionary<ulong, byte> gazetteer, Dictionary<ulong, byte> wordTypes)
    {
        _weights = weights;
        _gazetteer = gazetteer;
        _wordTypes = wordTypes;
    }

    /// <summary>Label set: 0 is O; then B, I, L, U for each type in turn.</summary>
    public static IReadOnlyList<string> Labels { get; } = new[] { "O" }.Concat(Types.SelectMany(t => Prefixes.Select(p => p + "-" + t))).ToArray();

    public int GazetteerCount => _gazetteer.Count;

    /// <summary>The entity type of label <paramref name="label"/>, or "O".</summary>
    public static string TypeOf(int label) => label == 0 ? "O" : Types[(label - 1) / 4];

    private static int Prefix(int label) => label == 0 ? -1 : (label - 1) % 4;

    private static int Label(int type, int prefix) => 1 + (type * 4) + prefix;

    /// <summary>Whether <paramref name="label"/> may follow <paramref name="previous"/> (-1 at sentence start).</summary>
    internal static bool Allowed(int previous, int label)
    {
        bool open = previous > 0 && Prefix(previous) is 0 or 1;
        if (open)
        {
            // Inside an entity: only I or L of the same type may come next.
            return (label - 1) / 4 == (previous - 1) / 4 && Prefix(label) is 1 or 2;
        }

        return label == 0 || Prefix(label) is 0 or 3;
    }

    /// <summary>
    /// Labels one sentence: <paramref name="tags"/> are hashed POS tags, <paramref name="labels"/>
    /// receives indices into <see cref="Labels"/>. <paramref name="memory"/> holds, for each word
    /// already labelled as part of a name earlier in the same document, 1 + that name's type; the
    /// sentence's names are added to it.
    /// </summary>
    internal void Predict(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, Span<int> labels, Dictionary<ulong, byte> memory)
    {
        Span<ulong> feats = stackalloc ulong[MaxFeatures];
        Span<float> scores = stackalloc float[Labels.Count];
        Span<ulong> gaz = words.Length <= 256 ? stackalloc ulong[words.Length] : new ulong[words.Length];
        Span<ulong> lex = words.Length <= 256 ? stackalloc ulong[words.Length] : new ulong[words.Length];
        Span<ulong> mem = words.Length <= 256 ? stackalloc ulong[words.Length] : new ulong[words.Length];
        MatchGazetteer(words, _gazetteer, gaz);
        LookUpWords(words, _wordTypes, lex);
        LookUpWords(words, memory, mem);
        Span<int> runs = words.Length <= 256 ? stackalloc int[2 * words.Length] : new int[2 * words.Length];
        CapitalizedRuns(words, runs);
        for (int i = 0; i < words.Length; i++)
        {
            int n = Features(words, tags, gaz, lex, mem, runs, i, labels, feats);
            scores.Clear();
            _weights.AddAll(feats[..n], scores);

            labels[i] = Best(scores, i == 0 ? -1 : labels[i - 1], i == words.Length - 1);
        }

        Remember(words, labels, memory);
    }

    /// <summary>
    /// For each word, the first and last index (at <c>2i</c>, <c>2i + 1</c>) of the run of
    /// capitalized words it belongs to (connectors such as "of" or "and" join two capitalized
    /// words), or -1 and -1 outside such runs.
    /// </summary>
    private static void CapitalizedRuns(ReadOnlySpan<WordInfo> words, Span<int> runs)
    {
        runs.Fill(-1);
        int i = 0;
        while (i < words.Length)
        {
            if ((words[i].Flags & WordFlags.InitialCap) == 0)
            {
                i++;
                continue;
            }

            int end = i;
            while (true)
            {
                if (end + 1 < words.Length && (words[end + 1].Flags & WordFlags.InitialCap) != 0)
                {
                    end++;
                }
                else if (end + 2 < words.Length && Connectors.Contains(words[end + 1].Lower) && (words[end + 2].Flags & WordFlags.InitialCap) != 0)
                {
                    end += 2;
                }
                else
                {
                    break;
                }
            }

            for (int k = i; k <= end; k++)
            {
                runs[2 * k] = i;
                runs[(2 * k) + 1] = end;
            }

            i = end + 1;
        }
    }

    /// <summary>Records the type of every word labelled as part of a name (capitalized words only).</summary>
    private static void Remember(ReadOnlySpan<WordInfo> words, ReadOnlySpan<int> labels, Dictionary<ulong, byte> memory)
    {
        for (int i = 0; i < words.Length; i++)
        {
            if (labels[i] != 0 && (words[i].Flags & WordFlags.InitialCap) != 0)
            {
                memory[words[i].Exact] = (byte)(1 + ((labels[i] - 1) / 4));
            }
        }
    }

    /// <summary>Per word: 1 + the type of the names the lexicon says it is most often part of, or 0.</summary>
    private static void LookUpWords(ReadOnlySpan<WordInfo> words, Dictionary<ulong, byte> wordTypes, Span<ulong> lex)
    {
        for (int i = 0; i < words.Length; i++)
        {
            lex[i] = wordTypes.TryGetValue(words[i].Exact, out byte t) ? t : 0UL;
        }
    }

    private static int Best(ReadOnlySpan<float> scores, int previous, bool last)
    {
        int best = -1;
        float max = float.NegativeInfinity;
        for (int k = 0; k < scores.Length; k++)
        {
            // At the end of a sentence an entity must be closed.
            if (!Allowed(previous, k) || (last && Prefix(k) is 0 or 1))
            {
                continue;
            }

            if (scores[k] > max)
            {
                max = scores[k];
                best = k;
            }
        }

        return best;
    }

    /// <summary>Marks each word covered by the longest gazetteer match starting left of it with its BILOU label hash.</summary>
    private static void MatchGazetteer(ReadOnlySpan<WordInfo> words, Dictionary<ulong, byte> gazetteer, Span<ulong> gaz)
    {
        gaz.Clear();
        int i = 0;
        while (i < words.Length)
        {
            int matched = 0;
            int type = 0;
            ulong h = 0;
            for (int len = 1; len <= MaxPhrase && i + len <= words.Length; len++)
            {
                h = FeatureHash.Combine(h, words[i + len - 1].Exact);
                if (gazetteer.TryGetValue(h, out byte t))
                {
                    matched = len;
                    type = t;
                }
            }

            if (matched == 0)
            {
                i++;
                continue;
            }

            for (int k = 0; k < matched; k++)
            {
                int prefix = matched == 1 ? 3 : k == 0 ? 0 : k == matched - 1 ? 2 : 1;
                gaz[i + k] = (ulong)Label(type, prefix);
            }

            i += matched;
        }
    }

    private static int Features(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, ReadOnlySpan<ulong> gaz, ReadOnlySpan<ulong> lex, ReadOnlySpan<ulong> mem, ReadOnlySpan<int> runs, int i, ReadOnlySpan<int> labels, Span<ulong> f)
    {
        ref readonly var w = ref words[i];
        ref readonly var wm1 = ref i >= 1 ? ref words[i - 1] : ref Pad;
        ref readonly var wm2 = ref i >= 2 ? ref words[i - 2] : ref Pad;
        ref readonly var wp1 = ref i + 1 < words.Length ? ref words[i + 1] : ref Pad;
        ref readonly var wp2 = ref i + 2 < words.Length ? ref words[i + 2] : ref Pad;
        ulong t = tags[i];
        ulong tm1 = i >= 1 ? tags[i - 1] : PadTag;
        ulong tp1 = i + 1 < words.Length ? tags[i + 1] : PadTag;
        ulong p1 = i >= 1 ? (ulong)labels[i - 1] : 99;
        ulong p2 = i >= 2 ? (ulong)labels[i - 2] : 99;
        ulong g = gaz[i];
        ulong gm1 = i >= 1 ? gaz[i - 1] : 99;
        ulong gp1 = i + 1 < words.Length ? gaz[i + 1] : 99;
        int n = 0;
        f[n++] = 0x2000;
        f[n++] = FeatureHash.Combine(0x2001, w.Lower);
        f[n++] = FeatureHash.Combine(0x2002, w.Exact);
        f[n++] = FeatureHash.Combine(0x2003, w.Shape);
        f[n++] = FeatureHash.Combine(0x2004, w.Prefix2);
        f[n++] = FeatureHash.Combine(0x2005, w.Suffix2);
        f[n++] = FeatureHash.Combine(0x2006, w.Suffix3);
        f[n++] = FeatureHash.Combine(0x2007, w.Suffix4);
        f[n++] = FeatureHash.Combine(0x2008, t);
        f[n++] = FeatureHash.Combine(0x2009, tm1);
        f[n++] = FeatureHash.Combine(0x200A, tp1);
        f[n++] = FeatureHash.Combine(0x200B, wm1.Lower);
        f[n++] = FeatureHash.Combine(0x200C, wp1.Lower);
        f[n++] = FeatureHash.Combine(0x200D, wm2.Lower);
        f[n++] = FeatureHash.Combine(0x200E, wp2.Lower);
        f[n++] = FeatureHash.Combine(0x200F, wm1.Shape);
        f[n++] = FeatureHash.Combine(0x2010, wp1.Shape);
        f[n++] = FeatureHash.Combine(0x2011, p1);
        f[n++] = FeatureHash.Combine(0x2012, p1, p2);
        f[n++] = FeatureHash.Combine(0x2013, p1, w.Shape);
        f[n++] = FeatureHash.Combine(0x2014, p1, w.Lower);
        f[n++] = FeatureHash.Combine(0x2015, p1, t);
        f[n++] = FeatureHash.Combine(0x2016, g);
        f[n++] = FeatureHash.Combine(0x2017, g, w.Shape);
        f[n++] = FeatureHash.Combine(0x2018, gm1, g, gp1);
        f[n++] = FeatureHash.Combine(0x2019, p1, g);
        f[n++] = FeatureHash.Combine(0x201A, w.Lower, wp1.Lower);
        f[n++] = FeatureHash.Combine(0x201B, wm1.Lower, w.Lower);
        f[n++] = FeatureHash.Combine(0x201C, t, w.Shape);
        f[n++] = FeatureHash.Combine(0x201D, (ulong)(i == 0 ? 1 : 0), (ulong)w.Flags);
        f[n++] = FeatureHash.Combine(0x201E, wm1.Exact, w.Exact);
        f[n++] = FeatureHash.Combine(0x201F, w.Exact, wp1.Exact);
        f[n++] = FeatureHash.Combine(0x2020, tm1, t, tp1);
        f[n++] = FeatureHash.Combine(0x2021, p1, wm1.Lower);
        ulong x = lex[i];
        ulong xm1 = i >= 1 ? lex[i - 1] : 99;
        ulong xp1 = i + 1 < words.Length ? lex[i + 1] : 99;
        f[n++] = FeatureHash.Combine(0x2022, x);
        f[n++] = FeatureHash.Combine(0x2024, x, w.Shape);
        f[n++] = FeatureHash.Combine(0x2025, xm1, x, xp1);
        f[n++] = FeatureHash.Combine(0x2026, p1, x);

        // What the same word was labelled as earlier in the document.
        ulong m = mem[i];
        ulong mm1 = i >= 1 ? mem[i - 1] : 99;
        ulong mp1 = i + 1 < words.Length ? mem[i + 1] : 99;
        f[n++] = FeatureHash.Combine(0x2027, m);
        f[n++] = FeatureHash.Combine(0x2028, m, w.Shape);
        f[n++] = FeatureHash.Combine(0x2029, mm1, m, mp1);
        f[n++] = FeatureHash.Combine(0x202A, p1, m);

        // Longer prefixes, case-exact neighbours and the wider window's shapes.
        f[n++] = FeatureHash.Combine(0x202B, w.Prefix3);
        f[n++] = FeatureHash.Combine(0x202C, w.Prefix4);
        f[n++] = FeatureHash.Combine(0x202D, wm1.Exact);
        f[n++] = FeatureHash.Combine(0x202E, wp1.Exact);
        f[n++] = FeatureHash.Combine(0x202F, wm2.Shape, wm1.Shape, w.Shape);
        f[n++] = FeatureHash.Combine(0x2030, w.Shape, wp1.Shape, wp2.Shape);
        f[n++] = FeatureHash.Combine(0x2031, x, wp1.Lower);
        f[n++] = FeatureHash.Combine(0x2032, g, wp1.Lower);

        // The run of capitalized words around this one: its last word names the kind of thing
        // ("Committee", "Party", "News"), its first and its length the rest.
        int first = runs[2 * i], last = runs[(2 * i) + 1];
        if (first >= 0)
        {
            ulong place = first == last ? 3UL : i == first ? 0UL : i == last ? 2UL : 1UL;
            f[n++] = FeatureHash.Combine(0x2033, words[last].Lower, place);
            f[n++] = FeatureHash.Combine(0x2034, words[first].Lower, place);
            f[n++] = FeatureHash.Combine(0x2035, (ulong)Math.Min(last - first + 1, 6), place, first == 0 ? 1UL : 0UL);
            f[n++] = FeatureHash.Combine(0x2036, words[last].Lower, p1);
        }
        else
        {
            f[n++] = 0x2037;
        }

        return n;
    }

    /// <summary>BILOU labels for a sentence whose entities are runs of one type label.</summary>
    internal static int[] Encode(AnnotatedSentence sent)
    {
        var labels = new int[sent.Count];
        for (int i = 0; i < sent.Count;)
        {
            int j = i + 1;
            while (j < sent.Count && sent.Entities[j] == sent.Entities[i])
            {
                j++;
            }

            int type = Array.IndexOf(Types, sent.Entities[i]);
            if (type >= 0)
            {
                for (int k = i; k < j; k++)
                {
                    labels[k] = Label(type, j - i == 1 ? 3 : k == i ? 0 : k == j - 1 ? 2 : 1);
                }
            }

            i = j;
        }

        return labels;
    }

    /// <summary>
    /// Trains on <paramref name="train"/> (articles of sentences). Names enter the gazetteer only
    /// when they occur in at least two articles, so that during training the gazetteer is as
    /// incomplete as it will be on new text.
    /// </summary>
    public static NerModel Train(IReadOnlyList<IReadOnlyList<AnnotatedSentence>> train, IReadOnlyList<AnnotatedSentence>? dev, TrainOptions options)
    {
        var (gazetteer, wordTypes) = BuildGazetteer(train);
        var sentences = train.SelectMany(a => a).ToArray();
        var firstOf = new int[train.Count + 1];
        for (int k = 0; k < train.Count; k++)
        {
            firstOf[k + 1] = firstOf[k] + train[k].Count;
        }

        var words = sentences.Select(s => WordInfo.Compute(s.Words, s.SpaceBefore, s.SpaceAfter)).ToArray();
        var tags = sentences.Select(s => s.Tags.Select(t => FeatureHash.Text(t)).ToArray()).ToArray();
        var gold = sentences.Select(Encode).ToArray();
        var trainer = new PerceptronTrainer(Labels.Count);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var rng = new Random(options.Seed);
        var feats = new ulong[MaxFeatures];
        var scores = new float[Labels.Count];
        var memory = new Dictionary<ulong, byte>();
        for (int it = 1; it <= options.Iterations; it++)
        {
            int correct = 0, total = 0;
            foreach (int s in order.SelectMany(a => Enumerable.Range(firstOf[a], firstOf[a + 1] - firstOf[a])))
            {
                if (Array.BinarySearch(firstOf, s) >= 0)
                {
                    memory.Clear();
                }

                var sent = words[s];
                var gaz = new ulong[sent.Length];
                var lex = new ulong[sent.Length];
                var mem = new ulong[sent.Length];
                MatchGazetteer(sent, gazetteer, gaz);
                LookUpWords(sent, wordTypes, lex);
                LookUpWords(sent, memory, mem);
                var runs = new int[2 * sent.Length];
                CapitalizedRuns(sent, runs);
                var predicted = new int[sent.Length];
                for (int i = 0; i < sent.Length; i++)
                {
                    int n = Features(sent, tags[s], gaz, lex, mem, runs, i, predicted, feats);
                    Array.Clear(scores);
                    trainer.Score(feats.AsSpan(0, n), scores);
                    int guess = Best(scores, i == 0 ? -1 : predicted[i - 1], i == sent.Length - 1);
                    trainer.Update(gold[s][i], guess, feats.AsSpan(0, n));
                    predicted[i] = guess;
                    correct += guess == gold[s][i] ? 1 : 0;
                    total++;
                }

                Remember(sent, predicted, memory);
            }

            rng.Shuffle(order);
            string line = string.Create(CultureInfo.InvariantCulture, $"ner iteration {it}: train label accuracy {100.0 * correct / Math.Max(1, total):F2}%, {trainer.FeatureCount} features");
            if (dev is not null && (it == options.Iterations || options.Log is not null))
            {
                var model = new NerModel(trainer.Average(options.Prune), gazetteer, wordTypes);
                options.Checkpoint?.Invoke(model.Save);
                line += string.Create(CultureInfo.InvariantCulture, $", dev entity F1 {model.Evaluate(dev):F2}");
            }

            options.Log?.Invoke(line);
        }

        return new NerModel(trainer.Average(options.Prune), gazetteer, wordTypes);
    }

    /// <summary>
    /// Entity-level F1 (exact span and type) on sentences with their own tokens and gold POS tags,
    /// in article order (a sentence starting before its predecessor begins a new article).
    /// </summary>
    public double Evaluate(IReadOnlyList<AnnotatedSentence> sentences)
    {
        long tp = 0, gold = 0, pred = 0;
        var memory = new Dictionary<ulong, byte>();
        int lastStart = int.MaxValue;
        foreach (var sent in sentences)
        {
            if (sent.Count > 0 && sent.Starts[0] < lastStart)
            {
                memory.Clear();
            }

            lastStart = sent.Count > 0 ? sent.Starts[0] : lastStart;
            var words = WordInfo.Compute(sent.Words, sent.SpaceBefore, sent.SpaceAfter);
            var tags = sent.Tags.Select(t => FeatureHash.Text(t)).ToArray();
            var labels = new int[sent.Count];
            Predict(words, tags, labels, memory);
            var g = Runs(sent.Entities);
            var p = Runs(labels.Select(TypeOf).ToArray());
            tp += g.Intersect(p).Count();
            gold += g.Count;
            pred += p.Count;
        }

        return gold + pred == 0 ? 0 : 200.0 * tp / (gold + pred);
    }

    private static HashSet<(int, int, string)> Runs(string[] types)
    {
        var runs = new HashSet<(int, int, string)>();
        for (int i = 0; i < types.Length;)
        {
            int j = i + 1;
            while (j < types.Length && types[j] == types[i])
            {
                j++;
            }

            if (types[i] != "O")
            {
                runs.Add((i, j, types[i]));
            }

            i = j;
        }

        return runs;
    }

    private static (Dictionary<ulong, byte> Phrases, Dictionary<ulong, byte> Words) BuildGazetteer(IReadOnlyList<IReadOnlyList<AnnotatedSentence>> articles)
    {
        var docs = new Dictionary<ulong, HashSet<int>>();
        var types = new Dictionary<ulong, int[]>();
        var wordDocs = new Dictionary<ulong, HashSet<int>>();
        var wordTypes = new Dictionary<ulong, int[]>();
        for (int a = 0; a < articles.Count; a++)
        {
            foreach (var sent in articles[a])
            {
                var words = WordInfo.Compute(sent.Words, sent.SpaceBefore, sent.SpaceAfter);
                foreach (var (start, end, type) in Runs(sent.Entities))
                {
                    for (int k = start; k < end; k++)
                    {
                        ulong wh = words[k].Exact;
                        if (!wordDocs.TryGetValue(wh, out var ws))
                        {
                            ws = new HashSet<int>();
                            wordDocs[wh] = ws;
                            wordTypes[wh] = new int[Types.Length];
                        }

                        ws.Add(a);
                        wordTypes[wh][Array.IndexOf(Types, type)]++;
                    }

                    if (end - start > MaxPhrase)
                    {
                        continue;
                    }

                    ulong h = 0;
                    for (int k = start; k < end; k++)
                    {
                        h = FeatureHash.Combine(h, words[k].Exact);
                    }

                    if (!docs.TryGetValue(h, out var set))
                    {
                        set = new HashSet<int>();
                        docs[h] = set;
                        types[h] = new int[Types.Length];
                    }

                    set.Add(a);
                    types[h][Array.IndexOf(Types, type)]++;
                }
            }
        }

        var gazetteer = new Dictionary<ulong, byte>();
        foreach (var (h, set) in docs.OrderBy(d => d.Key))
        {
            if (set.Count >= 2)
            {
                var counts = types[h];
                gazetteer[h] = (byte)Array.IndexOf(counts, counts.Max());
            }
        }

        var lexicon = new Dictionary<ulong, byte>();
        foreach (var (h, set) in wordDocs.OrderBy(d => d.Key))
        {
            if (set.Count >= 2)
            {
                var counts = wordTypes[h];
                lexicon[h] = (byte)(1 + Array.IndexOf(counts, counts.Max()));
            }
        }

        return (gazetteer, lexicon);
    }

    /// <summary>The same recognizer without weights smaller than <paramref name="threshold"/>.</summary>
    public NerModel Prune(float threshold) => new(_weights.Prune(threshold), _gazetteer, _wordTypes);

    public void Save(Stream stream)
    {
        using var writer = ModelFile.OpenWrite(stream, Kind, FormatVersion);
        ModelFile.WriteStrings(writer, (IReadOnlyList<string>)Labels);
        writer.Write(_gazetteer.Count);
        foreach (var (key, type) in _gazetteer.OrderBy(g => g.Key))
        {
            writer.Write(key);
            writer.Write(type);
        }

        writer.Write(_wordTypes.Count);
        foreach (var (key, type) in _wordTypes.OrderBy(g => g.Key))
        {
            writer.Write(key);
            writer.Write(type);
        }

        _weights.Write(writer);
    }

    /// <exception cref="Errors.AscribeException">The stream is not an entity model (code ModelCorrupt).</exception>
    public static NerModel Load(Stream stream, string source)
    {
        using var reader = ModelFile.OpenRead(stream, Kind, source, FormatVersion);
        return ModelReading.Guard(source, () =>
        {
            var labels = ModelFile.ReadStrings(reader, source);
            if (!labels.SequenceEqual(Labels))
            {
                throw Errors.ThrowHelper.Create(Errors.ErrorCodes.ModelCorrupt, source, "unexpected label set");
            }

            int n = reader.ReadInt32();
            var gazetteer = new Dictionary<ulong, byte>(n);
            for (int i = 0; i < n; i++)
            {
                ulong key = reader.ReadUInt64();
                gazetteer[key] = reader.ReadByte();
            }

            int m = reader.ReadInt32();
            var wordTypes = new Dictionary<ulong, byte>(m);
            for (int i = 0; i < m; i++)
            {
                ulong key = reader.ReadUInt64();
                wordTypes[key] = reader.ReadByte();
            }

            return new NerModel(WeightTable.Read(reader, Labels.Count, source), gazetteer, wordTypes);
        });
    }
}
