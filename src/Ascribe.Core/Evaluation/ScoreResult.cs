namespace Ascribe.Core.Evaluation;

/// <summary>Precision, recall and F1 in percent (rounded to one decimal as the reference scorer does) with raw counts.</summary>
public sealed record Prf(double P, double R, double F1, int Tp, int Fp, int Fn)
{
    public static Prf From(int tp, int fp, int fn)
    {
        double p = tp + fp > 0 ? (double)tp / (tp + fp) : 0.0;
        double r = tp + fn > 0 ? (double)tp / (tp + fn) : 0.0;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
        return new Prf(Math.Round(100 * p, 1), Math.Round(100 * r, 1), Math.Round(100 * f, 1), tp, fp, fn);
    }
}

public sealed record ComponentScore(Prf Exact, Prf Begin, double Jaccard);

/// <summary>Everything the reference scorer reports.</summary>
public sealed record ScoreResult(
    string Mode,
    int GoldFiles,
    int MissingPredictions,
    IReadOnlyDictionary<string, ComponentScore> Components,
    Prf ContentIou03,
    Prf ContentIou08,
    double SourceAccuracy,
    Prf WholeRelation);
