using System.Globalization;
using System.Text;
using Ascribe.Core.Documents;
using Ascribe.Core.Models;

namespace Ascribe.Core.Evaluation;

/// <summary>
/// Compares a document's tags, lemmas, entities and dependencies with gold sentences by character
/// offsets. A gold token counts as right only when a predicted token has exactly its offsets and
/// the right label; accuracies are over all gold tokens, punctuation included. Entities are
/// maximal runs of one label within a sentence, matched by exact character span and type.
/// </summary>
public sealed class AnnotationScorer
{
    private long _gold;
    private long _aligned;
    private long _tag;
    private long _lemma;
    private long _uas;
    private long _las;
    private long _goldNoPunct;
    private long _uasNoPunct;
    private long _lasNoPunct;
    private long _sameSplitGold;
    private long _sameSplitUas;
    private long _sameSplitLas;
    private long _entTp;
    private long _entGold;
    private long _entPred;
    private readonly Dictionary<string, (long Tp, long Gold, long Pred)> _byType = new(StringComparer.Ordinal);
    private int _documents;

    public void Add(Document doc, IReadOnlyList<AnnotatedSentence> gold)
    {
        _documents++;
        var byOffsets = new Dictionary<(int, int), int>();
        var tokens = doc.TokenData;
        for (int i = 0; i < tokens.Length; i++)
        {
            byOffsets[(tokens[i].Start, tokens[i].End)] = i;
        }

        foreach (var sent in gold)
        {
            long uasBefore = _uas, lasBefore = _las;
            bool sameSplit = SameSplit(sent, tokens, byOffsets);
            for (int i = 0; i < sent.Count; i++)
            {
                _gold++;
                bool punct = IsPunct(sent.Tags[i]);
                _goldNoPunct += punct ? 0 : 1;
                if (!byOffsets.TryGetValue((sent.Starts[i], sent.Ends[i]), out int t))
                {
                    continue;
                }

                _aligned++;
                ref readonly var token = ref tokens[t];
                _tag += token.Tag == sent.Tags[i] ? 1 : 0;
                _lemma += token.Lemma == sent.Lemmas[i] ? 1 : 0;
                int gh = sent.Heads[i];
                bool headOk = gh < 0
                    ? token.Head < 0 && token.Dep is not null
                    : token.Head >= 0 && tokens[token.Head].Start == sent.Starts[gh] && tokens[token.Head].End == sent.Ends[gh];
                if (headOk)
                {
                    _uas++;
                    _uasNoPunct += punct ? 0 : 1;
                    if (token.Dep == sent.Labels[i])
                    {
                        _las++;
                        _lasNoPunct += punct ? 0 : 1;
                    }
                }
            }

            if (sameSplit)
            {
                _sameSplitGold += sent.Count;
                _sameSplitUas += _uas - uasBefore;
                _sameSplitLas += _las - lasBefore;
            }
        }

        var goldEntities = new HashSet<(int, int, string)>();
        foreach (var sent in gold)
        {
            for (int i = 0; i < sent.Count;)
            {
                int j = i + 1;
                while (j < sent.Count && sent.Entities[j] == sent.Entities[i])
                {
                    j++;
                }

                if (sent.Entities[i] != "O")
                {
                    goldEntities.Add((sent.Starts[i], sent.Ends[j - 1], sent.Entities[i]));
                }

                i = j;
            }
        }

        var predEntities = new HashSet<(int, int, string)>();
        for (int i = 0; i < tokens.Length;)
        {
            int j = i + 1;
            while (j < tokens.Length && tokens[j].Ner == tokens[i].Ner && tokens[j].Sentence == tokens[i].Sentence)
            {
                j++;
            }

            if (tokens[i].Ner is { } type && type != "O")
            {
                predEntities.Add((tokens[i].Start, tokens[j - 1].End, type));
            }

            i = j;
        }

        foreach (var e in goldEntities)
        {
            var c = _byType.GetValueOrDefault(e.Item3);
            bool hit = predEntities.Contains(e);
            _byType[e.Item3] = (c.Tp + (hit ? 1 : 0), c.Gold + 1, c.Pred);
            _entTp += hit ? 1 : 0;
        }

        foreach (var e in predEntities)
        {
            var c = _byType.GetValueOrDefault(e.Item3);
            _byType[e.Item3] = (c.Tp, c.Gold, c.Pred + 1);
        }

        _entGold += goldEntities.Count;
        _entPred += predEntities.Count;
    }

