using Ascribe.Core.Documents;
using static Ascribe.Core.Tests.Components.Audit.AuditDocuments;

namespace Ascribe.Core.Tests.Components.Audit;

/// <summary>Each flag of docs/flags.md with examples that must and must not raise it.</summary>
public sealed class AuditComponentTests
{
    [Theory]
    [InlineData("Talks could go past the Kremlin, she explained in an interview with\n\nThere are dissatisfied people.", "she explained in an interview with")]
    [InlineData("The people around him \"only played along,\" she told\n\nMore text follows here.", "she told")]
    [InlineData("He said the deal was done, according to\n\nNext paragraph.", "according to")]
    [InlineData("The minister told.", "The minister told")]
    public void TruncatedAttribution_FlagsCutOffReportingClauses(string text, string expected)
    {
        var doc = TestText.Text(text);
        RunAudit(doc);
        Assert.Equal(new[] { expected }, FlagTexts(doc, FlagCodes.TruncatedAttribution));
    }

    [Theory]
    [InlineData("She was told.")]
    [InlineData("He spoke in an interview with Zeit Online.")]
    [InlineData("\"We will win,\" he said")]
    [InlineData("Only time will tell.")]
    [InlineData("Who did she talk to?")]
    [InlineData("The bridge was built over the river with")]
    public void TruncatedAttribution_LeavesCompleteOrNonReportingSentences(string text)
    {
        var doc = TestText.Text(text);
        RunAudit(doc);
        Assert.Empty(Flags(doc, FlagCodes.TruncatedAttribution));
    }

    [Fact]
    public void UnattributedQuote_FlagsLongQuotationWithNoSpeaker()
    {
        var doc = TestText.Text("The banner over the square: \"we will never give up the fight\".\n\nThe \"peace manifesto\" was published.");
        var audit = RunAudit(doc);
        Assert.Equal(new[] { "\"we will never give up the fight\"" }, FlagTexts(doc, FlagCodes.UnattributedQuote));
        Assert.Equal(1, audit.UnattributedQuotes);
    }

    [Fact]
    public void UnattributedQuote_SkipsAttributedContinuedAndPullQuotes()
    {
        var doc = TestText.Text(
            "\"If he loses power, they will exterminate him\"\n\n" +
            "\"We are ready to act at any time,\" the general said. \"Nobody should doubt our resolve today.\"\n\n" +
            "\"At this point they are waiting. If he loses power, they will exterminate him,\" Chernak said.");
        Add(doc, "the general", "said", "\"We are ready to act at any time,\"", AttributionKind.Direct);
        Add(doc, "Chernak", "said", "\"At this point they are waiting. If he loses power, they will exterminate him,\"", AttributionKind.Direct);
        var audit = RunAudit(doc);
        Assert.Empty(Flags(doc, FlagCodes.UnattributedQuote));
        Assert.Equal(0, audit.UnattributedQuotes);
    }

    [Fact]
    public void UnattributedQuote_QuoteContinuedIntoAnAttributedParagraphIsAttributed()
    {
        var doc = TestText.Text("\u201CAt this point, they are not ready to act.\n\nIf he loses power, they will exterminate him,\" Chernak said.");
        var said = new Attribution { Source = Find(doc, "Chernak"), Cue = Find(doc, "said") };
        doc.Attributions.Add(said);
        RunAudit(doc);
        Assert.Empty(Flags(doc, FlagCodes.UnattributedQuote));
    }

    [Fact]
    public void UnattributedQuote_ABareQuotationWithNoSourceCueOrSpeakerStillCounts()
    {
        var doc = TestText.Text("The banner over the square: \"we will never give up the fight\".");
        Add(doc, null, null, "\"we will never give up the fight\"", AttributionKind.Direct);
        RunAudit(doc);
        Assert.Single(Flags(doc, FlagCodes.UnattributedQuote));
    }

