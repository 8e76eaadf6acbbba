using Ascribe.Core.Components.Resolution;
using Ascribe.Core.Documents;
using Ascribe.Core.Evaluation;

namespace Ascribe.Core.Tests.Components.Resolution;

public sealed class SpeakerResolverTests
{
    [Fact]
    public void SpeakerResolver_PronounAcrossParagraphs_FindsGenderedAntecedent()
    {
        var doc = Marked.Resolve(
            "Maria Kowalska, the mayor of Gdansk, met Tomasz Nowak on Monday.\n\n" +
            "The talks went on for hours.\n\n" +
            "\"We are close,\" [[she]] {{said}}. \"It took a long time,\" [[he]] {{added}}.");
        Assert.Equal("Maria Kowalska", Marked.SpeakerName(doc, 0));
        Assert.Equal("Tomasz Nowak", Marked.SpeakerName(doc, 1));
    }

    [Fact]
    public void SpeakerResolver_AcronymSpeaker_KeepsItsFinalPeriod()
    {
        var doc = Marked.Resolve("[[The S.E.C.]] {{said}} it would act. [[Sen. Lindsey Graham (R-S.C.)]] {{said}} it was late.");
        Assert.Equal("S.E.C.", Marked.SpeakerName(doc, 0));
        Assert.Equal("Lindsey Graham", Marked.SpeakerName(doc, 1));
    }

    [Fact]
    public void SpeakerResolver_PronounGenderLearnedFromEarlierPronoun()
    {
        var doc = Marked.Resolve(
            "Kim Taylor has run the agency for a decade. She rarely speaks to the press.\n\n" +
            "Robin Lee, her deputy, disagrees. He thinks the numbers are wrong.\n\n" +
            "\"We stand by them,\" [[she]] {{said}}.");
        Assert.Equal("Kim Taylor", Marked.SpeakerName(doc, 0));
    }

    [Fact]
    public void SpeakerResolver_TheyRefersToPluralOrOrganization()
    {
        var doc = Marked.Resolve(
            "Union leaders met the board of Siemens on Tuesday. [[They]] {{said}} no deal was near.");
        var e = Marked.SpeakerOf(doc, 0);
        Assert.Equal(SourceType.Anonymous, e.Type);
        Assert.Equal("Union leaders", e.Name);
    }

    [Fact]
    public void SpeakerResolver_RoleNoun_RefersToPersonWithMatchingDescription()
    {
        var doc = Marked.Resolve(
            "Andriy Tschernak, representative of the secret service directorate in the Ukrainian Ministry of Defense, spoke on Monday. " +
            "Olga Petrenko, a teacher, listened.\n\n\"In short, it's about this war,\" [[the ministry official]] {{explained}}.");
        var e = Marked.SpeakerOf(doc, 0);
        Assert.Equal("Andriy Tschernak", e.Name);
        Assert.Contains("representative of the secret service directorate in the Ukrainian Ministry of Defense", e.Description);
    }

    [Fact]
    public void SpeakerResolver_Apposition_GivesDescriptionAndPersonType()
    {
        var doc = Marked.Resolve("[[Leonid Volkov, a confidante of Navalny,]] {{said}} the plan would fail.");
        var e = Marked.SpeakerOf(doc, 0);
        Assert.Equal("Leonid Volkov", e.Name);
        Assert.Equal(SourceType.Person, e.Type);
        Assert.Contains("confidante of Navalny", e.Description);
        Assert.True(doc.Attributions[0].Hedged);
    }

    [Fact]
    public void SpeakerResolver_FormerAndLatter()
    {
        var doc = Marked.Resolve(
            "Anna Berg and Paul Klein disagree about the budget. [[The former]] {{says}} it is too small; [[the latter]] {{says}} it is fine.");
        Assert.Equal("Anna Berg", Marked.SpeakerName(doc, 0));
        Assert.Equal("Paul Klein", Marked.SpeakerName(doc, 1));
    }

    [Fact]
    public void SpeakerResolver_CoordinatedSource_IsGroupOfTwoEntities()
    {
        var doc = Marked.Resolve(
            "Andriy Tschernak met Yekaterina Schulmann. [[Tschernak and Schulmann]] {{argued}} unanimously on this question.");
        var group = Marked.SpeakerOf(doc, 0);
        Assert.Equal(2, group.Members.Count);
        var names = group.Members.Select(id => doc.Entities.Single(e => e.Id == id).Name).ToArray();
        Assert.Equal(new[] { "Andriy Tschernak", "Yekaterina Schulmann" }, names);
        Assert.Equal(SourceType.Person, group.Type);
    }

