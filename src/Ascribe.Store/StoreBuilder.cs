using Ascribe.Core.Errors;
using Ascribe.Store.Names;
using Ascribe.Store.Sql;
using Npgsql;

namespace Ascribe.Store;

/// <summary>
/// Chooses the engine from a DB string and builds an <see cref="IDocumentStore"/>: a PostgreSQL
/// connection string (<c>Host=...;Database=...</c>) or URL (<c>postgres://user:pass@host:port/db</c>)
/// selects PostgreSQL, anything else is the path of a SQLite file.
/// </summary>
public sealed class StoreBuilder
{
    public const string DefaultPath = "ascribe.db";

    private readonly string _db;
    private INameKey _nameKey = ResolutionNameKey.Instance;
    private bool _migrate = true;

    public StoreBuilder(string? db)
    {
        _db = string.IsNullOrWhiteSpace(db) ? DefaultPath : db.Trim();
    }

    /// <summary>Replaces the cross-document name key (default <see cref="ResolutionNameKey"/>).</summary>
    public StoreBuilder WithNameKey(INameKey nameKey)
    {
        _nameKey = nameKey;
        return this;
    }

    /// <summary>Skips applying migrations (read-only inspection of an old file).</summary>
    public StoreBuilder WithoutMigrations()
    {
        _migrate = false;
        return this;
    }

    public static bool IsPostgres(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || (db.Contains('=', StringComparison.Ordinal) && db.Contains("host", StringComparison.OrdinalIgnoreCase));

    /// <summary>Turns <c>postgres://user:pass@host:port/db?search_path=s</c> into an Npgsql connection string.</summary>
    public static string ToConnectionString(string db)
    {
        if (!db.Contains("://", StringComparison.Ordinal))
        {
            return db;
        }

        var uri = new Uri(db);
        var csb = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            csb.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                csb.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]).Replace('_', ' ');
            csb[key] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
        }

        return csb.ConnectionString;
    }

    /// <summary>Opens the store, creating it and applying pending migrations.</summary>
    /// <exception cref="AscribeException">ASC0008 when the database cannot be opened or migrated.</exception>
    public IDocumentStore Build()
    {
        SqlDialect dialect;
        try
        {
            if (IsPostgres(_db))
            {
                dialect = new PostgresDialect(ToConnectionString(_db));
            }
            else
            {
                string? dir = Path.GetDirectoryName(Path.GetFullPath(_db));
                if (dir is not null && !Directory.Exists(dir))
                {
                    ThrowHelper.Throw(ErrorCodes.Store, $"{_db}: folder {dir} does not exist");
                }

                dialect = new SqliteDialect(_db);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException or KeyNotFoundException)
        {
            throw new AscribeException(ErrorCodes.Store, string.Format(System.Globalization.CultureInfo.InvariantCulture, ErrorCodes.Message(ErrorCodes.Store), "bad database string: " + ex.Message), ex);
        }

        var store = new SqlStore(dialect, _nameKey);
        if (_migrate)
        {
            store.Migrate();
        }

        return store;
    }
}
