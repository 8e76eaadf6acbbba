using Ascribe.Store.Queries;

namespace Ascribe.Store.Tests;

/// <summary>Store behaviour, run against SQLite and PostgreSQL alike.</summary>
public sealed class StoreTests
{
    private const string Statement = "We will not give up a single village, whatever the price of this war turns out to be";

    [Theory]
    [MemberData(nameof(TestDb.Engines), MemberType = typeof(TestDb))]
    public void Ingest_SameContentTwice_AddsNothing(string engine)
    {
        using var db = TestDb.Create(engine);
        using var store = db.Open();
        var articles = Articles.PolnearMini();
        var first = Articles.Ingest(store, articles);
        var before = store.Counts();
        var second = Articles.Ingest(store, articles);
        var after = store.Counts();

        Assert.Equal(articles.Count, first.Stored);
        Assert.True(before.Attributions > 20);
        Assert.Equal(0, second.Enqueued);
        Assert.Equal(articles.Count, second.AlreadyKnown);
        Assert.Equal(before, after);
        Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM (SELECT document_id, ordinal FROM attributions GROUP BY document_id, ordinal HAVING COUNT(*) > 1) d"));
    }

    [Theory]
    [MemberData(nameof(TestDb.Engines), MemberType = typeof(TestDb))]
    public void Ingest_RetitledTrimmedWireCopy_IsLinkedToTheOriginal(string engine)
    {
        using var db = TestDb.Create(engine);
        using var store = db.Open();
        var original = Articles.PolnearMini()[2];
        var paragraphs = original.Text.Split("\n\n");
        var copy = Articles.Make("copy", "Obama: climate change the trend of our time\n\n" + string.Join("\n\n", paragraphs[..^1]), "Reuters", "2016-09-09");
        var unrelated = Articles.PolnearMini()[3];
        Articles.Ingest(store, new[] { original, copy, unrelated });

        Assert.Equal(3, store.Counts().Documents);
        Assert.Equal(1, store.Counts().NearDuplicates);
        long originalId = db.Scalar($"SELECT id FROM documents WHERE ext_id = '{original.Id}'");
        Assert.Equal(originalId, db.Scalar("SELECT duplicate_of FROM documents WHERE ext_id = 'copy'"));
        Assert.Equal(0, db.Scalar($"SELECT COUNT(*) FROM documents WHERE ext_id = '{unrelated.Id}' AND duplicate_of IS NOT NULL"));
    }

    [Theory]
    [MemberData(nameof(TestDb.Engines), MemberType = typeof(TestDb))]
    public void Search_MatchesStemmedWordsAndFilters(string engine)
    {
        using var db = TestDb.Create(engine);
        using var store = db.Open();
        Articles.Ingest(store, new[]
        {
            Articles.Make("a1", $"\"{Statement},\" Volodymyr Zelensky said on Monday.\n\nThe talks resumed in Istanbul.", "Kyiv Post", "2024-03-04"),
            Articles.Make("a2", "\"The harvest will be late this year because of the frost,\" said Olena Petrenko, a farmer.", "Reuters", "2024-05-10"),
        });

        var hits = store.Search(new SearchQuery { Text = "villages" });
        var hit = Assert.Single(hits);
        Assert.Equal("a1", hit.ExternalId);
        Assert.Contains("single village", hit.Content, StringComparison.Ordinal);
        Assert.Equal("said", hit.Cue);

        Assert.Single(store.Search(new SearchQuery { Text = "harvest", Outlet = "reuters", Since = "2024-05-01", Until = "2024-05-10", Type = "direct" }));
        Assert.Empty(store.Search(new SearchQuery { Text = "harvest", Until = "2024-05-09" }));
        Assert.Empty(store.Search(new SearchQuery { Text = "harvest", Type = "indirect" }));
        Assert.Single(store.Search(new SearchQuery { Speaker = "Zelenskyy" }));
        Assert.Empty(store.Search(new SearchQuery { Text = "village", Speaker = "Olena Petrenko" }));
    }

