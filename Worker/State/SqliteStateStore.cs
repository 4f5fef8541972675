using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SfBridge.State;

/// <summary>The state store on a SQLite file (WAL journal). One worker per database file.</summary>
public sealed class SqliteStateStore : AdoStateStore
{
    public const string DefaultConnectionString = "Data Source=data/sfbridge.db";

    private readonly string _connectionString;

    public SqliteStateStore(IOptions<StateOptions> options, TimeProvider time) : base(time)
    {
        var builder = new SqliteConnectionStringBuilder(options.Value.ConnectionString ?? DefaultConnectionString) { Pooling = true, DefaultTimeout = 30 };
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