    [Fact]
    public void SpeakerResolver_NameVariants_OneEntity()
    {
        var doc = Marked.Resolve(
            "[[Alexei Navalny]] {{said}} it first. Later [[Nawalny]] {{repeated}} it, and [[Mr. Navalny]] {{insisted}} on it.");
        Assert.Single(doc.Entities);
        Assert.All(doc.Attributions, a => Assert.Equal("e1", a.Speaker));
        Assert.Equal("emphatic", doc.Attributions[2].Stance);
    }

    [Fact]
    public void SpeakerResolver_SameSurnameDifferentGivenNames_TwoEntities()
    {
        var doc = Marked.Resolve("[[Hillary Clinton]] {{said}} yes. [[Bill Clinton]] {{said}} no.");
        Assert.Equal(2, doc.Entities.Count);
    }

    [Theory]
    [InlineData("[[A Russian billionaire]] {{said}} the mood was grim.", SourceType.Anonymous)]
    [InlineData("[[People familiar with the matter]] {{said}} the deal was off.", SourceType.Anonymous)]
    [InlineData("[[Many experts]] {{think}} this is pointless.", SourceType.Anonymous)]
    [InlineData("[[Senior officials]] {{said}} talks had stalled.", SourceType.Anonymous)]
    [InlineData("[[The Washington Post]] {{reported}} the talks had stalled.", SourceType.Media)]
    [InlineData("[[Reuters]] {{reported}} the talks had stalled.", SourceType.Media)]
    [InlineData("[[The Kremlin]] {{denied}} the talks had stalled.", SourceType.Government)]
    [InlineData("[[The Ministry of Defense]] {{said}} the talks had stalled.", SourceType.Government)]
    [InlineData("[[Police]] {{said}} the man was arrested.", SourceType.Government)]
    [InlineData("[[A report by the think tank]] {{found}} the talks had stalled.", SourceType.Document)]
    [InlineData("[[Ukraine]] {{says}} the talks had stalled.", SourceType.Country)]
    [InlineData("[[The Democratic Party]] {{said}} the talks had stalled.", SourceType.Organization)]
    [InlineData("[[Hamas, which runs Gaza,]] {{said}} 40 people were killed.", SourceType.Organization)]
    [InlineData("[[The armed forces]] {{said}} the attack was repelled.", SourceType.Government)]
    [InlineData("[[The president's office]] {{said}} the talks were constructive.", SourceType.Government)]
    [InlineData("[[Ukraine's General Staff]] {{said}} the village remained under Russian control.", SourceType.Government)]
    [InlineData("[[A retired general]] {{said}} the attack was repelled.", SourceType.Anonymous)]
    [InlineData("[[The Israel Defense Forces (IDF)]] {{said}} the strikes hit weapons depots.", SourceType.Government)]
    [InlineData("[[The Times of Israel]] {{reported}} the strikes hit weapons depots.", SourceType.Media)]
    [InlineData("[[Mr. Obuya]] {{said}} the talks had stalled.", SourceType.Person)]
    [InlineData("[[Angela Merkel]] {{said}} the talks had stalled.", SourceType.Person)]
    public void SpeakerResolver_TypesSources(string marked, SourceType type)
    {
        var doc = Marked.Resolve(marked);
        Assert.Equal(type, Marked.SpeakerOf(doc, 0).Type);
    }

    [Fact]
    public void SpeakerResolver_CitingAndLearnedFrom_RecordCites()
    {
        var doc = Marked.Resolve(
            "[[The Washington Post]] {{reported}} on Friday, citing a \"Russian billionaire\", that there was frustration. " +
            "[[The Reuters agency]] {{learned}} from Western government and intelligence circles that Putin was firm.");
        var cited = doc.Entities.Single(e => e.Id == doc.Attributions[0].Cites.Single());
        Assert.Equal("a Russian billionaire", cited.Name);
        Assert.Equal(SourceType.Anonymous, cited.Type);
        Assert.Equal("a \"Russian billionaire\"", doc.Slice(cited.Mentions.Single()));
        var circles = doc.Entities.Single(e => e.Id == doc.Attributions[1].Cites.Single());
        Assert.Equal("Western government and intelligence circles", circles.Name);
        Assert.Equal(SourceType.Anonymous, circles.Type);
        Assert.Equal("learning", doc.Attributions[1].Stance);
    }

