using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SfBridge.State;

/// <summary>
/// What a State:ConnectionString says, for messages and the start-up line: the SQLite file, or PostgreSQL's host,
/// port and database. Problems are described by keyword only: a connection string's values may hold a password.
/// </summary>
public static class StateConnection
{
    public const string Key = "State:ConnectionString";

    /// <summary>Where the database is: the SQLite file's full path, or host:port/database for PostgreSQL.</summary>
    public static string Location(StateOptions options)
    {
        try
        {
            if (options.Provider == "postgres")
            {
                var pg = new NpgsqlConnectionStringBuilder(options.ConnectionString ?? "");
                return $"{pg.Host}:{pg.Port}/{pg.Database ?? pg.Username}";
            }

            return SqliteFile(new SqliteConnectionStringBuilder(options.ConnectionString ?? SqliteStateStore.DefaultConnectionString)) ?? ":memory:";
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return "(unreadable connection string)";
        }
    }

    /// <summary>The full path of the SQLite file, or null for an in-memory database.</summary>
    internal static string? SqliteFile(SqliteConnectionStringBuilder builder) =>
        builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" || builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(builder.DataSource);

    /// <summary>Why the provider cannot read the connection string (a keyword it does not know, a value of the wrong kind), or null.</summary>
    public static string? Problem(string provider, string connectionString)
    {
        var generic = new DbConnectionStringBuilder();
        try
        {
            generic.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return $"{Key} is not a connection string (Keyword=value;Keyword=value)";
        }

        DbConnectionStringBuilder typed = provider == "postgres" ? new NpgsqlConnectionStringBuilder() : new SqliteConnectionStringBuilder();
        var name = provider == "postgres" ? "PostgreSQL (Npgsql)" : "SQLite";
        foreach (string keyword in generic.Keys)
        {
            try
            {
                typed[keyword] = generic[keyword];
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException or NotSupportedException)
            {
                // The exception text is dropped: it may quote the value (a password among them).
                return typed.ContainsKey(keyword)
                    ? $"{Key}: the value of '{keyword}' is not valid for {name}"
                    : $"{Key}: keyword '{keyword}' is not a {name} setting ({Example(provider)})";
            }
        }

        // Microsoft.Data.Sqlite takes the keyword, but the SQLite library SfBridge ships cannot encrypt: it would throw when opened.
        return typed is SqliteConnectionStringBuilder { Password.Length: > 0 }
            ? $"{Key}: 'Password' is not supported for SQLite (the SQLite library SfBridge ships does not encrypt a database): protect the file with its permissions, or use PostgreSQL"
            : null;
    }

    private static string Example(string provider) => provider == "postgres"
        ? "e.g. Host=db;Port=5432;Database=sfbridge;Username=sfbridge;Password=..."
        : "e.g. Data Source=data/sfbridge.db";
}