    [Theory]
    [MemberData(nameof(TestDb.Engines), MemberType = typeof(TestDb))]
    public void Speaker_MergesSpellingsAndTransliterationsAcrossArticles(string engine)
    {
        using var db = TestDb.Create(engine);
        using var store = db.Open();
        Articles.Ingest(store, new[]
        {
            Articles.Make("k1", "\"Our air defence held through the night and we thank our partners,\" said Volodymyr Zelensky.", "Kyiv Post", "2024-03-04"),
            Articles.Make("k2", "\"Every city we protect is a city that can rebuild after this war ends,\" Zelenskyy said.", "BBC", "2024-04-02"),
            Articles.Make("k3", "\"Мы не отступим, что бы ни случилось с этим городом и его жителями,\" said Владимир Зеленский.", "Meduza", "2024-04-20"),
            Articles.Make("k4", "\"The grain corridor must stay open for every ship that carries food,\" said Olena Petrenko.", "Reuters", "2024-04-21"),
        });

        var profile = store.Speaker("Selenskyj");
        Assert.NotNull(profile);
        Assert.Equal(3, profile.Quotes);
        Assert.Equal(3, profile.Documents);
        Assert.Equal(new[] { "BBC", "Kyiv Post", "Meduza" }, profile.Outlets.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "2024-03", "2024-04" }, profile.Timeline.Select(t => t.Key));
        Assert.Contains("Владимир Зеленский", profile.Aliases);
        Assert.Equal(profile.Id, store.Speaker("Зеленский")!.Id);
        Assert.NotEqual(profile.Id, store.Speaker("Olena Petrenko")!.Id);
    }

    [Theory]
    [MemberData(nameof(TestDb.Engines), MemberType = typeof(TestDb))]
    public void Entities_MergeThenSplit_MovesQuotesBothWays(string engine)
    {
        using var db = TestDb.Create(engine);
        using var store = db.Open();
        Articles.Ingest(store, new[]
        {
            Articles.Make("m1", "\"The ceasefire line has not moved since the spring offensive ended,\" said Ivan Sirko.", "AP"),
            Articles.Make("m2", "\"Our positions near the river were shelled twice during the night,\" said Jan Kowalski.", "AFP"),
        });

        var merged = store.Merge("Ivan Sirko", "Jan Kowalski");
        Assert.Equal(2, merged.Quotes);
        Assert.Contains("Jan Kowalski", merged.Aliases);
        Assert.Equal(merged.Id, store.Speaker("Kowalski")!.Id);

        // A later article under the merged name follows the merge.
        Articles.Ingest(store, new[] { Articles.Make("m3", "\"Supplies arrived by road after the bridge was repaired this week,\" said Jan Kowalski.", "AFP") });
        Assert.Equal(3, store.Speaker("Ivan Sirko")!.Quotes);

        var split = store.Split("Jan Kowalski");
        Assert.Equal(2, split.Quotes);
        Assert.NotEqual(merged.Id, split.Id);
        Assert.Equal(1, store.Speaker("Ivan Sirko")!.Quotes);
    }

    [Theory]
    [MemberData(nameof(TestDb.Engines), MemberType = typeof(TestDb))]
    public void Tracked_LightlyEditedQuoteAcrossOutlets_ReportsFirstAppearance(string engine)
    {
        using var db = TestDb.Create(engine);
        using var store = db.Open();
        Articles.Ingest(store, new[]
        {
            Articles.Make("t2", $"Officials met in Geneva.\n\n“{Statement},” Zelensky told reporters.", "BBC", "2024-03-05T09:00:00Z"),
            Articles.Make("t1", $"\"{Statement},\" said Volodymyr Zelensky in a video address.", "Kyiv Post", "2024-03-04T21:00:00Z"),
            Articles.Make("t3", $"Zelensky said: \"{Statement.Replace("whatever", "no matter", StringComparison.Ordinal)}.\"", "Le Monde", "2024-03-06"),
            Articles.Make("t4", "\"The harvest will be late this year because of the frost,\" said Olena Petrenko, a farmer.", "Reuters", "2024-05-10"),
        });

        var tracked = Assert.Single(store.Tracked());
        Assert.True(tracked.Documents >= 2);
        Assert.Equal("t1", tracked.Appearances[0].ExternalId);
        Assert.Equal("Kyiv Post", tracked.Appearances[0].Outlet);
        Assert.Contains(tracked.Appearances, a => a.ExternalId == "t2");
    }

    [Theory]
    [MemberData(nameof(TestDb.Engines), MemberType = typeof(TestDb))]
    public void Migrations_RunOnceAndAreRecorded(string engine)
    {
        using var db = TestDb.Create(engine);
        db.Open().Dispose();
        db.Open().Dispose();
        Assert.Equal(1, db.Scalar("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(1, db.Scalar("SELECT MAX(version) FROM schema_migrations"));
    }

    [PostgresFact]
    public void Postgres_TestDatabaseIsReachable()
    {
        using var db = TestDb.Create("postgres");
        using var store = db.Open();
        Assert.Equal(StoreKind.Postgres, store.Kind);
    }
}