    [Theory]
    [InlineData("citing a \u201CRussian billionaire\u201D, that", "a \u201CRussian billionaire\u201D")]
    [InlineData("citing \u00ABa Russian billionaire\u00BB, that", "a Russian billionaire")]
    [InlineData("citing a Russian billionaire, that", "a Russian billionaire")]
    public void SpeakerResolver_CitedMention_KeepsBothQuoteMarksOrNeither(string citing, string mention)
    {
        var doc = Marked.Resolve($"[[The Washington Post]] {{{{reported}}}} on Friday, {citing} there was frustration.");
        var cited = doc.Entities.Single(e => e.Id == doc.Attributions[0].Cites.Single());
        Assert.Equal("a Russian billionaire", cited.Name);
        Assert.Equal(mention, doc.Slice(cited.Mentions.Single()));
    }

    [Theory]
    [InlineData("[[The Kremlin]] {{denied}} the report. In a statement, [[the company]] {{said}} it would refund customers.", "the company")]
    [InlineData("[[Sources]] {{told}} Reuters the deal was off. In a statement, [[the company]] {{said}} it would refund customers.", "the company")]
    [InlineData("[[Baraka Minerals Ltd]] {{said}} it would appeal. In a statement, [[the company]] {{said}} it would refund customers.", "Baraka Minerals Ltd")]
    public void SpeakerResolver_CompanyWithoutASharedWord_RefersOnlyToAnOrganization(string marked, string speaker)
    {
        var doc = Marked.Resolve(marked);
        Assert.Equal(speaker, Marked.SpeakerName(doc, 1));
        Assert.Equal(SourceType.Organization, Marked.SpeakerOf(doc, 1).Type);
    }

    [Theory]
    [InlineData("[[A Kremlin insider]] {{told}} the newspaper Kommersant that talks were frozen.", "A Kremlin insider", SourceType.Anonymous)]
    [InlineData("[[An Obama aide]] {{said}} the plan was dead.", "An Obama aide", SourceType.Anonymous)]
    [InlineData("[[Kremlin spokesman Dmitry Peskov]] {{said}} the talks were frozen.", "Dmitry Peskov", SourceType.Person)]
    public void SpeakerResolver_NameBeforeASingularPersonNoun_OnlyPlacesThatPerson(string marked, string speaker, SourceType type)
    {
        var doc = Marked.Resolve(marked);
        Assert.Equal(speaker, Marked.SpeakerName(doc, 0));
        Assert.Equal(type, Marked.SpeakerOf(doc, 0).Type);
    }

    [Theory]
    [InlineData("[[China's foreign ministry spokeswoman Mao Ning]] {{rejected}} the criticism. \"Stop interfering,\" [[she]] {{said}}.", "Mao Ning", "China's foreign ministry spokeswoman")]
    [InlineData("[[Blinken's counterpart, Foreign Minister Yoko Kamikawa,]] {{said}} Japan shared those concerns. [[Kamikawa]] {{added}} that she hoped for calm.", "Yoko Kamikawa", "Blinken's counterpart")]
    public void SpeakerResolver_NameAfterAPossessorsRoleNoun_IsTheSpeaker(string marked, string speaker, string description)
    {
        var doc = Marked.Resolve(marked);
        Assert.Equal(speaker, Marked.SpeakerName(doc, 0));
        Assert.Equal(Marked.SpeakerOf(doc, 0).Id, Marked.SpeakerOf(doc, 1).Id);
        Assert.Equal(SourceType.Person, Marked.SpeakerOf(doc, 0).Type);
        Assert.Contains(description, Marked.SpeakerOf(doc, 0).Description);
    }

