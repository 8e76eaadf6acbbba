using System.Text;
using Ascribe.Core.Documents;
using Ascribe.Core.Errors;

namespace Ascribe.Core.Evaluation;

/// <summary>
/// One speaker-resolution fixture article: the plain text and its hand-marked sources. The
/// marked form writes each source in place as <c>[[source as written|Expected speaker]]</c>
/// (see tests/data/speakers/README.md).
/// </summary>
public sealed class SpeakerFixture
{
    private SpeakerFixture(string id, string text, IReadOnlyList<(TextSpan Source, string Speaker)> sources)
    {
        Id = id;
        Text = text;
        Sources = sources;
    }

    public string Id { get; }

    /// <summary>The article without markup.</summary>
    public string Text { get; }

    /// <summary>Marked sources: span in <see cref="Text"/> and the expected speaker's name.</summary>
    public IReadOnlyList<(TextSpan Source, string Speaker)> Sources { get; }

    /// <exception cref="AscribeException">A marker is not closed or has no expected speaker.</exception>
    public static SpeakerFixture Parse(string id, string marked)
    {
        var text = new StringBuilder(marked.Length);
        var sources = new List<(TextSpan, string)>();
        int i = 0;
        while (i < marked.Length)
        {
            if (string.CompareOrdinal(marked, i, "[[", 0, 2) != 0)
            {
                text.Append(marked[i++]);
                continue;
            }

            int close = marked.IndexOf("]]", i + 2, StringComparison.Ordinal);
            int bar = close < 0 ? -1 : marked.IndexOf('|', i + 2, close - i - 2);
            if (close < 0 || bar < 0)
            {
                int line = marked.AsSpan(0, i).Count('\n') + 1;
                ThrowHelper.Throw(ErrorCodes.BadAnnotation, id, line, "a [[source|speaker]] marker is not closed or has no '|speaker'");
            }

            int start = text.Length;
            text.Append(marked, i + 2, bar - i - 2);
            sources.Add((new TextSpan(start, text.Length), marked[(bar + 1)..close].Trim()));
            i = close + 2;
        }

        return new SpeakerFixture(id, text.ToString(), sources);
    }
}
