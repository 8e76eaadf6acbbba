using Ascribe.Core.Components.Normalize;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;
using Ascribe.Core.Serialization;

namespace Ascribe.Reliability.Tests;

/// <summary>Properties of the whole pipeline on random text (issue 9).</summary>
public sealed class TextPropertyTests
{
    private static readonly Pipeline Pipeline = DefaultPipeline.Create();

    // Each property runs on a fixed seed (see NewsPropertyAttribute for the local random mode);
    // what a random run or bench/Ascribe.Fuzz finds becomes a regression test.
    [NewsProperty(300)]
    public void Pipeline_KeepsEveryStructuralInvariant(NewsText text)
    {
        var doc = Pipeline.Run("p", text.Value);
        Assert.Null(DocumentInvariants.Check(doc));
    }

    [NewsProperty(200)]
    public void Normalizer_MapsEveryCharacterBackToWhereItCameFrom(NewsText text)
    {
        var norm = TextNormalizer.Normalize(text.Value);
        Assert.Null(DocumentInvariants.CheckNormalization(text.Value, norm));
    }

    [NewsProperty(200)]
    public void Normalizer_IsIdempotent(NewsText text)
    {
        string once = TextNormalizer.Normalize(text.Value).Text;
        Assert.Equal(once, TextNormalizer.Normalize(once).Text);
    }

    [NewsProperty(100)]
    public void Pipeline_IsDeterministic(NewsText text)
    {
        string first = DocumentJson.ToJsonLine(Pipeline.Run("p", text.Value));
        string second = DocumentJson.ToJsonLine(DefaultPipeline.Create().Run("p", text.Value));
        Assert.Equal(first, second);
    }

    [NewsProperty(200)]
    public void Tokens_CoverEveryVisibleCharacter(NewsText text)
    {
        // Whatever is not whitespace (or dropped by normalization) belongs to exactly one token.
        var doc = Pipeline.Run("p", text.Value);
        var covered = new bool[text.Value.Length];
        foreach (var token in doc.Tokens)
        {
            for (int i = token.Start; i < token.End; i++)
            {
                covered[i] = true;
            }
        }

        for (int i = 0; i < covered.Length; i++)
        {
            char c = text.Value[i];
            if (!covered[i] && !char.IsWhiteSpace(c) && c is not ('\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '-' or '\u2010' or '\u2011'))
            {
                Assert.Fail($"char {i} U+{(int)c:X4} is in no token");
            }
        }
    }

    [NewsProperty(100)]
    public void Quotes_AreFoundTheSameWithCrlfLineEnds(NewsText text)
    {
        // Windows line ends change offsets, never the quotes found.
        string lf = text.Value.Replace("\r\n", "\n").Replace('\r', '\n');
        var a = Pipeline.Run("lf", lf);
        var b = Pipeline.Run("crlf", lf.Replace("\n", "\r\n"));
        Assert.Equal(a.Quotes.Count, b.Quotes.Count);
        Assert.Equal(a.Quotes.Select(q => a.Slice(q.Content).Replace("\r\n", "\n")), b.Quotes.Select(q => b.Slice(q.Content).Replace("\r\n", "\n")));
    }
}
