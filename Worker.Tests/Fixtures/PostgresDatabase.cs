using Npgsql;

namespace SfBridge.Tests.Fixtures;

/// <summary>
/// A database of its own for one test on the PostgreSQL server scripts/test.sh starts on loopback
/// (connection string in SFBRIDGE_TEST_POSTGRES). Without it the PostgreSQL tests fail rather than pass unseen.
/// </summary>
public static class PostgresDatabase
{
    private static string Server => Environment.GetEnvironmentVariable("SFBRIDGE_TEST_POSTGRES")
        ?? throw new InvalidOperationException("SFBRIDGE_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL (scripts/pg-up.sh)");

    public static async Task<string> CreateAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public static string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    public static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
