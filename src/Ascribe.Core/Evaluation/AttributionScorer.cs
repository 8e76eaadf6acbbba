using System.Globalization;
using System.Text;

namespace Ascribe.Core.Evaluation;

/// <summary>
/// Scores predicted attributions against gold exactly as the shared reference scorer
/// (tools/score_attributions.py) does: CofeNet-style exact, begin and Jaccard per component on
/// token intervals, and attribution-level matching by content token IoU. Feed it one
/// <see cref="Add"/> call per gold file, then read <see cref="Result"/>.
/// </summary>
public sealed class AttributionScorer
{
    private readonly Dictionary<string, int[]> _comp = BratAnnotation.Kinds.ToDictionary(k => k, _ => new int[6]);
    private readonly Dictionary<string, (double Sum, int Count)> _jac = BratAnnotation.Kinds.ToDictionary(k => k, _ => (0.0, 0));
    private readonly int[][] _att = { new int[3], new int[3] };
    private static readonly double[] Thresholds = { 0.3, 0.8 };
    private int _srcOk, _srcN;
    private readonly int[] _whole = new int[3];
    private int _files, _missing;

    public AttributionScorer(string mode = "clean")
    {
        Mode = mode;
    }

    public string Mode { get; }

    /// <summary>Scores one gold file against its prediction (null when the prediction is missing).</summary>
    public void Add(ScoreTokens tok, BratAnnotation gold, BratAnnotation? pred)
    {
        _files++;
        if (pred is null)
        {
            _missing++;
            pred = new BratAnnotation();
        }

        foreach (var k in BratAnnotation.Kinds)
        {
            var gs = Fragments(gold, tok, k);
            var ps = Fragments(pred, tok, k);
            var c = _comp[k];
            c[0] += gs.Count(ps.Contains);
            c[1] += ps.Count(p => !gs.Contains(p));
            c[2] += gs.Count(g => !ps.Contains(g));
            var gb = gs.Select(x => x.Start).ToHashSet();
            var pb = ps.Select(x => x.Start).ToHashSet();
            c[3] += gb.Count(pb.Contains);
            c[4] += pb.Count(p => !gb.Contains(p));
            c[5] += gb.Count(g => !pb.Contains(g));
            var (sum, count) = _jac[k];
            foreach (var gi in gs)
            {
                double best;
                if (ps.Contains(gi))
                {
                    best = 1.0;
                }
                else
                {
                    best = 0.0;
                    foreach (var pi in ps)
                    {
                        int inter = Math.Max(0, Math.Min(gi.End, pi.End) - Math.Max(gi.Start, pi.Start));
                        if (inter > 0)
                        {
                            best = Math.Max(best, (double)inter / (Math.Max(gi.End, pi.End) - Math.Min(gi.Start, pi.Start)));
                        }
                    }
                }

                sum += best;
                count++;
            }

            foreach (var pi in ps)
            {
                if (gs.Contains(pi))
                {
                    continue;
                }

                if (!gs.Any(gi => Math.Min(gi.End, pi.End) > Math.Max(gi.Start, pi.Start)))
                {
                    count++;
                }
            }

            _jac[k] = (sum, count);
        }

        var gv = RelView(gold, tok);
        var pv = RelView(pred, tok);
        for (int ti = 0; ti < Thresholds.Length; ti++)
        {
            double t = Thresholds[ti];
            var pairs = new List<(double Score, int G, int P)>();
            for (int gi = 0; gi < gv.Count; gi++)
            {
                for (int pi = 0; pi < pv.Count; pi++)
                {
                    pairs.Add((Iou(gv[gi].Content, pv[pi].Content), gi, pi));
                }
            }

            // Python's sorted(..., reverse=True) on (score, gi, pi) tuples.
            pairs.Sort((a, b) => b.CompareTo(a));
            var usedG = new HashSet<int>();
            var usedP = new HashSet<int>();
            foreach (var (score, gi, pi) in pairs)
            {
                if (score < t)
                {
                    break;
                }

                if (usedG.Contains(gi) || usedP.Contains(pi))
                {
                    continue;
                }

                usedG.Add(gi);
                usedP.Add(pi);
                if (ti == 0)
                {
                    _srcN++;
                    var gsrc = gv[gi].Source;
                    var psrc = pv[pi].Source;
                    if ((gsrc.Count == 0 && psrc.Count == 0) || gsrc.Overlaps(psrc))
                    {
                        _srcOk++;
                    }
                }
            }

            _att[ti][0] += usedG.Count;
            _att[ti][2] += gv.Count - usedG.Count;
            _att[ti][1] += pv.Count - usedP.Count;
        }

        var gx = gv.Select(v => v.Exact).ToHashSet();
        var px = pv.Select(v => v.Exact).ToHashSet();
        _whole[0] += gx.Count(px.Contains);
        _whole[1] += px.Count(p => !gx.Contains(p));
        _whole[2] += gx.Count(g => !px.Contains(g));
    }

