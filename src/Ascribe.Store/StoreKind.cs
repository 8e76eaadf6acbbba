namespace Ascribe.Store;

/// <summary>The database engine behind a store.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}
