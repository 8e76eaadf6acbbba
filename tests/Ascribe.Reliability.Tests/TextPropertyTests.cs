using Ascribe.Core.Components.Normalize;
using Ascribe.Core.Documents;
using Ascribe.Core.Pipeline;
using Ascribe.Core.Serialization;
using FsCheck;
using FsCheck.Xunit;

namespace Ascribe.Reliability.Tests;

/// <summary>Properties of the whole pipeline on random text (issue 9).</summary>
public sealed class TextPropertyTests
{
    private static readonly Pipeline Pipeline = DefaultPipeline.Create();

    // A fixed seed keeps the suite deterministic, so a run fails only when the code changed;
    // open-ended random search is the fuzz harness's job (bench/Ascribe.Fuzz), and what it finds
    // becomes a regression test.
    private const string Seed = "(20261129,7919)";

    [Property(Arbitrary = new[] { typeof(NewsTextArbitrary) }, MaxTest = 300, Replay = Seed)]
    public void Pipeline_KeepsEveryStructuralInvariant(NewsText text)
    {
        var doc = Pipeline.Run("p", text.Value);
        Assert.Null(DocumentInvariants.Check(doc));
    }

    [Property(Arbitrary = new[] { typeof(NewsTextArbitrary) }, MaxTest = 200, Replay = Seed)]
    public void Normalizer_MapsEveryCharacterBackToWhereItCameFrom(NewsText text)
    {
        var norm = TextNormalizer.Normalize(text.Value);
        Assert.Null(DocumentInvariants.CheckNormalization(text.Value, norm));
    }

    [Property(Arbitrary = new[] { typeof(NewsTextArbitrary) }, MaxTest = 200, Replay = Seed)]
    public void Normalizer_IsIdempotent(NewsText text)
    {
        string once = TextNormalizer.Normalize(text.Value).Text;
        Assert.Equal(once, TextNormalizer.Normalize(once).Text);
    }

    [Property(Arbitrary = new[] { typeof(NewsTextArbitrary) }, MaxTest = 100, Replay = Seed)]
    public void Pipeline_IsDeterministic(NewsText text)
    {
        string first = DocumentJson.ToJsonLine(Pipeline.Run("p", text.Value));
        string second = DocumentJson.ToJsonLine(DefaultPipeline.Create().Run("p", text.Value));
        Assert.Equal(first, second);
    }

    [Property(Arbitrary = new[] { typeof(NewsTextArbitrary) }, MaxTest = 200, Replay = Seed)]
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
            if (!covered[i] && !char.IsWhiteSpace(c) && c is not ('\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '-'))
            {
                Assert.Fail($"char {i} U+{(int)c:X4} is in no token");
            }
        }
    }

    [Property(Arbitrary = new[] { typeof(NewsTextArbitrary) }, MaxTest = 100, Replay = Seed)]
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