    public ScoreResult Result()
    {
        var comps = new Dictionary<string, ComponentScore>(StringComparer.Ordinal);
        foreach (var k in BratAnnotation.Kinds)
        {
            var c = _comp[k];
            var (sum, count) = _jac[k];
            comps[k.ToLowerInvariant()] = new ComponentScore(Prf.From(c[0], c[1], c[2]), Prf.From(c[3], c[4], c[5]), count > 0 ? Math.Round(100 * sum / count, 1) : 0.0);
        }

        return new ScoreResult(
            Mode,
            _files,
            _missing,
            comps,
            Prf.From(_att[0][0], _att[0][1], _att[0][2]),
            Prf.From(_att[1][0], _att[1][1], _att[1][2]),
            _srcN > 0 ? Math.Round(100.0 * _srcOk / _srcN, 1) : 0.0,
            Prf.From(_whole[0], _whole[1], _whole[2]));
    }

    /// <summary>The report in the reference scorer's text layout.</summary>
    public static string Format(ScoreResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"mode={r.Mode} gold_files={r.GoldFiles} missing_predictions={r.MissingPredictions}\n");
        sb.Append(inv, $"{"",-8} {"exact P/R/F1",-22} {"begin P/R/F1",-22} jaccard\n");
        foreach (var k in new[] { "source", "cue", "content" })
        {
            var c = r.Components[k];
            sb.Append(inv, $"{k,-8} {c.Exact.P,5:F1} {c.Exact.R,5:F1} {c.Exact.F1,5:F1}      {c.Begin.P,5:F1} {c.Begin.R,5:F1} {c.Begin.F1,5:F1}      {c.Jaccard,5:F1}\n");
        }

        sb.Append(inv, $"attribution content IoU>=0.3: P {r.ContentIou03.P:F1} R {r.ContentIou03.R:F1} F1 {r.ContentIou03.F1:F1}\n");
        sb.Append(inv, $"attribution content IoU>=0.8: P {r.ContentIou08.P:F1} R {r.ContentIou08.R:F1} F1 {r.ContentIou08.F1:F1}\n");
        sb.Append(inv, $"source accuracy on matched attributions: {r.SourceAccuracy:F1}\n");
        sb.Append(inv, $"whole relation exact: P {r.WholeRelation.P:F1} R {r.WholeRelation.R:F1} F1 {r.WholeRelation.F1:F1}\n");
        sb.Append(inv, $"exact F1 source/cue/content: {r.Components["source"].Exact.F1:F1} / {r.Components["cue"].Exact.F1:F1} / {r.Components["content"].Exact.F1:F1}\n");
        return sb.ToString();
    }

    private static HashSet<(int Start, int End)> Fragments(BratAnnotation ann, ScoreTokens tok, string kind)
    {
        var set = new HashSet<(int, int)>();
        foreach (var (k, frags) in ann.ById.Values)
        {
            if (k != kind)
            {
                continue;
            }

            foreach (var (s, e) in frags)
            {
                if (tok.Interval(s, e) is { } iv)
                {
                    set.Add(iv);
                }
            }
        }

        return set;
    }

    private sealed record RelationView(HashSet<int> Content, HashSet<int> Source, string Exact);

    private static List<RelationView> RelView(BratAnnotation ann, ScoreTokens tok)
    {
        var result = new List<RelationView>();
        foreach (var rel in ann.Relations)
        {
            var content = TokenSet(ann, tok, rel["Content"]);
            if (content.Count == 0)
            {
                continue;
            }

            var exact = string.Join("|", BratAnnotation.Kinds.Select(k => string.Join(";", FragIntervals(ann, tok, rel[k]).Select(iv => iv.Start.ToString(CultureInfo.InvariantCulture) + "," + iv.End.ToString(CultureInfo.InvariantCulture)))));
            result.Add(new RelationView(content, TokenSet(ann, tok, rel["Source"]), exact));
        }

        return result;
    }

    private static HashSet<int> TokenSet(BratAnnotation ann, ScoreTokens tok, List<string> ids)
    {
        var set = new HashSet<int>();
        foreach (var id in ids)
        {
            if (!ann.ById.TryGetValue(id, out var span))
            {
                continue;
            }

            foreach (var (s, e) in span.Fragments)
            {
                if (tok.Interval(s, e) is { } iv)
                {
                    for (int i = iv.Start; i < iv.End; i++)
                    {
                        set.Add(i);
                    }
                }
            }
        }

        return set;
    }

    private static List<(int Start, int End)> FragIntervals(BratAnnotation ann, ScoreTokens tok, List<string> ids)
    {
        var list = new List<(int, int)>();
        foreach (var id in ids)
        {
            if (!ann.ById.TryGetValue(id, out var span))
            {
                continue;
            }

            foreach (var (s, e) in span.Fragments)
            {
                if (tok.Interval(s, e) is { } iv)
                {
                    list.Add(iv);
                }
            }
        }

        list.Sort();
        return list;
    }

    private static double Iou(HashSet<int> a, HashSet<int> b)
    {
        int inter = a.Count(b.Contains);
        int union = a.Count + b.Count - inter;
        return union > 0 ? (double)inter / union : 0.0;
    }
}