    [Fact]
    public void ConflictingReports_AnUnresolvedReportThatCitesSomeoneCanBeContradicted()
    {
        var doc = TestText.Text(
            "Shortly before the turn of the year, citing a Russian billionaire, that there was huge frustration in Putin's circle. " +
            "However, the signals are contradictory: the Reuters agency learned that Putin was still firmly in the saddle.");
        Entity(doc, "e1", "a Russian billionaire", SourceType.Anonymous, "a Russian billionaire");
        Add(doc, null, "citing", "that there was huge frustration in Putin's circle").Cites.Add("e1");
        Add(doc, "the Reuters agency", "learned", "that Putin was still firmly in the saddle");
        var audit = RunAudit(doc);
        var flag = Assert.Single(Flags(doc, FlagCodes.ConflictingReports));
        Assert.Contains("contradicts a report citing a Russian billionaire", flag.Message, StringComparison.Ordinal);
        Assert.Equal(0, Assert.Single(audit.Conflicts).First);
    }

    [Fact]
    public void ConflictingReports_NotWithAReportNobodyIsBehind()
    {
        var doc = TestText.Text(
            "There was huge frustration in Putin's circle. " +
            "However, the Reuters agency learned that Putin was still firmly in the saddle.");
        Add(doc, null, null, "There was huge frustration in Putin's circle");
        Add(doc, "the Reuters agency", "learned", "that Putin was still firmly in the saddle");
        RunAudit(doc);
        Assert.Empty(Flags(doc, FlagCodes.ConflictingReports));
    }

    [Fact]
    public void AnonymousSource_FromEntityTypeAndFromCitedEntity()
    {
        var doc = TestText.Text("Officials said the talks had failed. The Washington Post reported, citing a Russian billionaire, that there was frustration.");
        Entity(doc, "e1", "Officials", SourceType.Anonymous, "Officials");
        Entity(doc, "e2", "The Washington Post", SourceType.Media, "The Washington Post");
        Entity(doc, "e3", "a Russian billionaire", SourceType.Anonymous, "a Russian billionaire");
        Add(doc, "Officials", "said", "the talks had failed", speaker: "e1");
        var wapo = Add(doc, "The Washington Post", "reported", "that there was frustration", speaker: "e2");
        wapo.Cites.Add("e3");
        var audit = RunAudit(doc);
        Assert.Equal(new[] { "Officials", "a Russian billionaire" }, FlagTexts(doc, FlagCodes.AnonymousSource));
        Assert.Equal(2, audit.AnonymousAttributions);
        Assert.Equal(1, audit.SpeakersByType["media"]);
        Assert.Equal(2, audit.SpeakersByType["anonymous"]);
    }

    [Fact]
    public void AnonymousSource_FallbackWithoutEntities_UsesTheSourcePhrase()
    {
        var doc = TestText.Text("A senior official said the plan was dead. The minister said the plan was alive. Western intelligence circles believe it.");
        Add(doc, "A senior official", "said", "the plan was dead");
        Add(doc, "The minister", "said", "the plan was alive");
        Add(doc, "Western intelligence circles", "believe", "it");
        RunAudit(doc);
        Assert.Equal(new[] { "A senior official", "Western intelligence circles" }, FlagTexts(doc, FlagCodes.AnonymousSource));
    }

    [Fact]
    public void AnonymousSource_NotForNamedSources()
    {
        var doc = TestText.Text("John Smith said the plan was dead.");
        Entity(doc, "e1", "John Smith", SourceType.Person, "John Smith");
        Add(doc, "John Smith", "said", "the plan was dead", speaker: "e1");
        var audit = RunAudit(doc);
        Assert.Empty(Flags(doc, FlagCodes.AnonymousSource));
        Assert.Equal(1, audit.NamedSpeakers);
    }