    /// <summary>Whether the document has one sentence made of exactly the gold sentence's tokens.</summary>
    private static bool SameSplit(AnnotatedSentence sent, ReadOnlySpan<TokenData> tokens, Dictionary<(int, int), int> byOffsets)
    {
        if (sent.Count == 0 || !byOffsets.TryGetValue((sent.Starts[0], sent.Ends[0]), out int first))
        {
            return false;
        }

        int sentence = tokens[first].Sentence;
        for (int i = 0; i < sent.Count; i++)
        {
            if (first + i >= tokens.Length || tokens[first + i].Start != sent.Starts[i] || tokens[first + i].End != sent.Ends[i] || tokens[first + i].Sentence != sentence)
            {
                return false;
            }
        }

        int next = first + sent.Count;
        return (first == 0 || tokens[first - 1].Sentence != sentence) && (next >= tokens.Length || tokens[next].Sentence != sentence);
    }

    private static bool IsPunct(string tag) => tag is "," or "." or ":" or "``" or "''" or "-LRB-" or "-RRB-" or "#" or "$" or "HYPH" or "NFP";

    public double AlignmentRate => Pct(_aligned, _gold);

    public double TagAccuracy => Pct(_tag, _gold);

    public double LemmaAccuracy => Pct(_lemma, _gold);

    public double Uas => Pct(_uas, _gold);

    public double Las => Pct(_las, _gold);

    public double EntityF1 => F1(_entTp, _entGold, _entPred);

    /// <summary>A plain-text report, one figure a line.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine(ci, $"documents            {_documents}");
        sb.AppendLine(ci, $"gold tokens          {_gold}");
        sb.AppendLine(ci, $"token alignment      {AlignmentRate:F2} %  ({_aligned} gold tokens have a predicted token with the same offsets)");
        sb.AppendLine(ci, $"POS accuracy         {TagAccuracy:F2} %");
        sb.AppendLine(ci, $"lemma accuracy       {LemmaAccuracy:F2} %");
        sb.AppendLine(ci, $"NER entity P/R/F1    {Pct(_entTp, _entPred):F2} / {Pct(_entTp, _entGold):F2} / {EntityF1:F2}  (gold {_entGold}, predicted {_entPred}, exact span and type)");
        foreach (var (type, c) in _byType.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(ci, $"  {type,-18} {Pct(c.Tp, c.Pred):F2} / {Pct(c.Tp, c.Gold):F2} / {F1(c.Tp, c.Gold, c.Pred):F2}  (gold {c.Gold}, predicted {c.Pred})");
        }

        sb.AppendLine(ci, $"UAS                  {Uas:F2} %");
        sb.AppendLine(ci, $"LAS                  {Las:F2} %");
        sb.AppendLine(ci, $"UAS / LAS no punct   {Pct(_uasNoPunct, _goldNoPunct):F2} / {Pct(_lasNoPunct, _goldNoPunct):F2} %");
        sb.AppendLine(ci, $"UAS / LAS same split {Pct(_sameSplitUas, _sameSplitGold):F2} / {Pct(_sameSplitLas, _sameSplitGold):F2} %  ({Pct(_sameSplitGold, _gold):F2} % of gold tokens are in sentences tokenized and split exactly as gold)");
        return sb.ToString();
    }

    private static double Pct(long a, long b) => b == 0 ? 0 : 100.0 * a / b;

    private static double F1(long tp, long gold, long pred) => gold + pred == 0 ? 0 : 200.0 * tp / (gold + pred);
}
