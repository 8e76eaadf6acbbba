using Ascribe.Core.Components.Ner;
using Ascribe.Core.Models;

namespace Ascribe.Core.Tests.Components.Tag;

public sealed class EntityRecognizerTests
{
    private static string[] Entities(string text)
    {
        var doc = LinguisticFixture.Annotate(text);
        var found = new List<string>();
        var tokens = doc.TokenData;
        for (int i = 0; i < tokens.Length;)
        {
            int j = i + 1;
            while (j < tokens.Length && tokens[j].Ner == tokens[i].Ner && tokens[j].Sentence == tokens[i].Sentence)
            {
                j++;
            }

            if (tokens[i].Ner != "O")
            {
                found.Add(doc.Text[tokens[i].Start..tokens[j - 1].End] + "/" + tokens[i].Ner);
            }

            i = j;
        }

        return found.ToArray();
    }

    [Fact]
    public void EntityRecognizer_FindsPeopleOrganizationsAndPlaces()
    {
        var found = Entities("Vladimir Putin met officials of the European Union in Moscow on Tuesday, the Kremlin said.");
        Assert.Contains("Vladimir Putin/PERSON", found);
        Assert.Contains("European Union/ORGANIZATION", found);
        Assert.Contains("Moscow/LOCATION", found);
    }

    [Fact]
    public void EntityRecognizer_TagsEveryTokenAndLeavesCommonWordsOutside()
    {
        var doc = LinguisticFixture.Annotate("Senator Elizabeth Warren told reporters that the bill would pass.");
        Assert.All(doc.Tokens, t => Assert.NotNull(t.Ner));
        Assert.Equal("PERSON", LinguisticFixture.Find(doc, "Warren").Ner);
        Assert.Equal("O", LinguisticFixture.Find(doc, "reporters").Ner);
        Assert.Equal("O", LinguisticFixture.Find(doc, "bill").Ner);
    }

    [Fact]
    public void NerModel_TrainedOnFixture_SaveAndLoad_GivesIdenticalOutput()
    {
        var sentences = LinguisticFixture.Sentences();
        var articles = new List<IReadOnlyList<AnnotatedSentence>> { sentences.Take(120).ToList(), sentences.Skip(120).Take(120).ToList() };
        var model = NerModel.Train(articles, null, new TrainOptions { Iterations = 4 });
        Assert.True(model.Evaluate(sentences.Take(240).ToList()) > 70, "the recognizer did not learn its own training data");

        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = NerModel.Load(stream, "memory");
        var memoryA = new Dictionary<ulong, byte>();
        var memoryB = new Dictionary<ulong, byte>();
        foreach (var sent in sentences.Skip(240))
        {
            var words = WordInfo.Compute(sent.Words, sent.SpaceBefore, sent.SpaceAfter);
            var tags = sent.Tags.Select(TagHashes.Of).ToArray();
            var a = new int[sent.Count];
            var b = new int[sent.Count];
            model.Predict(words, tags, a, memoryA);
            loaded.Predict(words, tags, b, memoryB);
            Assert.Equal(a, b);
        }

        Assert.Equal(memoryA, memoryB);
    }

    [Fact]
    public void NerModel_RemembersNamesOfTheDocument_AndOnlyCapitalizedOnes()
    {
        var doc = LinguisticFixture.Annotate("Vladimir Putin met officials of the European Union in Moscow on Tuesday.");
        var model = ModelStore.Default.Ner;
        var sent = doc.Sentences[0];
        var words = new WordInfo[sent.TokenCount];
        var tags = new ulong[sent.TokenCount];
        DocumentWords.Fill(doc, sent.TokenStart, sent.TokenCount, words);
        DocumentWords.FillTagHashes(doc, sent.TokenStart, sent.TokenCount, tags);
        var labels = new int[sent.TokenCount];
        var memory = new Dictionary<ulong, byte>();
        model.Predict(words, tags, labels, memory);
        Assert.Equal((byte)(1 + 2), memory[FeatureHash.Text("Moscow")]);
        Assert.Equal((byte)(1 + 0), memory[FeatureHash.Text("Putin")]);
        Assert.False(memory.ContainsKey(FeatureHash.Text("officials")));
    }

    [Fact]
    public void NerModel_RefusesAFileOfTheEarlierFeatureSet()
    {
        using var stream = new MemoryStream();
        using (var writer = ModelFile.OpenWrite(stream, NerModel.Kind, 1))
        {
            writer.Write(0);
        }

        stream.Position = 0;
        var ex = Assert.Throws<Ascribe.Core.Errors.AscribeException>(() => NerModel.Load(stream, "old-ner.bin"));
        Assert.Contains("format version 1, expected 2", ex.Message);
    }

    [Theory]
    [InlineData(-1, "B-PERSON", true)]
    [InlineData(-1, "I-PERSON", false)]
    [InlineData(-1, "L-PERSON", false)]
    [InlineData(-1, "U-LOCATION", true)]
    public void NerModel_AllowsOnlyWellFormedLabelSequences_AtStart(int previous, string label, bool allowed)
    {
        Assert.Equal(allowed, NerModel.Allowed(previous, IndexOf(label)));
    }

    [Theory]
    [InlineData("B-PERSON", "I-PERSON", true)]
    [InlineData("B-PERSON", "L-PERSON", true)]
    [InlineData("B-PERSON", "L-LOCATION", false)]
    [InlineData("B-PERSON", "O", false)]
    [InlineData("L-PERSON", "I-PERSON", false)]
    [InlineData("U-MISC", "B-MISC", true)]
    [InlineData("O", "L-ORGANIZATION", false)]
    public void NerModel_AllowsOnlyWellFormedLabelSequences(string previous, string label, bool allowed)
    {
        Assert.Equal(allowed, NerModel.Allowed(IndexOf(previous), IndexOf(label)));
    }

    private static int IndexOf(string label) => NerModel.Labels.ToList().IndexOf(label);
}
