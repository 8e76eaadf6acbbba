using Ascribe.Core.Components.Attribution;
using Ascribe.Core.Components.Attribution.Model;
using Ascribe.Core.Documents;
using Ascribe.Core.Lexicons;
using Ascribe.Core.Pipeline;

namespace Ascribe.Core.Tests.Components;

public sealed class AttributionLinkerTests
{
    private const string Text = "The plan was delayed again. \u201cWe will not wait any longer.\u201d Smith said the talks failed.";

    private static (Document Doc, byte[] Tags) Tagged(params (string Words, int Begin, int Inside)[] spans) => Tagged(Text, spans);

    private static (Document Doc, byte[] Tags) Tagged(string text, params (string Words, int Begin, int Inside)[] spans)
    {
        var doc = DefaultPipeline.BeforeAttribution().Run("linker", text);
        var tags = new byte[doc.TokenCount];
        foreach (var (words, begin, inside) in spans)
        {
            Tag(doc, tags, text.IndexOf(words, StringComparison.Ordinal), words, begin, inside);
        }

        return (doc, tags);
    }

    /// <summary>Tags the tokens of <paramref name="words"/> at offset <paramref name="at"/>; a content ends in its E tag.</summary>
    private static void Tag(Document doc, byte[] tags, int at, string words, int begin, int inside)
    {
        var (s, e) = doc.TokenRange(new TextSpan(at, at + words.Length));
        tags[s] = (byte)begin;
        for (int t = s + 1; t < e; t++)
        {
            tags[t] = (byte)(begin == SpanTags.BContent && t == e - 1 ? SpanTags.EContent : inside);
        }
    }

    private static List<string> Contents(Document doc, List<Attribution> records) =>
        records.Where(r => r.Content.Count > 0).Select(r => doc.Slice(r.ContentExtent)).ToList();

    [Fact]
    public void Link_ReportedSpeechWithoutCueOrSource_IsDropped()
    {
        var (doc, tags) = Tagged(("The plan was delayed again", SpanTags.BContent, SpanTags.IContent));
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        Assert.Empty(Contents(doc, records));
    }

