using Ascribe.Store;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ascribe.Store.Tests;

/// <summary>
/// An isolated, empty database for one test: a temporary SQLite file, or a fresh schema in the
/// PostgreSQL database named by ASCRIBE_TEST_PG. Without ASCRIBE_TEST_PG the PostgreSQL cases are
/// not generated locally, and fail under CI=true instead of disappearing.
/// </summary>
public sealed class TestDb : IDisposable
{
    public const string PgVariable = "ASCRIBE_TEST_PG";

    private readonly string? _schema;
    private readonly string? _file;

    private TestDb(string engine)
    {
        Engine = engine;
        if (engine == "sqlite")
        {
            _file = Path.Combine(Path.GetTempPath(), "ascribe-test-" + Guid.NewGuid().ToString("N") + ".db");
            Db = _file;
            return;
        }

        string baseConnection = Environment.GetEnvironmentVariable(PgVariable)
            ?? throw new InvalidOperationException($"{PgVariable} is not set: the PostgreSQL store tests need a database (see .ci/run).");
        _schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(baseConnection))
        {
            connection.Open();
            using var cmd = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
            cmd.ExecuteNonQuery();
        }

        Db = new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = _schema }.ConnectionString;
        BaseConnection = baseConnection;
    }

    public string Engine { get; }

    /// <summary>The DB string for <c>--db</c> and <see cref="StoreBuilder"/>.</summary>
    public string Db { get; }

    private string? BaseConnection { get; }

    /// <summary>sqlite always; postgres when ASCRIBE_TEST_PG is set or when running in CI.</summary>
    public static TheoryData<string> Engines
    {
        get
        {
            var data = new TheoryData<string> { "sqlite" };
            if (PostgresRequested)
            {
                data.Add("postgres");
            }

            return data;
        }
    }

    public static bool PostgresRequested =>
        Environment.GetEnvironmentVariable(PgVariable) is { Length: > 0 }
        || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static TestDb Create(string engine) => new(engine);

    public IDocumentStore Open() => new StoreBuilder(Db).Build();

    /// <summary>Runs one scalar SQL query against the test database.</summary>
    public long Scalar(string sql)
    {
        if (_file is not null)
        {
            using var connection = new SqliteConnection($"Data Source={_file}");
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }

        using (var pg = new NpgsqlConnection(Db))
        {
            pg.Open();
            using var cmd = new NpgsqlCommand(sql, pg);
            return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (_file is not null)
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(_file + suffix);
            }
        }
        else if (_schema is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(BaseConnection);
            connection.Open();
            using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            cmd.ExecuteNonQuery();
        }
    }
}