    [Theory]
    [InlineData("By Jane Doe and John Roe, Reuters")]
    [InlineData("BY Jane Doe")]
    [InlineData("Reporting by Jane Doe; Editing by John Roe")]
    public void SpeakerResolver_BylineNames_AreNotSourcesARoleNounReferTo(string byline)
    {
        var doc = Marked.Resolve($"Dam breach floods villages\n\n{byline}\n\nResidents were evacuated, {{{{according to}}}} [[the regional governor]]. [[The mayor]] {{{{told}}}} reporters the situation was under control.");
        Assert.Equal("the regional governor", Marked.SpeakerName(doc, 0));
        Assert.Equal("The mayor", Marked.SpeakerName(doc, 1));
        Assert.DoesNotContain(doc.Entities, e => e.Name.Contains("Jane Doe", StringComparison.Ordinal) && !e.Description.Contains("author of the article"));
    }

    [Fact]
    public void SpeakerResolver_FirstPersonOutsideQuotes_IsTheBylinesAuthor()
    {
        var doc = Marked.Resolve("Dam breach floods villages\n\nBy Jane Doe and John Roe, Reuters\n\nIn [[my]] {{view}}, it would make more sense to rebuild the dam upstream.");
        Assert.Equal("Jane Doe and John Roe", Marked.SpeakerName(doc, 0));
    }

    [Theory]
    [InlineData("\"We counted the wounded,\" {{said}} [[Olena Marchenko, a nurse at the city hospital]].", "nurse at the city hospital")]
    [InlineData("\"We counted the wounded,\" {{said}} [[Olena Marchenko, a nurse at the city hospital,]] on Monday.", "nurse at the city hospital")]
    public void SpeakerResolver_AppositionAfterAnInvertedCue_DescribesTheSpeaker(string marked, string description)
    {
        var doc = Marked.Resolve(marked);
        Assert.Equal("Olena Marchenko", Marked.SpeakerName(doc, 0));
        Assert.Contains(description, Marked.SpeakerOf(doc, 0).Description);
    }

    [Fact]
    public void SpeakerResolver_RoleNounDescription_LeavesOutARelativeClause()
    {
        var doc = Marked.Resolve("[[Gavin Newsom]] {{said}} the state would sue. [[The governor, who took office in 2019,]] {{added}} that the bridge would reopen.");
        Assert.Equal("Gavin Newsom", Marked.SpeakerName(doc, 1));
        Assert.Contains("governor", Marked.SpeakerOf(doc, 1).Description);
        Assert.DoesNotContain(Marked.SpeakerOf(doc, 1).Description, d => d.Contains("who", StringComparison.Ordinal));
    }

    [Theory]
    // A role noun shares no word with a description's phrase about another person; "the ministry official" still finds its ministry.
    [InlineData("[[A spokesperson for the UN secretary-general, Stephane Dujarric,]] {{told}} reporters the UN was alarmed. [[The UN chief]] {{has called for}} a ceasefire.", "The UN chief")]
    [InlineData("[[Andriy Tschernak, representative of the secret service directorate in the Ukrainian Ministry of Defense,]] {{claimed}} it. [[The ministry official]] {{emphasized}} that.", "Andriy Tschernak")]
    // First person in a transcript's speaker line is that speaker; outside one, the author.
    [InlineData("[[Terekhov]]{{:}} We need help from our partners, and [[we]] {{have asked}} the government for more.", "Terekhov")]
    [InlineData("[[Terekhov]] {{said}} the city needs help. In [[our]] {{view}}, the government should pay.", "the author")]
    // A relative-pronoun source is the phrase before its comma when no earlier mention in the sentence stands for it.
    [InlineData("The mayor, [[who]] {{said}} the curfew would be lifted, thanked residents.", "The mayor")]
    [InlineData("Residents of the city, [[who]] {{said}} they had no water, gathered outside.", "Residents")]
    [InlineData("[[Olena Petrenko]] {{said}} the port would reopen. The mayor thanked Petrenko, [[who]] {{said}} the ships were waiting.", "Olena Petrenko")]
    // A body noun without a shared word refers back only to a body that spoke, not to a dateline's place.
    [InlineData("KYIV, Ukraine (AP) — [[Ukrainian officials]] {{said}} drones attacked overnight. [[The air force]] {{said}} it shot down 45 of 50.", "The air force")]
    [InlineData("[[Hamas]] {{said}} 40 people were killed. The UN secretary-general called for calm. [[The group]] {{said}} it would respond.", "Hamas")]
    [InlineData("[[Moscow]] {{said}} the drones were shot down. [[The ministry]] {{said}} more would follow.", "Moscow")]
    public void SpeakerResolver_LastSource_ResolvesFromItsContext(string marked, string speaker)
    {
        var doc = Marked.Resolve(marked);
        Assert.Equal(speaker, Marked.SpeakerName(doc, doc.Attributions.Count - 1));
    }

