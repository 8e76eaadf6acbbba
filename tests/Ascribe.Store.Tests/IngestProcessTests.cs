using System.Diagnostics;
using System.Text.Json;

namespace Ascribe.Store.Tests;

/// <summary>
/// Runs <c>ascribe ingest</c> as separate processes: a kill -9 in the middle of an ingest, and two
/// workers sharing one PostgreSQL queue.
/// </summary>
public sealed class IngestProcessTests
{
    private const int ArticleCount = 300;

    [Theory]
    [MemberData(nameof(TestDb.Engines), MemberType = typeof(TestDb))]
    public void Ingest_KilledMidRunThenRerun_MatchesACleanRun(string engine)
    {
        string folder = Articles.WriteFolder(ArticleCount);
        try
        {
            using var clean = TestDb.Create(engine);
            Ascribe("ingest", folder, "--db", clean.Db, "--batch", "10", "--workers", "1").WaitForSuccess();

            using var crashed = TestDb.Create(engine);
            crashed.Open().Dispose();
            using (var victim = Ascribe("ingest", folder, "--db", crashed.Db, "--batch", "10", "--workers", "1"))
            {
                var clock = Stopwatch.StartNew();
                while (Stored(crashed) < 30 && clock.Elapsed < TimeSpan.FromMinutes(3) && !victim.HasExited)
                {
                    Thread.Sleep(20);
                }

                Assert.False(victim.HasExited, "ingest finished before it could be killed");
                victim.Kill(entireProcessTree: true);
                victim.WaitForExit();
            }

            long atKill = Stored(crashed);
            Assert.InRange(atKill, 1, ArticleCount - 1);
            Ascribe("ingest", folder, "--db", crashed.Db, "--batch", "10", "--workers", "1").WaitForSuccess();

            foreach (var sql in new[]
            {
                "SELECT COUNT(*) FROM documents",
                "SELECT COUNT(*) FROM documents WHERE duplicate_of IS NOT NULL",
                "SELECT COUNT(*) FROM attributions",
                "SELECT COUNT(*) FROM speakers WHERE merged_into IS NULL",
                "SELECT COUNT(*) FROM quotes",
                "SELECT COUNT(*) FROM queue WHERE status = 'done'",
            })
            {
                Assert.Equal(clean.Scalar(sql), crashed.Scalar(sql));
            }

            Assert.Equal(ArticleCount, crashed.Scalar("SELECT COUNT(*) FROM documents"));
            Assert.Equal(ArticleCount, crashed.Scalar("SELECT COUNT(DISTINCT text_hash) FROM documents"));
            Assert.Equal(0, crashed.Scalar("SELECT COUNT(*) FROM queue WHERE attempts <> 1"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [PostgresFact]
    public void Ingest_TwoWorkersShareOnePostgresQueue_EachArticleOnce()
    {
        string folder = Articles.WriteFolder(ArticleCount);
        try
        {
            using var db = TestDb.Create("postgres");
            Ascribe("ingest", folder, "--db", db.Db, "--enqueue-only").WaitForSuccess();
            Assert.Equal(ArticleCount, db.Scalar("SELECT COUNT(*) FROM queue WHERE status = 'pending'"));

            using var a = Ascribe("ingest", "--db", db.Db, "--batch", "5", "--workers", "1", "--format", "json");
            using var b = Ascribe("ingest", "--db", db.Db, "--batch", "5", "--workers", "1", "--format", "json");
            var outA = a.StandardOutput.ReadToEndAsync();
            var outB = b.StandardOutput.ReadToEndAsync();
            a.WaitForExit();
            b.WaitForExit();
            a.AssertExitedWith(0);
            b.AssertExitedWith(0);
            int storedA = StoredBy(outA.Result), storedB = StoredBy(outB.Result);

            Assert.Equal(ArticleCount, storedA + storedB);
            Assert.True(storedA > 0 && storedB > 0, $"both workers should take work ({storedA} + {storedB})");
            Assert.Equal(ArticleCount, db.Scalar("SELECT COUNT(*) FROM documents"));
            Assert.Equal(ArticleCount, db.Scalar("SELECT COUNT(*) FROM queue WHERE status = 'done' AND attempts = 1"));
            Assert.Equal(2, db.Scalar("SELECT COUNT(DISTINCT worker) FROM documents"));
            // Neither worker created a speaker the other had created but not yet committed.
            Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM (SELECT name_key FROM speakers WHERE merged_into IS NULL GROUP BY name_key HAVING COUNT(*) > 1) d"));
            Assert.Equal(0, db.Scalar("SELECT COUNT(*) FROM (SELECT document_id, ordinal FROM attributions GROUP BY document_id, ordinal HAVING COUNT(*) > 1) d"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Stored(TestDb db)
    {
        try
        {
            return db.Scalar("SELECT COUNT(*) FROM documents");
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
        {
            // The schema is being created or the file is locked for a moment.
            return 0;
        }
    }

    private static int StoredBy(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("stored").GetInt32();
    }

    private static Process Ascribe(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ascribe.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        ProcessExtensions.Errors.Add(process, errors);
        return process;
    }
}

internal static class ProcessExtensions
{
    /// <summary>What each started process wrote to standard error, for failure messages.</summary>
    public static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Process, System.Text.StringBuilder> Errors = new();

    /// <summary>Reads the process's output to the end and asserts that it exited with 0.</summary>
    public static void WaitForSuccess(this Process process)
    {
        using (process)
        {
            process.StandardOutput.ReadToEnd();
            process.AssertExitedWith(0);
        }
    }

    /// <summary>Asserts the exit code, showing the process's standard error when it differs.</summary>
    public static void AssertExitedWith(this Process process, int expected)
    {
        process.WaitForExit();
        if (process.ExitCode != expected)
        {
            string errors = Errors.TryGetValue(process, out var text) ? text.ToString() : string.Empty;
            Assert.Fail($"exit code {process.ExitCode}, expected {expected}; standard error:\n{errors}");
        }
    }
}