    [Fact]
    public void RelayedClaim_CitingLearnedFromAndCites()
    {
        var doc = TestText.Text(
            "The Post reported, citing a Russian billionaire, that there was frustration. " +
            "The agency learned from Western circles that Putin was firm. " +
            "The paper wrote that the war was lost.");
        Add(doc, "The Post", "reported", "that there was frustration");
        Add(doc, "The agency", "learned", "that Putin was firm");
        var paper = Add(doc, "The paper", "wrote", "that the war was lost");
        Entity(doc, "e9", "Kremlin insiders", SourceType.Anonymous);
        paper.Cites.Add("e9");
        var audit = RunAudit(doc);
        Assert.Equal(new[] { "reported", "learned", "wrote" }, FlagTexts(doc, FlagCodes.RelayedClaim));
        Assert.Equal(3, audit.RelayedAttributions);
        Assert.Contains(Flags(doc, FlagCodes.RelayedClaim), f => f.Message.Contains("relays a Russian billionaire", StringComparison.Ordinal));
        // The relayed parties count as the independent origins, not the outlets that relay them.
        Assert.Equal(3, audit.IndependentSpeakers);
        Assert.Contains("a Russian billionaire", FlagTexts(doc, FlagCodes.AnonymousSource));
    }

    [Fact]
    public void RelayedClaim_NotForAccordingToOrFirstHandSpeech()
    {
        var doc = TestText.Text("According to Ukraine, the plan is underway. The minister said the plan was alive.");
        Add(doc, "Ukraine", "According to", "the plan is underway", AttributionKind.According);
        Add(doc, "The minister", "said", "the plan was alive");
        var audit = RunAudit(doc);
        Assert.Empty(Flags(doc, FlagCodes.RelayedClaim));
        Assert.Equal(0, audit.RelayedAttributions);
    }

