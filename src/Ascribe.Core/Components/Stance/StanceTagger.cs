using Ascribe.Core.Components.Resolution;
using Ascribe.Core.Documents;
using Ascribe.Core.Lexicons;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Components.Stance;

/// <summary>
/// Sets each attribution's <see cref="Documents.Attribution.Stance"/> from the stance class of its
/// cue in the cue lexicon (neutral "said", distancing "claimed", endorsing "confirmed", belief
/// "suspects", emphatic "warned", ...) and <see cref="Documents.Attribution.Hedged"/> when a hedge
/// from <c>Resources/resolution/hedges.tsv</c> occurs in the content or around the cue
/// ("reportedly said", "may", conditional "would" in reported speech).
/// </summary>
public sealed class StanceTagger : IPipelineComponent
{
    private readonly CueLexicon _cues;
    private readonly SourceLexicon _lexicon;
    private readonly int _maxHedgeWords;

    public StanceTagger(CueLexicon? cues = null, SourceLexicon? lexicon = null)
    {
        _cues = cues ?? CueLexicon.Default;
        _lexicon = lexicon ?? SourceLexicon.Default;
        _maxHedgeWords = _lexicon.Hedges.Keys.Max(h => h.Count(c => c == ' ') + 1);
    }

    public string Name => "stance";

    public IReadOnlyList<string> Requires { get; } = new[] { Attr.Tokens, Attr.Attributions };

    public IReadOnlyList<string> Assigns { get; } = new[] { Attr.Stance };

    public void Process(Document doc)
    {
        var results = new List<(string? Stance, bool Hedged)>(doc.Attributions.Count);
        foreach (var a in doc.Attributions)
        {
            string? stance = a.Cue is { } cue ? _cues.StanceOf(Words(doc, doc.TokenRange(cue))) : null;
            results.Add((stance, IsHedged(doc, a)));
        }

        for (int i = 0; i < results.Count; i++)
        {
            doc.Attributions[i].Stance = results[i].Stance;
            doc.Attributions[i].Hedged = results[i].Hedged;
        }
    }

    private static string Words(Document doc, (int Start, int End) range)
    {
        var words = new List<string>();
        for (int t = range.Start; t < range.End; t++)
        {
            if (doc.TokenData[t].Kind == TokenKind.Word)
            {
                words.Add(doc[t].Norm.ToLowerInvariant());
            }
        }

        return string.Join(' ', words);
    }

    private bool IsHedged(Document doc, Documents.Attribution a)
    {
        foreach (var fragment in a.Content)
        {
            bool direct = fragment.Length > 0 && doc.Text[fragment.Start] is '"' or '\u201C' or '\u201E' or '\u00AB' or '\u00BB' or '\'' or '\u2018';
            if (HasHedge(doc, doc.TokenRange(fragment), quotedSpeech: direct))
            {
                return true;
            }
        }

        // Around the cue: "reportedly said", "is said to have", "would have told".
        if (a.Cue is { } cue)
        {
            var (cs, ce) = doc.TokenRange(cue);
            int from = Math.Max(0, cs - 3);
            if (a.Source is { } src)
            {
                var (_, se) = doc.TokenRange(src);
                if (se <= cs)
                {
                    from = Math.Min(from, se);
                }
            }

            int sentence = cs < doc.TokenCount ? doc.TokenData[cs].Sentence : -1;
            while (from < cs && doc.TokenData[from].Sentence != sentence)
            {
                from++;
            }

            int to = Math.Min(doc.TokenCount, ce + 2);
            if (HasHedge(doc, (from, to), quotedSpeech: false, exclude: a.Content))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a hedge phrase of the lexicon starts at a word of <paramref name="range"/>: the
    /// phrase of one, two, ... tokens is lower-cased into one buffer and looked up in place.
    /// </summary>
    private bool HasHedge(Document doc, (int Start, int End) range, bool quotedSpeech, List<TextSpan>? exclude = null)
    {
        var hedges = _lexicon.Hedges.GetAlternateLookup<ReadOnlySpan<char>>();
        string text = doc.Normalized.Text;
        Span<char> buffer = stackalloc char[256];
        for (int t = range.Start; t < range.End; t++)
        {
            if (doc.TokenData[t].Kind != TokenKind.Word || (exclude is not null && Covers(exclude, doc.TokenData[t].Start)))
            {
                continue;
            }

            int length = 0;
            for (int n = 0; n < _maxHedgeWords && t + n < range.End; n++)
            {
                ref readonly var data = ref doc.TokenData[t + n];
                var norm = text.AsSpan(data.NormStart, data.NormEnd - data.NormStart);
                int needed = length + (n == 0 ? 0 : 1) + norm.Length;
                if (needed > buffer.Length)
                {
                    var larger = new char[needed * 2];
                    buffer[..length].CopyTo(larger);
                    buffer = larger;
                }

                if (n > 0)
                {
                    buffer[length++] = ' ';
                }

                length += norm.ToLowerInvariant(buffer.Slice(length, norm.Length));
                if (hedges.TryGetValue(buffer[..length], out bool anywhere) && (anywhere || !quotedSpeech))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Covers(List<TextSpan> spans, int offset)
    {
        foreach (var span in spans)
        {
            if (span.Contains(offset))
            {
                return true;
            }
        }

        return false;
    }
}
