using Ascribe.Core.Components.Parse;
using Ascribe.Core.Models;

namespace Ascribe.Core.Tests.Components.Tag;

public sealed class DependencyParserTests
{
    [Fact]
    public void DependencyParser_AttachesTheSubjectOfSaid()
    {
        var doc = LinguisticFixture.Annotate("He said the plan was delayed.");
        var said = LinguisticFixture.Find(doc, "said");
        var he = LinguisticFixture.Find(doc, "He");
        Assert.Equal(-1, said.Head);
        Assert.Equal("root", said.Dep);
        Assert.Equal(said.Index, he.Head);
        Assert.Equal("nsubj", he.Dep);
        var delayed = LinguisticFixture.Find(doc, "delayed");
        Assert.Equal(said.Index, delayed.Head);
        Assert.Equal("ccomp", delayed.Dep);
        Assert.Equal(delayed.Index, LinguisticFixture.Find(doc, "plan").Head);
    }

    [Fact]
    public void DependencyParser_FindsTheSubjectOfAReportingVerbAfterTheQuote()
    {
        var doc = LinguisticFixture.Annotate("\"We will win,\" the senator told reporters on Monday.");
        var told = LinguisticFixture.Find(doc, "told");
        var senator = LinguisticFixture.Find(doc, "senator");
        Assert.Equal(told.Index, senator.Head);
        Assert.Equal("nsubj", senator.Dep);
        Assert.Equal(told.Index, LinguisticFixture.Find(doc, "reporters").Head);
    }

    [Fact]
    public void DependencyParser_GivesEverySentenceOneRootAndHeadsInsideTheSentence()
    {
        var doc = LinguisticFixture.Annotate("The committee met on Friday. Its chairman, who declined to comment, left early.");
        foreach (var sent in doc.Sentences)
        {
            int roots = 0;
            for (int t = sent.TokenStart; t < sent.TokenEnd; t++)
            {
                var token = doc[t];
                Assert.NotNull(token.Dep);
                if (token.Head < 0)
                {
                    roots++;
                }
                else
                {
                    Assert.InRange(token.Head, sent.TokenStart, sent.TokenEnd - 1);
                    Assert.NotEqual(t, token.Head);
                }
            }

            Assert.Equal(1, roots);
        }
    }

    [Fact]
    public void ParserModel_TrainedOnFixture_SaveAndLoad_GivesIdenticalOutput()
    {
        var sentences = LinguisticFixture.Sentences();
        var model = ParserModel.Train(sentences.Take(200).ToList(), null, new TrainOptions { Iterations = 3 });
        var (uas, _) = model.Evaluate(sentences.Take(200).ToList());
        Assert.True(uas > 80, $"UAS on the training fixture was {uas:F1}%");

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = ParserModel.Load(stream, "memory");
        LinguisticFixture.AssertSameParses(model, loaded, sentences.Skip(200));
    }

    [Fact]
    public void ParseState_DynamicOracle_ReproducesAProjectiveGoldTree()
    {
        // "He said the plan was delayed ." with heads He->said, said->ROOT, the->plan, plan->delayed, was->delayed, delayed->said, .->said
        int[] gold = { 1, 7, 3, 5, 5, 1, 1, -1 };
        var state = new ParseState(7);
        while (!state.IsFinal)
        {
            var (shift, right, left) = state.Costs(gold);
            int cls = shift == 0 && state.CanShift ? ParseState.Shift : right == 0 && state.CanRight ? 1 : 2;
            Assert.Equal(0, Math.Min(shift, Math.Min(right, left)));
            state.Apply(cls);
        }

        Assert.Equal(gold.Take(7), state.Heads.Take(7));
    }
}
