using Ascribe.Core.Components.Tag;
using Ascribe.Core.Errors;
using Ascribe.Core.Models;

namespace Ascribe.Core.Tests.Components.Tag;

public sealed class PosTaggerTests
{
    [Theory]
    [InlineData("He said the plan was delayed.", "He:PRP said:VBD the:DT plan:NN was:VBD delayed:VBN .:.")]
    [InlineData("The senators have voted against two bills.", "The:DT senators:NNS have:VBP voted:VBN against:IN two:CD bills:NNS .:.")]
    [InlineData("Clinton is leading in Ohio, according to a new poll.", "Clinton:NNP is:VBZ leading:VBG in:IN Ohio:NNP ,:, according:VBG to:TO a:DT new:JJ poll:NN .:.")]
    public void PosTagger_TagsHandMadeSentences(string text, string expected)
    {
        var doc = LinguisticFixture.Annotate(text);
        Assert.Equal(expected, string.Join(' ', doc.Tokens.Select(t => t.Text + ":" + t.Tag)));
    }

    [Theory]
    [InlineData("He said the plan was delayed.", "he say the plan be delay .")]
    [InlineData("The senators have voted against two bills.", "the senator have vote against two bill .")]
    [InlineData("Officials were studying the children's cases.", "official be study the child 's case .")]
    public void Lemmatizer_GivesDictionaryForms(string text, string expected)
    {
        var doc = LinguisticFixture.Annotate(text);
        Assert.Equal(expected, string.Join(' ', doc.Tokens.Select(t => t.Lemma)));
    }

    [Fact]
    public void PosModel_TrainedOnFixture_LearnsTheTrainingData()
    {
        var sentences = LinguisticFixture.Sentences();
        var model = PosModel.Train(sentences, null, new TrainOptions { Iterations = 4 });
        var (tag, lemma) = model.Evaluate(sentences);
        Assert.True(tag > 90, $"tag accuracy on the training fixture was {tag:F1}%");
        Assert.True(lemma > 90, $"lemma accuracy on the training fixture was {lemma:F1}%");
    }

    [Fact]
    public void PosModel_SaveAndLoad_GivesIdenticalOutput()
    {
        var sentences = LinguisticFixture.Sentences();
        var model = PosModel.Train(sentences.Take(150).ToList(), null, new TrainOptions { Iterations = 3 });
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = PosModel.Load(stream, "memory");

        var held = sentences.Skip(150).ToList();
        Assert.NotEmpty(held);
        foreach (var sent in held)
        {
            var words = WordInfo.Compute(sent.Words, sent.SpaceBefore, sent.SpaceAfter);
            var a = new int[sent.Count];
            var b = new int[sent.Count];
            model.Predict(words, a);
            loaded.Predict(words, b);
            Assert.Equal(a.Select(t => model.Tags[t]), b.Select(t => loaded.Tags[t]));
            for (int i = 0; i < sent.Count; i++)
            {
                Assert.Equal(model.Lemmatizer.Lemmatize(sent.Words[i], model.Tags[a[i]]), loaded.Lemmatizer.Lemmatize(sent.Words[i], loaded.Tags[b[i]]));
            }
        }
    }

    [Fact]
    public void ModelStore_MissingFile_ThrowsModelMissing()
    {
        var store = new ModelStore(Path.Combine(Path.GetTempPath(), "ascribe-no-models-" + Guid.NewGuid().ToString("N")));
        var ex = Assert.Throws<AscribeException>(() => store.Pos);
        Assert.Equal(ErrorCodes.ModelMissing, ex.Code);
    }

    [Fact]
    public void PosModel_Load_RejectsOtherFiles()
    {
        using var stream = new MemoryStream("ASCM not really a model"u8.ToArray());
        var ex = Assert.Throws<AscribeException>(() => PosModel.Load(stream, "bogus.bin"));
        Assert.Equal(ErrorCodes.ModelCorrupt, ex.Code);
    }

    [Fact]
    public void PosJackknife_ReplacesTagsWithThoseOfTaggersThatNeverSawTheArticle()
    {
        var sentences = LinguisticFixture.Sentences();
        var gold = sentences.Select(s => s.Tags.ToArray()).ToList();
        var articles = sentences.Chunk(40).Select(c => (IReadOnlyList<AnnotatedSentence>)c).ToList();
        var lines = new List<string>();
        double accuracy = PosJackknife.Retag(articles, 3, new TrainOptions { Log = lines.Add });

        long same = 0, total = 0;
        for (int s = 0; s < sentences.Count; s++)
        {
            same += sentences[s].Tags.Zip(gold[s]).Count(p => p.First == p.Second);
            total += gold[s].Length;
        }

        Assert.Equal(100.0 * same / total, accuracy, 6);
        Assert.InRange(accuracy, 80, 99.9);
        Assert.Equal(3, lines.Count);
    }
}