    [Fact]
    public void SpeakerResolver_ToldOutletAndInterview_RecordVenue()
    {
        var doc = Marked.Resolve(
            "\"We will win,\" [[Tschernak]] {{told}} the Greek newspaper Iefimerida on Tuesday. " +
            "[[Schulmann]] {{said}} in an interview with Zeit Online that the elite was unhappy. " +
            "[[A spokesman]] {{told}} reporters nothing had changed.");
        Assert.Equal("Iefimerida", doc.Entities.Single(e => e.Id == doc.Attributions[0].Venue).Name);
        Assert.Equal(SourceType.Media, doc.Entities.Single(e => e.Id == doc.Attributions[0].Venue).Type);
        Assert.Equal("Zeit Online", doc.Entities.Single(e => e.Id == doc.Attributions[1].Venue).Name);
        Assert.Null(doc.Attributions[2].Venue);
    }

    [Theory]
    [InlineData("[[He]] {{claimed}} that the vote was rigged.", "distancing", false)]
    [InlineData("[[He]] {{confirmed}} that the vote was rigged.", "endorsing", false)]
    [InlineData("[[He]] {{suspects}} that the vote may have been rigged.", "belief", true)]
    [InlineData("[[He]] reportedly {{said}} that the vote was rigged.", "neutral", true)]
    [InlineData("[[He]] {{said}} the vote would be rigged.", "neutral", true)]
    [InlineData("[[He]] {{warned}} that the vote was rigged.", "emphatic", false)]
    public void StanceTagger_StanceAndHedges(string marked, string stance, bool hedged)
    {
        var doc = Marked.Resolve("Tom Hale spoke on Monday. " + marked);
        Assert.Equal(stance, doc.Attributions[0].Stance);
        Assert.Equal(hedged, doc.Attributions[0].Hedged);
    }
}

public sealed class ImplicitSpeakerTests
{
    [Fact]
    public void SpeakerResolver_CueWithoutSource_TakesThePersonBeforeIt()
    {
        string text = "At least that's what Andriy Tschernak, representative of the secret service directorate in the Ukrainian Ministry of Defense, claimed in a conversation with the Greek newspaper Iefimerida.";
        var doc = TestText.Text(text);
        int cue = text.IndexOf("claimed", StringComparison.Ordinal);
        doc.Attributions.Add(new Attribution { Kind = AttributionKind.Indirect, Cue = new TextSpan(cue, cue + 7) });
        new Ascribe.Core.Components.Resolution.SpeakerResolver().Process(doc);
        var a = doc.Attributions[0];
        Assert.Equal("Andriy Tschernak", doc.Entities.Single(e => e.Id == a.Speaker).Name);
        Assert.Equal("Iefimerida", doc.Entities.Single(e => e.Id == a.Venue).Name);
        Assert.Null(a.Source);
    }

    [Fact]
    public void SpeakerResolver_CueWithoutSource_IgnoresDateline()
    {
        // "Munich –" is where the story was filed, not who put the topic on the agenda.
        string text = "Munich – The call for talks has become louder: several demonstrations and a manifesto put the topic on the agenda.";
        var doc = TestText.Text(text);
        int cue = text.IndexOf("put", StringComparison.Ordinal);
        doc.Attributions.Add(new Attribution { Kind = AttributionKind.Indirect, Cue = new TextSpan(cue, cue + 3) });
        new Ascribe.Core.Components.Resolution.SpeakerResolver().Process(doc);
        var a = doc.Attributions[0];
        Assert.True(a.Speaker is null || doc.Entities.Single(e => e.Id == a.Speaker).Name != "Munich");
    }

    [Fact]
    public void BratWriter_NotesCarryCitesVenueAndSpeakerType()
    {
        var doc = Marked.Resolve("[[The Washington Post]] {{reported}} on Friday, citing a \"Russian billionaire\", that there was frustration.");
        string ann = Ascribe.Core.Serialization.BratWriter.Write(doc);
        var notes = ann.Split('\n').Single(l => l.Contains("AnnotatorNotes", StringComparison.Ordinal));
        Assert.Contains("speaker=e1", notes, StringComparison.Ordinal);
        Assert.Contains("cites=e2", notes, StringComparison.Ordinal);
        Assert.Contains("speaker_type=media", notes, StringComparison.Ordinal);
        Assert.Contains("stance=neutral", notes, StringComparison.Ordinal);
    }