    [Fact]
    public void RelayedClaim_NestedAttributionIsRelayedThroughTheOuterOne()
    {
        var doc = TestText.Text("According to Reuters, officials said the border was closed.");
        Add(doc, "Reuters", "According to", "officials said the border was closed", AttributionKind.According);
        Add(doc, "officials", "said", "the border was closed");
        RunAudit(doc);
        var flag = Assert.Single(Flags(doc, FlagCodes.RelayedClaim));
        Assert.Equal("said", doc.Text[flag.Start..flag.End]);
        Assert.Contains("Reuters", flag.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tschernak claimed that talks were underway.", "claimed", true)]
    [InlineData("Tschernak alleged that talks were underway.", "alleged", true)]
    [InlineData("Tschernak said that talks were underway.", "said", false)]
    [InlineData("Tschernak confirmed that talks were underway.", "confirmed", false)]
    public void DistancingCue_FromTheCueStance(string text, string cue, bool flagged)
    {
        var doc = TestText.Text(text);
        Add(doc, "Tschernak", cue, "that talks were underway");
        RunAudit(doc);
        Assert.Equal(flagged ? new[] { cue } : Array.Empty<string>(), FlagTexts(doc, FlagCodes.DistancingCue));
    }

    [Fact]
    public void DistancingCue_TrustsAStanceSetUpstream()
    {
        var doc = TestText.Text("Tschernak said that talks were underway.");
        Add(doc, "Tschernak", "said", "that talks were underway").Stance = "distancing";
        RunAudit(doc);
        Assert.Single(Flags(doc, FlagCodes.DistancingCue));
    }

    [Theory]
    [InlineData("Officials said the talks may collapse soon.", "the talks may collapse soon", true)]
    [InlineData("Officials said the talks reportedly collapsed.", "the talks reportedly collapsed", true)]
    [InlineData("Officials said the talks appear to have collapsed.", "the talks appear to have collapsed", true)]
    [InlineData("Officials said the talks collapsed.", "the talks collapsed", false)]
    public void HedgedClaim_FromHedgeWordsInTheContent(string text, string content, bool flagged)
    {
        var doc = TestText.Text(text);
        Add(doc, "Officials", "said", content);
        RunAudit(doc);
        Assert.Equal(flagged ? new[] { content } : Array.Empty<string>(), FlagTexts(doc, FlagCodes.HedgedClaim));
    }

    [Fact]
    public void HedgedClaim_TrustsTheHedgedMarkSetUpstream()
    {
        var doc = TestText.Text("Officials said the talks collapsed.");
        Add(doc, "Officials", "said", "the talks collapsed").Hedged = true;
        RunAudit(doc);
        Assert.Single(Flags(doc, FlagCodes.HedgedClaim));
    }

    [Fact]
    public void ConflictingReports_ContrastMarkerPairsTheNearestReportOnTheTopic()
    {
        var doc = TestText.Text(
            "The Washington Post reported that there was huge frustration in Putin's circle. " +
            "The weather was cold. " +
            "However, the signals are contradictory: the Reuters agency learned that Putin was still firmly in the saddle.");
        Add(doc, "The Washington Post", "reported", "that there was huge frustration in Putin's circle");
        Add(doc, "the Reuters agency", "learned", "that Putin was still firmly in the saddle");
        var audit = RunAudit(doc);
        var flag = Assert.Single(Flags(doc, FlagCodes.ConflictingReports));
        Assert.Contains("the Reuters agency contradicts The Washington Post", flag.Message, StringComparison.Ordinal);
        Assert.Equal("the Reuters agency learned that Putin was still firmly in the saddle", doc.Text[flag.Start..flag.End]);
        Assert.Equal(new ConflictingPair(0, 1, "introduced by \"however\"", "The Washington Post", "the Reuters agency"), Assert.Single(audit.Conflicts));
    }

    [Fact]
    public void ConflictingReports_OppositePolarityOnTheSameTopic()
    {
        var doc = TestText.Text("The ministry said the army had withdrawn from Kherson. Local officials said the army had not withdrawn from Kherson.");
        Add(doc, "The ministry", "said", "the army had withdrawn from Kherson");
        Add(doc, "Local officials", "said", "the army had not withdrawn from Kherson");
        RunAudit(doc);
        Assert.Single(Flags(doc, FlagCodes.ConflictingReports));
    }

    [Theory]
    [InlineData("The ministry said the army had withdrawn. However, the ministry said the army had advanced.")]
    [InlineData("The ministry said the harvest was good. However, the mayor said the bridge would reopen in May.")]
    [InlineData("The ministry said the army had withdrawn from Kherson. The mayor said the army had withdrawn from Kherson.")]
    public void ConflictingReports_NotForTheSameSpeakerOtherTopicsOrAgreement(string text)
    {
        var doc = TestText.Text(text);
        var sentences = doc.Sentences.Select(s => doc.Slice(s.Span)).ToList();
        foreach (var sentence in sentences)
        {
            int said = sentence.IndexOf(" said ", StringComparison.Ordinal);
            string source = sentence[..said].Replace("However, ", string.Empty, StringComparison.Ordinal);
            string content = sentence[(said + 6)..^1];
            var a = new Attribution { Source = Find(doc, source, sentences.IndexOf(sentence) > 0 && source == "The ministry" ? 1 : 0), Cue = Find(doc, " said ", sentences.IndexOf(sentence)) };
            a.Cue = new TextSpan(a.Cue.Value.Start + 1, a.Cue.Value.End - 1);
            a.Content.Add(Find(doc, content));
            doc.Attributions.Add(a);
        }

        RunAudit(doc);
        Assert.Empty(Flags(doc, FlagCodes.ConflictingReports));
    }

    [Fact]
    public void SingleSourceClaim_HeadlineClaimFromOneInterestedParty()
    {
        var doc = TestText.Text(
            "Talks behind Putin's back? According to Ukraine, the plan is already underway\n\n" +
            "Schulmann said that there are dissatisfied people in the Kremlin.");
        Entity(doc, "e1", "Ukraine", SourceType.Country, "Ukraine");
        Entity(doc, "e2", "Ekaterina Schulmann", SourceType.Person, "Schulmann").Description.Add("political scientist");
        Add(doc, "Ukraine", "According to", "the plan is already underway", AttributionKind.According, "e1");
        Add(doc, "Schulmann", "said", "that there are dissatisfied people in the Kremlin", speaker: "e2");
        var audit = RunAudit(doc);
        var flag = Assert.Single(Flags(doc, FlagCodes.SingleSourceClaim));
        Assert.Equal("the plan is already underway", doc.Text[flag.Start..flag.End]);
        Assert.Contains("interested party", flag.Message, StringComparison.Ordinal);
        var lead = audit.Lead!;
        Assert.Equal(0, lead.Attribution);
        Assert.Equal(new[] { "e1" }, lead.SpeakerIds);
        Assert.Equal(1, lead.IndependentSpeakers);
        Assert.True(lead.Interested);
        Assert.Equal(new[] { "e1" }, audit.InterestedParties);
    }

    [Fact]
    public void SingleSourceClaim_NotWhenTwoIndependentSpeakersSupportIt()
    {
        var doc = TestText.Text(
            "According to Ukraine, the plan is already underway\n\n" +
            "Schulmann said the plan was already underway in the Kremlin.");
        Add(doc, "Ukraine", "According to", "the plan is already underway", AttributionKind.According);
        Add(doc, "Schulmann", "said", "the plan was already underway in the Kremlin");
        var audit = RunAudit(doc);
        Assert.Empty(Flags(doc, FlagCodes.SingleSourceClaim));
        Assert.Equal(2, audit.Lead!.IndependentSpeakers);
        Assert.False(audit.Lead.Interested);
    }

    [Fact]
    public void SingleSourceClaim_ARelayOfTheSameOriginCountsOnce()
    {
        var doc = TestText.Text(
            "According to a Russian billionaire, the elite is frustrated\n\n" +
            "The Post reported, citing a Russian billionaire, that the elite is frustrated.");
        Add(doc, "a Russian billionaire", "According to", "the elite is frustrated", AttributionKind.According);
        Add(doc, "The Post", "reported", "that the elite is frustrated");
        var audit = RunAudit(doc);
        Assert.Single(Flags(doc, FlagCodes.SingleSourceClaim));
        Assert.Equal(2, audit.Lead!.SpeakerIds.Count);
        Assert.Equal(1, audit.Lead.IndependentSpeakers);
    }

    [Fact]
    public void InterestedParty_GovernmentsAndOfficialsButNotExperts()
    {
        var doc = TestText.Text("Tschernak said talks went on. Schulmann said talks were pointless. The Kremlin said talks were a lie.");
        Entity(doc, "e1", "Andriy Tschernak", SourceType.Person, "Tschernak").Description.Add("representative of the secret service directorate in the Ukrainian Ministry of Defense");
        Entity(doc, "e2", "Ekaterina Schulmann", SourceType.Person, "Schulmann").Description.Add("political scientist");
        Entity(doc, "e3", "The Kremlin", SourceType.Government, "The Kremlin");
        Add(doc, "Tschernak", "said", "talks went on", speaker: "e1");
        Add(doc, "Schulmann", "said", "talks were pointless", speaker: "e2");
        Add(doc, "The Kremlin", "said", "talks were a lie", speaker: "e3");
        var audit = RunAudit(doc);
        Assert.Equal(new[] { "Tschernak", "The Kremlin" }, FlagTexts(doc, FlagCodes.InterestedParty));
        Assert.Equal(new[] { "e1", "e3" }, audit.InterestedParties);
    }

    [Fact]
    public void Audit_CountsAttributionsSpeakersAndShares()
    {
        var doc = TestText.Text("Officials said A was true. He said B was true. John Smith said C was true. John Smith added D was true.");
        Add(doc, "Officials", "said", "A was true");
        Add(doc, "He", "said", "B was true");
        Add(doc, "John Smith", "said", "C was true");
        Add(doc, "John Smith", "added", "D was true");
        var audit = RunAudit(doc);
        Assert.Equal(4, audit.Attributions);
        Assert.Equal(2, audit.Speakers);
        Assert.Equal(1, audit.NamedSpeakers);
        Assert.Equal(1, audit.UnresolvedAttributions);
        Assert.Equal(0.25, audit.AnonymousShare);
        Assert.Equal(1, audit.AttributionsByType["anonymous"]);
        Assert.Equal(3, audit.AttributionsByType["unknown"]);
    }
}
