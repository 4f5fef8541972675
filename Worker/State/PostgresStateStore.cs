using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SfBridge.State;

/// <summary>The state store on PostgreSQL (State:Provider = postgres).</summary>
public sealed class PostgresStateStore : AdoStateStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresStateStore(IOptions<StateOptions> options, TimeProvider time) : base(time)
    {
        var text = options.Value.ConnectionString ?? throw new StateStoreException($"{StateConnection.Key} is required for postgres");
        if (StateConnection.Problem("postgres", text) is { } problem)
        {
            throw new StateStoreException(problem);
        }

        Location = StateConnection.Location(options.Value);
        var builder = new NpgsqlDataSourceBuilder(text);
        builder.ConnectionStringBuilder.Options = StartupOptions(builder.ConnectionStringBuilder);
        _dataSource = builder.Build();
    }

    /// <summary>
    /// The options SfBridge's PostgreSQL sessions start with: the connection string's Options, else PGOPTIONS (which Npgsql
    /// reads when the connection string has none), else <see cref="JitOff"/>. SfBridge's statements are many short reads
    /// and writes; PostgreSQL compiles a statement whose estimated cost passes jit_above_cost, and on tables grown since
    /// they were last analysed that compilation took 0.3-1.5 s of a sweep's statements that ran in 5-50 ms. Sent at
    /// connection start, so a pool's reset keeps it.
    /// </summary>
    public static string StartupOptions(NpgsqlConnectionStringBuilder connection) =>
        StartupOptions(connection, Environment.GetEnvironmentVariable("PGOPTIONS"));

    /// <summary>The options <see cref="StartupOptions(NpgsqlConnectionStringBuilder)"/> gives, with <paramref name="environment"/> for PGOPTIONS.</summary>
    public static string StartupOptions(NpgsqlConnectionStringBuilder connection, string? environment) =>
        !string.IsNullOrWhiteSpace(connection.Options) ? connection.Options
        : !string.IsNullOrWhiteSpace(environment) ? environment
        : JitOff;

    /// <summary>The session options SfBridge's PostgreSQL connections start with when neither the connection string nor PGOPTIONS sets any.</summary>
    public const string JitOff = "-c jit=off";

    /// <summary>host:port/database; never the connection string, which holds the password.</summary>
    public override string Location { get; }

    protected override string SerialKey => "BIGSERIAL PRIMARY KEY";

    /// <summary>An advisory lock held to the end of the claim's transaction (a key SfBridge alone uses).</summary>
    protected override string SerializeClaims => $"SELECT pg_advisory_xact_lock({ClaimLock})";

    internal const long ClaimLock = 0x5346_4272_6964_6703;

    protected override async ValueTask<DbConnection> CreateOpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
