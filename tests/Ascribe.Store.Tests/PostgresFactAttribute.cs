namespace Ascribe.Store.Tests;

/// <summary>A fact that needs PostgreSQL: skipped locally without ASCRIBE_TEST_PG, never skipped under CI=true.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDb.PostgresRequested)
        {
            Skip = $"{TestDb.PgVariable} is not set (CI sets it; see .ci/run).";
        }
    }
}