    [Fact]
    public void Link_SourceWithNeitherCueNorContent_IsDropped()
    {
        var (doc, tags) = Tagged(("Smith", SpanTags.BSource, SpanTags.ISource));
        Assert.Empty(new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]));
    }

    [Fact]
    public void Link_QuotationWithoutCue_IsKeptAsDirect()
    {
        var (doc, tags) = Tagged(("\u201cWe will not wait any longer.\u201d", SpanTags.BContent, SpanTags.IContent));
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        var record = Assert.Single(records);
        Assert.Equal(AttributionKind.Direct, record.Kind);
        Assert.Null(record.Cue);
    }

    [Fact]
    public void Link_ReportedSpeechWithItsCue_IsKept()
    {
        var (doc, tags) = Tagged(
            ("Smith", SpanTags.BSource, SpanTags.ISource),
            ("said", SpanTags.BCue, SpanTags.ICue),
            ("the talks failed", SpanTags.BContent, SpanTags.IContent));
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        var record = Assert.Single(records);
        Assert.Equal("the talks failed", doc.Slice(record.ContentExtent));
        Assert.Equal("Smith", doc.Slice(record.Source!.Value));
        Assert.Equal(AttributionKind.Indirect, record.Kind);
    }

    [Fact]
    public void Link_ReportedSpeechInterruptedBySourceAndCueBetweenCommas_IsOneContentInTwoFragments()
    {
        const string text = "Acts of protest, Mr. Obama said, are acts of patriotism.";
        var (doc, tags) = Tagged(
            text,
            ("Acts of protest", SpanTags.BContent, SpanTags.IContent),
            ("Mr. Obama", SpanTags.BSource, SpanTags.ISource),
            ("said", SpanTags.BCue, SpanTags.ICue),
            ("are acts of patriotism", SpanTags.BContent, SpanTags.IContent));
        var record = Assert.Single(new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]));
        Assert.Equal(["Acts of protest", "are acts of patriotism"], record.Content.Select(doc.Slice));
        Assert.Equal("Mr. Obama", doc.Slice(record.Source!.Value));
        Assert.Equal("said", doc.Slice(record.Cue!.Value));
    }

    [Fact]
    public void Link_UntaggedSubjectBeforeSourceAndCueBetweenCommas_OpensTheContent()
    {
        const string text = "The museum, Mr. Bush said, celebrated several of his heroes.";
        var (doc, tags) = Tagged(
            text,
            ("Mr. Bush", SpanTags.BSource, SpanTags.ISource),
            ("said", SpanTags.BCue, SpanTags.ICue),
            ("celebrated several of his heroes", SpanTags.BContent, SpanTags.IContent));
        var record = Assert.Single(new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]));
        Assert.Equal(["The museum", "celebrated several of his heroes"], record.Content.Select(doc.Slice));
        Assert.Equal("Mr. Bush", doc.Slice(record.Source!.Value));
    }

    [Theory]
    [InlineData("But in recent days, he said, the president has grown exasperated.", "the president has grown exasperated")]
    [InlineData("Back in Virginia, he said, he decided to take aim at coal.", "he decided to take aim at coal")]
    public void Link_UntaggedOpeningAdverbialBeforeSourceAndCue_StaysOutOfTheContent(string text, string content)
    {
        var (doc, tags) = Tagged(
            text,
            ("he", SpanTags.BSource, SpanTags.ISource),
            ("said", SpanTags.BCue, SpanTags.ICue),
            (content, SpanTags.BContent, SpanTags.IContent));
        var record = Assert.Single(new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]));
        Assert.Equal([content], record.Content.Select(doc.Slice));
    }

    [Theory]
    [InlineData("\u201cIt\u2019s over,\u201d she said of the election, clapping. \u201cIn my head, anyway.\u201d")]
    [InlineData("\u201cHere comes Big Daddy,\u201d she said. \u201cThe Donald.\u201d \u201cBig Daddy.\u201d")]
    public void Link_QuotationWithoutCueAfterAQuotationAndItsCue_ContinuesThatContent(string text)
    {
        var quotes = text.Split(' ').Where(w => w.StartsWith('\u201c')).Select(w => text.IndexOf(w, StringComparison.Ordinal)).ToArray();
        var spans = new List<(string, int, int)> { ("she", SpanTags.BSource, SpanTags.ISource), ("said", SpanTags.BCue, SpanTags.ICue) };
        foreach (int q in quotes)
        {
            spans.Add((text[q..(text.IndexOf('\u201d', q) + 1)], SpanTags.BContent, SpanTags.IContent));
        }

        var (doc, tags) = Tagged(text, spans.ToArray());
        var record = Assert.Single(new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]));
        Assert.Equal(quotes.Length, record.Content.Count);
        Assert.Equal("she", doc.Slice(record.Source!.Value));
        Assert.Equal(AttributionKind.Direct, record.Kind);
    }

    [Theory]
    [InlineData("Cummings called him a master at bolting together deals. \u201cHe showed again and again an ability to put together deals.\u201d")]
    [InlineData("Cummings said he was a master at bolting together deals: \"He showed again and again an ability to put together deals.\"")]
    public void Link_QuotationWithoutCueRightAfterAReportedContent_ContinuesThatContent(string text)
    {
        string reported = text.Contains("called", StringComparison.Ordinal) ? "him a master at bolting together deals" : "he was a master at bolting together deals";
        int q = text.IndexOfAny(new[] { '\u201c', '"' });
        var (doc, tags) = Tagged(
            text,
            ("Cummings", SpanTags.BSource, SpanTags.ISource),
            (text.Contains("called", StringComparison.Ordinal) ? "called" : "said", SpanTags.BCue, SpanTags.ICue),
            (reported, SpanTags.BContent, SpanTags.IContent),
            (text[q..], SpanTags.BContent, SpanTags.IContent));
        var record = Assert.Single(new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]));
        Assert.Equal([reported, text[q..]], record.Content.Select(doc.Slice));
        Assert.Equal("Cummings", doc.Slice(record.Source!.Value));
    }

    [Fact]
    public void Link_QuotationWithoutCueBeforeTheSourceAndCueOfTheNextQuotation_OpensThatContent()
    {
        // The second quotation takes the cue, which leaves the first without one (the accurate mode's tags on PolNeAR dev).
        const string text = "\u201cIt has the important virtue of being fiscally responsible,\u201d Leonard E. Burman, director of the centrist Urban-Brookings Tax Policy Center and a professor at the Maxwell School of Syracuse University, said of Mrs. Clinton's plan. \u201cIt does not make our problems worse.\u201d";
        const string first = "\u201cIt has the important virtue of being fiscally responsible,\u201d";
        const string second = "\u201cIt does not make our problems worse.\u201d";
        var (doc, tags) = Tagged(
            text,
            (first, SpanTags.BContent, SpanTags.IContent),
            ("Leonard E. Burman, director of the centrist Urban-Brookings Tax Policy Center and a professor at the Maxwell School of Syracuse University,", SpanTags.BSource, SpanTags.ISource),
            ("said", SpanTags.BCue, SpanTags.ICue),
            (second, SpanTags.BContent, SpanTags.IContent));
        var record = Assert.Single(new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]));
        Assert.Equal([first, second], record.Content.Select(doc.Slice));
        Assert.StartsWith("Leonard E. Burman", doc.Slice(record.Source!.Value), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The minister said: \"We will not give up.\" He added \"this is final\".", "The minister", "said:", "He", "added")]
    [InlineData("Clinton: \"Our goal is to defeat ISIS.\" Bush: \"The mission is to destroy ISIS.\"", "Clinton", ":", "Bush", ":")]
    public void Link_QuotationItsOwnCueIntroduces_DoesNotGoOnPastTheNextSentencesCue(string text, string source1, string cue1, string source2, string cue2)
    {
        int q1 = text.IndexOf('"'), q2 = text.IndexOf('"', text.IndexOf('"', q1 + 1) + 1);
        string first = text[q1..(text.IndexOf('"', q1 + 1) + 1)], second = text[q2..(text.IndexOf('"', q2 + 1) + 1)];
        int s2 = text.IndexOf(" " + source2 + " ", StringComparison.Ordinal) + 1;
        if (s2 == 0)
        {
            s2 = text.IndexOf(" " + source2 + ":", StringComparison.Ordinal) + 1;
        }

        var (doc, tags) = Tagged(text, (first, SpanTags.BContent, SpanTags.IContent), (second, SpanTags.BContent, SpanTags.IContent));
        Tag(doc, tags, text.IndexOf(source1, StringComparison.Ordinal), source1, SpanTags.BSource, SpanTags.ISource);
        Tag(doc, tags, text.IndexOf(cue1, text.IndexOf(source1, StringComparison.Ordinal) + source1.Length, StringComparison.Ordinal), cue1, SpanTags.BCue, SpanTags.ICue);
        Tag(doc, tags, s2, source2, SpanTags.BSource, SpanTags.ISource);
        Tag(doc, tags, text.IndexOf(cue2, s2 + source2.Length, StringComparison.Ordinal), cue2, SpanTags.BCue, SpanTags.ICue);
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        Assert.Equal(2, records.Count);
        Assert.Equal(source1, doc.Slice(records[0].Source!.Value));
        Assert.Equal([first], records[0].Content.Select(doc.Slice));
        Assert.Equal(source2, doc.Slice(records[1].Source!.Value));
        Assert.Equal([second], records[1].Content.Select(doc.Slice));
    }

    [Fact]
    public void Link_QuotationAParentheticalIntroduces_GoesOnPastTheCueOfItsOwnSentence()
    {
        // "as he was known," comes right before the first quotation, but "Mr. Trump said" interrupts one sentence of his.
        const string text = "Freddy, as he was known, \u201cwas caught in the middle,\u201d Mr. Trump said. \u201cMy father had great confidence in me.\u201d";
        const string first = "\u201cwas caught in the middle,\u201d";
        const string second = "\u201cMy father had great confidence in me.\u201d";
        var (doc, tags) = Tagged(
            text,
            ("he", SpanTags.BSource, SpanTags.ISource),
            ("was known", SpanTags.BCue, SpanTags.ICue),
            (first, SpanTags.BContent, SpanTags.IContent),
            ("Mr. Trump", SpanTags.BSource, SpanTags.ISource),
            ("said", SpanTags.BCue, SpanTags.ICue),
            (second, SpanTags.BContent, SpanTags.IContent));
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        var trump = Assert.Single(records, r => r.Source is { } s && doc.Slice(s) == "Mr. Trump");
        Assert.Equal([first, second], trump.Content.Select(doc.Slice));
    }

    [Theory]
    [InlineData("According to a senior official who spoke on condition of anonymity, the talks collapsed on Tuesday.", "a senior official who spoke on condition", "a senior official who spoke on condition of anonymity", "the talks collapsed on Tuesday")]
    [InlineData("According to the ministry, \u201cthe talks collapsed.\u201d", "the ministry", "the ministry", "\u201cthe talks collapsed.\u201d")]
    [InlineData("According to the ministry, a failure of the talks.", "the ministry", "the ministry", null)]
    [InlineData("The talks, according to the ministry, collapsed on Tuesday.", "the ministry", "the ministry", null)]
    public void Link_OpeningAccordingToWithoutContent_ReportsTheClauseAfterItsSource(string text, string tagged, string source, string? content)
    {
        var (doc, tags) = Tagged(text, (text.Contains("According", StringComparison.Ordinal) ? "According to" : "according to", SpanTags.BCue, SpanTags.ICue), (tagged, SpanTags.BSource, SpanTags.ISource));
        var record = Assert.Single(new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]));
        Assert.Equal(source, doc.Slice(record.Source!.Value));
        Assert.Equal(content is null ? [] : [content], record.Content.Select(doc.Slice));
    }

    [Theory]
    // Words between the content and the quotation, or a paragraph break: the quotation stays apart.
    [InlineData("Cummings called him a master at bolting together deals, and Lenox grew. \u201cHe showed again and again an ability to put together deals.\u201d")]
    [InlineData("Cummings called him a master at bolting together deals.\n\n\u201cHe showed again and again an ability to put together deals.\u201d")]
    public void Link_QuotationWithoutCueAfterWordsOrAParagraphBreak_StaysApart(string text)
    {
        int q = text.IndexOf('\u201c');
        var (doc, tags) = Tagged(
            text,
            ("Cummings", SpanTags.BSource, SpanTags.ISource),
            ("called", SpanTags.BCue, SpanTags.ICue),
            ("him a master at bolting together deals", SpanTags.BContent, SpanTags.IContent),
            (text[q..], SpanTags.BContent, SpanTags.IContent));
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        Assert.Equal(2, records.Count(r => r.Content.Count > 0));
        Assert.All(records, r => Assert.True(r.Content.Count <= 1));
        Assert.Null(records.Single(r => doc.Slice(r.Content[0]) == text[q..]).Cue);
    }

    [Theory]
    [InlineData("Mr. Quiros was accused of using the money for himself.", "Mr. Quiros", "was accused of", "using the money for himself", false)]
    [InlineData("He has been harshly criticized for policies that objectors see as abuses.", "He", "has been harshly criticized for", "policies that objectors see as abuses", false)]
    [InlineData("Protesters were frustrated by the lack of information.", "Protesters", "were frustrated", "by the lack of information", true)]
    [InlineData("Mr. Quiros has accused the bank of fraud.", "Mr. Quiros", "has accused", "the bank of fraud", true)]
    [InlineData("He left the firm and has been mentioned as a potential Treasury secretary.", "He", "has been mentioned as", "a potential Treasury secretary", false)]
    public void Link_SubjectOfAPassiveCue_IsItsSourceOnlyWhenNotItsTarget(string text, string source, string cue, string content, bool linked)
    {
        var (doc, tags) = Tagged(
            text,
            (source, SpanTags.BSource, SpanTags.ISource),
            (cue, SpanTags.BCue, SpanTags.ICue),
            (content, SpanTags.BContent, SpanTags.IContent));
        var record = Assert.Single(new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]));
        Assert.Equal(linked ? source : null, record.Source is { } s ? doc.Slice(s) : null);
    }

    [Theory]
    // An inverted cue whose source a later cue in its clause took.
    [InlineData("\u201cNow is the time to act,\u201d said Don Fowler, who helmed the party and has backed Clinton since 2008.", "\u201cNow is the time to act,\u201d", "said", "Don Fowler, who helmed the party and", "has backed", "Clinton")]
    // A present-participle clause opening the sentence: the source after its comma.
    [InlineData("Citing an unfounded conspiracy theory, Trump repeatedly accused Rafael of lying.", "an unfounded conspiracy theory", "Citing", "Trump", "accused", "Rafael of lying")]
    [InlineData("Bemoaning the \"phony system,\" Trump accused Holt of bias.", "the \"phony system,\"", "Bemoaning", "Trump", "accused", "Holt of bias")]
    [InlineData("While having a heated debate about the nominees, a friend commented on the race.", "the nominees", "having a heated debate about", "a friend", "commented on", "the race")]
    public void Link_CueWhoseSourceAnotherCueTook_SharesThatSource(string text, string firstContent, string firstCue, string source, string secondCue, string secondContent)
    {
        var (doc, tags) = Tagged(
            text,
            (firstContent, SpanTags.BContent, SpanTags.IContent),
            (firstCue, SpanTags.BCue, SpanTags.ICue),
            (source, SpanTags.BSource, SpanTags.ISource),
            (secondCue, SpanTags.BCue, SpanTags.ICue),
            (secondContent, SpanTags.BContent, SpanTags.IContent));
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(source, doc.Slice(r.Source!.Value)));
        Assert.Equal([firstCue, secondCue], records.Select(r => doc.Slice(r.Cue!.Value)));
    }

    [Theory]
    // A relative pronoun right before the cue's source is what the cue reports: its first fragment, or its whole content.
    [InlineData("The bank cited its sales strategy, which the bank detailed in filings.", "the bank", "detailed", null, "which")]
    [InlineData("Officials met to discuss the test, which state media claimed now allows larger warheads.", "state media", "claimed", "now allows larger warheads", "which|now allows larger warheads")]
    [InlineData("It was probably not exactly what Graham had in mind.", "Graham", "had in mind", null, "what")]
    [InlineData("The stadium is near the park, which, Tompkins said, is usually full.", "Tompkins", "said", "is usually full", "which|is usually full")]
    // After a preposition "which" is no object of the cue; a relative pronoun the tagger gave a role keeps it.
    [InlineData("He gave an interview, in which he said he was skeptical of the deal.", "he", "said", "he was skeptical of the deal", "he was skeptical of the deal")]
    public void Link_RelativePronounBeforeTheSourceAndCue_IsTheirFirstFragment(string text, string source, string cue, string? content, string expected)
    {
        var spans = new List<(string, int, int)>
        {
            (source, SpanTags.BSource, SpanTags.ISource),
            (cue, SpanTags.BCue, SpanTags.ICue),
        };
        if (content is not null)
        {
            spans.Add((content, SpanTags.BContent, SpanTags.IContent));
        }

        var (doc, tags) = Tagged(text, spans.ToArray());
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        var record = records.Single(r => r.Cue is { } c && doc.Slice(c) == cue);
        Assert.Equal(expected, string.Join("|", record.Content.Select(f => doc.Slice(f))));
        Assert.Equal(source, doc.Slice(record.Source!.Value));
    }

    [Theory]
    // A source and cue closing the sentence after a comma report the untagged clause before it ("But" left out).
    [InlineData("Hillary Clinton was headed to an emergency room after her collapse, The Post has learned.", "The Post", "has learned", "Hillary Clinton was headed to an emergency room after her collapse")]
    [InlineData("But the escort was sent away at the last minute, a source said.", "a source", "said", "the escort was sent away at the last minute")]
    [InlineData("\u201cThe talks failed again, said Smith.", "Smith", "said", "The talks failed again")]
    [InlineData("It does not show whether he had a gun, as police have said.", "police", "have said", "It does not show whether he had a gun")]
    // A passive cue before its agent, words after the cue, or too short a clause: the cue keeps no content.
    [InlineData("Donald Trump, meanwhile, is supported by far fewer publications.", "far fewer publications", "is supported by", "")]
    [InlineData("During the primaries, the Times gave Clinton its support.", "the Times", "gave", "")]
    [InlineData("Not now, she said.", "she", "said", "")]
    // A clause without a finite verb is an adverbial, not what the cue reports; a colon hands the cue what follows.
    [InlineData("Then, last week, Eric Trump called.", "Eric Trump", "called", "")]
    [InlineData("When the crowd had gone home, Wallnau wrote:\n\nThe fight goes on.", "Wallnau", "wrote", "")]
    public void Link_SourceAndCueClosingTheSentence_TakeTheClauseBeforeTheirComma(string text, string source, string cue, string expected)
    {
        var (doc, tags) = Tagged(text, (source, SpanTags.BSource, SpanTags.ISource), (cue, SpanTags.BCue, SpanTags.ICue));
        var record = Assert.Single(new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]));
        Assert.Equal(expected, string.Join("|", record.Content.Select(f => doc.Slice(f))));
    }

    [Theory]
    // A content that ends at the comma of a closing source and cue starts with its clause ("And" left out),
    // unless a comma or colon comes between.
    [InlineData("Russian forces launched a massive drone attack overnight, Ukrainian officials said.", "a massive drone attack overnight", "Russian forces launched a massive drone attack overnight")]
    [InlineData("And Mrs. Clinton now holds a gaping advantage, according to a poll.", "a gaping advantage", "Mrs. Clinton now holds a gaping advantage")]
    [InlineData("In a statement on Sunday, the talks failed again, Ukrainian officials said.", "the talks failed again", "the talks failed again")]
    public void Link_ContentBeforeAClosingSourceAndCue_StartsWithItsClause(string text, string tagged, string expected)
    {
        bool according = text.Contains("according", StringComparison.Ordinal);
        var (doc, tags) = Tagged(
            text,
            (tagged, SpanTags.BContent, SpanTags.IContent),
            (according ? "a poll" : "Ukrainian officials", SpanTags.BSource, SpanTags.ISource),
            (according ? "according to" : "said", SpanTags.BCue, SpanTags.ICue));
        var record = Assert.Single(new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]));
        Assert.Equal(expected, doc.Slice(record.ContentExtent));
    }

    [Theory]
    // An attribution before the comma is what the closing source and cue report, when its content runs to the comma.
    [InlineData("Merkel told Macron that Germany would support the plan, a government source said.", "that Germany would support the plan", "Merkel told Macron that Germany would support the plan")]
    [InlineData("Merkel told Macron that Germany would support the plan on Friday, a government source said.", "that Germany would support the plan", "")]
    public void Link_AttributionBeforeAClosingSourceAndCue_IsWhatTheyReport(string text, string inner, string expected)
    {
        var (doc, tags) = Tagged(
            text,
            ("Merkel", SpanTags.BSource, SpanTags.ISource),
            ("told", SpanTags.BCue, SpanTags.ICue),
            (inner, SpanTags.BContent, SpanTags.IContent),
            ("a government source", SpanTags.BSource, SpanTags.ISource),
            ("said", SpanTags.BCue, SpanTags.ICue));
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        Assert.Equal(2, records.Count);
        Assert.Equal(inner, doc.Slice(records.Single(r => doc.Slice(r.Source!.Value) == "Merkel").ContentExtent));
        var outer = records.Single(r => doc.Slice(r.Source!.Value) == "a government source");
        Assert.Equal(expected, outer.Content.Count > 0 ? doc.Slice(outer.ContentExtent) : "");
    }

    [Theory]
    // A quotation that a colon opens and a comma closes belongs to the source and cue right after it;
    // one a period closes stays with the cue before the colon.
    [InlineData("The statement also referenced her record: \u201cShe has opened the door for women,\u201d the union wrote.", "\u201cShe has opened the door for women,\u201d", true)]
    [InlineData("The statement also referenced her record: \"She has opened the door for women\", the union wrote.", "\"She has opened the door for women\"", true)]
    [InlineData("The statement also referenced her record: \u201cShe has opened the door for women.\u201d The union wrote it.", "\u201cShe has opened the door for women.\u201d", false)]
    public void Link_QuotationAfterAColonBeforeASourceAndCue_IsTheirsWhenACommaClosesIt(string text, string quotation, bool theirs)
    {
        var (doc, tags) = Tagged(
            text,
            ("The statement", SpanTags.BSource, SpanTags.ISource),
            ("also referenced", SpanTags.BCue, SpanTags.ICue),
            ("her record: " + quotation, SpanTags.BContent, SpanTags.IContent),
            (theirs ? "the union" : "The union", SpanTags.BSource, SpanTags.ISource),
            ("wrote", SpanTags.BCue, SpanTags.ICue));
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        Assert.Equal(2, records.Count);
        Assert.Equal(theirs ? "her record" : "her record: " + quotation, doc.Slice(records[0].ContentExtent));
        Assert.Equal(theirs ? quotation : "", records[1].Content.Count > 0 ? doc.Slice(records[1].ContentExtent) : "");
        Assert.Equal(theirs ? "the union" : "The union", doc.Slice(records[1].Source!.Value));
    }

    [Theory]
    // A past participle names who was asked; a clause that does not end at the source's comma is no fronted clause.
    [InlineData("Asked about the plan, Clinton said it would pass.", "Asked", "the plan")]
    [InlineData("Citing an unfounded theory in March, Trump repeatedly accused Rafael of lying.", "Citing", "an unfounded theory")]
    public void Link_OtherClausesOpeningTheSentence_LeaveTheCueWithoutSource(string text, string cue, string content)
    {
        var (doc, tags) = Tagged(
            text,
            (cue, SpanTags.BCue, SpanTags.ICue),
            (content, SpanTags.BContent, SpanTags.IContent),
            (text.Contains("Clinton", StringComparison.Ordinal) ? "Clinton" : "Trump", SpanTags.BSource, SpanTags.ISource),
            (text.Contains("said", StringComparison.Ordinal) ? "said" : "accused", SpanTags.BCue, SpanTags.ICue));
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        var opening = records.Single(r => r.Cue is { } c && doc.Slice(c) == cue);
        Assert.Null(opening.Source);
    }

    [Theory]
    // Another cue between them, or the next paragraph: the second quotation stays apart.
    [InlineData("\u201cIt\u2019s over,\u201d she said. Others disagreed: \u201cIn my head, anyway.\u201d", "disagreed")]
    [InlineData("\u201cIt\u2019s over,\u201d she said.\n\n\u201cIn my head, anyway.\u201d", null)]
    public void Link_QuotationWithoutCueAfterAnotherCueOrParagraph_StaysApart(string text, string? otherCue)
    {
        var spans = new List<(string, int, int)>
        {
            ("she", SpanTags.BSource, SpanTags.ISource),
            ("said", SpanTags.BCue, SpanTags.ICue),
            ("\u201cIt\u2019s over,\u201d", SpanTags.BContent, SpanTags.IContent),
            ("\u201cIn my head, anyway.\u201d", SpanTags.BContent, SpanTags.IContent),
        };
        if (otherCue is not null)
        {
            spans.Add((otherCue, SpanTags.BCue, SpanTags.ICue));
        }

        var (doc, tags) = Tagged(text, spans.ToArray());
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        Assert.Equal(2, records.Count(r => r.Content.Count > 0));
        Assert.All(records, r => Assert.True(r.Content.Count <= 1));
    }

    [Theory]
    [InlineData("Acts of protest, Mr. Obama said on Monday, are acts of patriotism.", "Acts of protest")]
    [InlineData("He added that acts of protest, Mr. Obama said, are acts of patriotism.", "acts of protest")]
    public void Link_ReportedSpeechAroundMoreThanASourceAndCue_KeepsOnlyTheFragmentWithTheCue(string text, string first)
    {
        var (doc, tags) = Tagged(
            text,
            (first, SpanTags.BContent, SpanTags.IContent),
            ("Mr. Obama", SpanTags.BSource, SpanTags.ISource),
            ("said", SpanTags.BCue, SpanTags.ICue),
            ("are acts of patriotism", SpanTags.BContent, SpanTags.IContent));
        var records = new AttributionLinker(doc, CueLexicon.Default).Link(tags, new float[doc.TokenCount]);
        Assert.Single(records);
        Assert.Single(records[0].Content);
    }

    [Theory]
    [InlineData("\u201cAt this point, they are not ready to take revolutionary action.\n\nIf he loses power, they will exterminate him,\" Chernak said.", "Chernak", "said")]
    [InlineData("\u201cI would look for people who are as close to him as possible.\n\nThey can be ideologically similar, but still hate each other,\u201d she explained.", "she", "explained")]
    [InlineData("\"In the war we use all the means that the law allows us,\" Tschernak told the media in mid-February: \"We have also found mechanisms for cooperation with people who are very close to Putin.\"", "Tschernak", "told")]
    public void Pipeline_QuotationInTwoParts_IsOneAttributionOfTheCueBetweenOrAfterThem(string text, string source, string cue)
    {
        var doc = TestText.Analyze(text);
        var record = Assert.Single(doc.Attributions, a => a.Content.Count > 0);
        Assert.Equal(AttributionKind.Direct, record.Kind);
        Assert.Equal(2, record.Content.Count);
        Assert.Equal(source, doc.Slice(record.Source!.Value));
        Assert.Equal(cue, doc.Slice(record.Cue!.Value));
        Assert.DoesNotContain(doc.Attributions, a => a.Content.Count == 0);
    }

    [Theory]
    [InlineData("He left open how concrete talks about a possible end of the war have progressed - but emphasized that there are prominent opponents of the invasion in Putin's circle.", "He", "emphasized")]
    [InlineData("Chernak declined to name them and added that the contacts were very close to Putin.", "Chernak", "added")]
    [InlineData("But that could change. A revolution \u2013 such as that demanded by the ex-oligarch Mikhail Khodorkovsky \u2013 is not immediately in prospect as a result of the cooperation.", "the ex-oligarch Mikhail Khodorkovsky", "demanded")]
    public void Pipeline_CueWithoutANamedSource_TakesTheSubjectOfItsPredicateOrTheAgentOfItsPassive(string text, string source, string cue)
    {
        var doc = TestText.Analyze(text);
        var record = Assert.Single(doc.Attributions, a => a.Cue is { } c && doc.Slice(c) == cue);
        Assert.Equal(source, doc.Slice(record.Source!.Value));
    }

    [Theory]
    // The sample article's sentence: no source is tagged, the relative clause stands between name and cue.
    [InlineData("The Russian political scientist Yekaterina Schulmann, who is currently living in Germany, recently presented a different variant: Talks could go past the Kremlin boss with contacts in Putin's environment, she explained in an interview.", "The Russian political scientist Yekaterina Schulmann", "presented")]
    public void Pipeline_NameSeparatedFromItsCueByACommaClause_IsTheSource(string text, string source, string cueWord)
    {
        var doc = TestText.Analyze(text);
        var record = Assert.Single(doc.Attributions, a => a.Cue is { } c && doc.Slice(c).Contains(cueWord, StringComparison.Ordinal));
        Assert.Equal(source, doc.Slice(record.Source!.Value));
    }

    [Theory]
    [InlineData("Mook said Sunday that Trump was lying, adding that the campaign would release its records.", "Mook", "adding")]
    [InlineData("Clinton said the plan would cost jobs, adding that she would fight it.", "Clinton", "adding")]
    [InlineData("Sanders, who lost the primaries to Clinton, said he would campaign for her, saying that Trump must be defeated.", "Sanders, who lost the primaries to Clinton,", "saying")]
    public void Pipeline_SecondCueOfOneSpeaker_SharesTheSourceOfTheFirst(string text, string source, string cue)
    {
        var doc = TestText.Analyze(text);
        var record = Assert.Single(doc.Attributions, a => a.Cue is { } c && doc.Slice(c) == cue);
        Assert.Equal(source, doc.Slice(record.Source!.Value));
        Assert.Equal(2, doc.Attributions.Count(a => a.Source is { } s && doc.Slice(s) == source));
    }

    [Theory]
    [InlineData("The governor was blunt.\n\nLimbaugh added:\n\n\u201cAnd from a supposed front-runner, Hillary Clinton, this reeks of desperation.\u201d", "Limbaugh")]
    [InlineData("Caddell continued:\n\n\"The health issue overall is very much a partisan issue.\"", "Caddell")]
    public void Pipeline_CueEndingAParagraphWithAColon_TakesTheQuotationBelowIt(string text, string source)
    {
        var doc = TestText.Analyze(text);
        var record = Assert.Single(doc.Attributions);
        Assert.Equal(AttributionKind.Direct, record.Kind);
        Assert.Equal(source, doc.Slice(record.Source!.Value));
        Assert.NotNull(record.Cue);
        Assert.True(record.ContentExtent.Start > text.LastIndexOf(':'), "the content is the quotation after the colon");
    }

    [Theory]
    [InlineData("\u201cBut we are concerned that Donald Trump may lie,\u201d Mook said.\n\nAccording to Limbaugh, \u201cIf it was left up to Hillary, she wouldn\u2019t have time to say anything positive.\u201d", "Mook", "Limbaugh")]
    [InlineData("\u201cThe left is saying that normally that is true,\u201d Limbaugh continued. He concluded: \u201cThe person in this debate who cannot tell the truth is Hillary Clinton.\u201d", "Limbaugh", "He")]
    public void Pipeline_QuotationsWithAnAttributionEachBetweenThem_StayTwoAttributions(string text, string first, string second)
    {
        var doc = TestText.Analyze(text);
        Assert.Equal(2, doc.Attributions.Count);
        Assert.All(doc.Attributions, a => Assert.Single(a.Content));
        Assert.Equal(new[] { first, second }, doc.Attributions.Select(a => doc.Slice(a.Source!.Value)));
    }
}
