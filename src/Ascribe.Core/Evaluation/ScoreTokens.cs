using System.Text.RegularExpressions;
using Ascribe.Core.Internal;

namespace Ascribe.Core.Evaluation;

/// <summary>Token character ranges used to turn character spans into token intervals for scoring.</summary>
public sealed partial class ScoreTokens
{
    private readonly (int Start, int End)[] _tokens;
    private readonly bool _sorted;

    public ScoreTokens(IReadOnlyList<(int Start, int End)> tokens)
    {
        _tokens = tokens.ToArray();
        _sorted = true;
        for (int i = 1; i < _tokens.Length; i++)
        {
            if (_tokens[i].Start < _tokens[i - 1].Start || _tokens[i].End < _tokens[i - 1].End)
            {
                _sorted = false;
                break;
            }
        }
    }

    /// <summary>The reference scorer's fallback tokenizer: <c>\w+(?:[-'’]\w+)*|[^\w\s]</c>.</summary>
    public static ScoreTokens FromRegex(string text)
    {
        var list = new List<(int, int)>();
        foreach (Match m in TokenRegex().Matches(text))
        {
            list.Add((m.Index, m.Index + m.Length));
        }

        return new ScoreTokens(list);
    }

    [GeneratedRegex(@"\w+(?:[-'’]\w+)*|[^\w\s]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 10000)]
    private static partial Regex TokenRegex();

    public int Count => _tokens.Length;

    /// <summary>Half-open token interval covering characters [s, e); null when no token overlaps.</summary>
    public (int Start, int End)? Interval(int s, int e)
    {
        if (e <= s)
        {
            return null;
        }

        int first = -1, last = -1;
        if (_sorted)
        {
            // First token whose end is after s.
            int lo = SortedSearch.PartitionPoint<(int Start, int End), int>(_tokens, s, static (t, at) => t.End <= at);
            for (int i = lo; i < _tokens.Length && _tokens[i].Start < e; i++)
            {
                if (_tokens[i].End > s)
                {
                    if (first < 0)
                    {
                        first = i;
                    }

                    last = i;
                }
            }
        }
        else
        {
            for (int i = 0; i < _tokens.Length; i++)
            {
                if (_tokens[i].Start < e && _tokens[i].End > s)
                {
                    if (first < 0)
                    {
                        first = i;
                    }

                    last = i;
                }
            }
        }

        return first < 0 ? null : (first, last + 1);
    }
}