    // Issue #5: "He" after "Critics such as the economist Reiner Eichenberger argue" went to the interviewee.
    [Fact]
    public void SpeakerResolver_PronounAfterNamedSubjectHead_IsNotTheInterviewee()
    {
        var doc = Marked.ResolveTagged(
            "Matthias Huss has measured the glaciers for two decades.\n\n" +
            "[[Huss]]: No. We lost six percent of the remaining ice in a single year.\n\n" +
            "[[Huss]]: I read the same reports. But the glaciers do not read them.\n\n" +
            "Critics such as the economist Reiner Eichenberger argue that adaptation is cheaper. " +
            "[[He]] {{has said}} that Switzerland cannot save the glaciers on its own.\n\n" +
            "[[Huss]]: That is true.");
        Assert.Equal("Matthias Huss", Marked.SpeakerName(doc, 0));
        Assert.Equal("Reiner Eichenberger", Marked.SpeakerName(doc, 2));
        Assert.Equal(doc.Attributions[0].Speaker, doc.Attributions[3].Speaker);
        Assert.NotEqual(doc.Attributions[0].Speaker, doc.Attributions[2].Speaker);
    }

    [Theory]
    [InlineData("Dan", Gender.Male)]
    [InlineData("Reiner", Gender.Male)]
    [InlineData("Melanie", Gender.Female)]
    [InlineData("Ellie", Gender.Female)]
    public void SourceLexicon_FirstNameGender(string name, Gender expected)
    {
        Assert.Equal(expected, SourceLexicon.Default.GenderOfFirstName(name));
    }

    [Theory]
    [InlineData("widow", Gender.Female)]
    [InlineData("chairman", Gender.Male)]
    [InlineData("official", Gender.Unknown)]
    public void SourceLexicon_NounGender(string noun, Gender expected)
    {
        Assert.Equal(expected, SourceLexicon.Default.GenderOfNoun(noun));
    }

