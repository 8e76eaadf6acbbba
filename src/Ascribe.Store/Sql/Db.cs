using System.Data;
using System.Data.Common;
using System.Globalization;

namespace Ascribe.Store.Sql;

/// <summary>Small ADO.NET helpers shared by both engines.</summary>
internal static class Db
{
    /// <summary>Adds a parameter; null becomes a typed NULL so PostgreSQL can infer its type.</summary>
    public static DbParameter Add(DbCommand cmd, string name, object? value, DbType type = DbType.String)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        if (value is null)
        {
            p.DbType = type;
            p.Value = DBNull.Value;
        }
        else
        {
            p.Value = value;
        }

        cmd.Parameters.Add(p);
        return p;
    }

    public static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    public static long Scalar(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(connection, tx, sql);
        foreach (var (name, value) in args)
        {
            Add(cmd, name, value);
        }

        var result = cmd.ExecuteScalar();
        return result is null or DBNull ? 0 : Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    public static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long Long(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    public static long? LongOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
