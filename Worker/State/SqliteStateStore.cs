using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SfBridge.State;

/// <summary>The state store on a SQLite file (WAL journal). One worker per database file.</summary>
public sealed class SqliteStateStore : AdoStateStore
{
    /// <summary>
    /// The database when none is configured: <c>sfbridge/sfbridge.db</c> in the user's local data folder
    /// (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux), the same wherever the worker is started from, so a
    /// start from another folder never begins on a new, empty database. Without a home folder, next to the program.
    /// </summary>
    public static string DefaultConnectionString => "Data Source=" + DefaultPath;

    public static string DefaultPath
    {
        get
        {
            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return Path.Combine(string.IsNullOrEmpty(data) ? Path.Combine(AppContext.BaseDirectory, "data") : Path.Combine(data, "sfbridge"), "sfbridge.db");
        }
    }

    private readonly string _connectionString;

    public SqliteStateStore(IOptions<StateOptions> options, TimeProvider time) : base(time)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(options.Value.ConnectionString) ? DefaultConnectionString : options.Value.ConnectionString) { Pooling = true, DefaultTimeout = 30 };
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = builder.ToString();
    }

    protected override string SerialKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override string Prepare => "PRAGMA journal_mode=WAL";

    protected override async ValueTask<DbConnection> CreateOpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