    // Issue #5: in interview-01-climate, "He" after "Critics such as the economist Reiner Eichenberger
    // argue" went to the interviewee, which merged the two speakers and failed all seven of his sources.
    [Fact]
    public void SpeakerEvaluation_InterviewFixture_KeepsIntervieweeAndCriticApart()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "speakers", "interview-01-climate.txt");
        var fixture = SpeakerFixture.Parse("interview-01-climate", File.ReadAllText(path));
        var evaluation = new SpeakerEvaluation();
        evaluation.Add(fixture, Ascribe.Core.Pipeline.DefaultPipeline.PosLayer().Build(), new SpeakerResolver());
        Assert.Equal(fixture.Sources.Count, evaluation.Correct);
    }

    [Fact]
    public void SpeakerResolver_PronounInsideQuotedNarrative_IsNotTheQuotingReporter()
    {
        var doc = Marked.Resolve(
            "The paper sent its reporter Stephanie Wells to Erie. [[The woman]] {{says}} she was treated unfairly.\n\n" +
            "[[Wells]] {{reports}}: \"The first time [[she]] {{had seen}} him, at a rally in June, she cried.\"");
        Assert.Equal("Stephanie Wells", Marked.SpeakerName(doc, 1));
        Assert.Equal("The woman", Marked.SpeakerName(doc, 2));
    }

    [Fact]
    public void SpeakerResolver_GenderedRoleNoun_DoesNotTakeOverNamedPersonOfOtherGender()
    {
        var doc = Marked.Resolve(
            "Paul Klein chaired the meeting.\n\n[[The chairwoman of the tenants' union]] {{said}} the rent was too high. " +
            "\"We will not pay,\" [[she]] {{added}}.");
        Assert.NotEqual("Paul Klein", Marked.SpeakerName(doc, 0));
        Assert.Equal(doc.Attributions[0].Speaker, doc.Attributions[1].Speaker);
    }

    [Theory]
    [InlineData("[[Ohio Democratic Party Chairman David Pepper]] {{called}} the decision a huge win.", "David Pepper")]
    [InlineData("[[NBC's Dante Chinni]] {{wrote}} that debates happen late.", "Dante Chinni")]
    public void SpeakerResolver_PersonAfterPlaceOrOwner_IsThePerson(string marked, string name)
    {
        var doc = Marked.Resolve(marked);
        var e = Marked.SpeakerOf(doc, 0);
        Assert.Equal(name, e.Name);
        Assert.Equal(SourceType.Person, e.Type);
    }

    [Fact]
    public void SpeakerResolver_WhoAfterApposition_IsThePerson()
    {
        var doc = Marked.Resolve(
            "Obama has had a frosty relationship with McConnell, now the Senate majority leader, [[who]] {{said}} in 2010 that the goal was a one-term president.");
        Assert.Equal("McConnell", Marked.SpeakerName(doc, 0));
    }

    [Fact]
    public void SpeakerResolver_DefiniteOrPossessiveRoleSubject_IsAnAntecedent()
    {
        var doc = Marked.Resolve(
            "Like Robin Hale, I believe in the good sense of voters. " +
            "My mother has softened with age, but even now [[she]] {{says}} that not everyone is equal.");
        Assert.Equal("my mother", Marked.SpeakerName(doc, 0), ignoreCase: true);
    }

    [Fact]
    public void SpeakerResolver_TheyAfterPluralGroupAsObject_IsTheGroup()
    {
        var doc = Marked.ResolveTagged(
            "The Associated Press interviewed more than 20 former crew members on Monday. [[They]] {{described}} crass behavior behind the scenes.");
        Assert.Contains("crew members", Marked.SpeakerName(doc, 0), StringComparison.Ordinal);
    }

    [Fact]
    public void SpeakerResolver_LoneGivenNameInApposition_IsAPerson()
    {
        var doc = Marked.Resolve(
            "Mr. Keller is facing this question right now with his daughter, Ellie, a high school senior. [[She]] {{says}} the fees are too high.");
        Assert.Equal("Ellie", Marked.SpeakerName(doc, 0));
    }

    [Fact]
    public void SpeakerResolver_RoleBeforeAppositiveName_HostIsAPersonRole()
    {
        var doc = Marked.Resolve("[[Another RT America host, Abby Martin,]] {{denounced}} the annexation on air.");
        Assert.Equal("Abby Martin", Marked.SpeakerName(doc, 0));
    }

    [Fact]
    public void SpeakerResolver_PronounInSubordinateClause_PrefersItsSentenceSubject()
    {
        var doc = Marked.ResolveTagged(
            "[[Rush Limbaugh]] {{said}} the debate was rigged. " +
            "Holt's colleague Matt Lauer faced heavy criticism from reporters after [[he]] {{asked}} Clinton about her emails.");
        Assert.Equal("Matt Lauer", Marked.SpeakerName(doc, 1));
    }

    [Fact]
    public void SpeakerResolver_PartyPlural_IsAGroupTheyCanReferTo()
    {
        var doc = Marked.Resolve(
            "The State Department released the files. [[Republicans]] {{said}} the timing was not intentional; [[they]] {{learned}} of it only on Friday.");
        Assert.Equal("Republicans", Marked.SpeakerName(doc, 1));
        Assert.Equal(SourceType.Anonymous, Marked.SpeakerOf(doc, 1).Type);
    }

    [Fact]
    public void SpeakerResolver_HeadlineRun_KeepsOnlyTheNameTheBodyUses()
    {
        var doc = Marked.Resolve(
            "Gold Star Mom Corners Obama On His Refusal To Name The Enemy\n\n" +
            "President Barack Obama took questions from a mother on Wednesday. [[He]] {{said}} the words matter less than the policy.");
        var e = Marked.SpeakerOf(doc, 0);
        Assert.Equal("Barack Obama", e.Name);
        Assert.Contains(e.Mentions, m => doc.Slice(m) == "Obama" && m.Start < 30);
        Assert.DoesNotContain(doc.Entities, x => x.Name.Contains("Corners", StringComparison.Ordinal));
    }

    [Fact]
    public void SpeakerResolver_RelativeWhoOutsideSources_KeepsItsAntecedentSalient()
    {
        var doc = Marked.ResolveTagged(
            "Washington is rolling out the red carpet for Suu Kyi, who had breakfast with Vice President Biden and congressional leaders. " +
            "\"Unity also means prosperity,\" [[she]] {{said}} in the Oval Office.");
        Assert.Equal("Suu Kyi", Marked.SpeakerName(doc, 0));
    }
}
