using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SfBridge.Hosting;
using SfBridge.Mappings;
using SfBridge.Salesforce;
using SfBridge.State;
using SfBridge.Sync;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Salesforce;

namespace SfBridge.Tests.Sync;

/// <summary>The worker's sync services on a real SQLite file, against the emulator, on the shared fake clock.</summary>
public sealed class SyncHarness : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _provider;
    private readonly List<string> _databases = [];

    private SyncHarness(SalesforceHarness salesforce, string folder, string? database, string provider)
    {
        Salesforce = salesforce;
        _folder = folder;
        _provider = provider;
        if (database is not null)
        {
            _databases.Add(database);
        }
    }

    /// <summary>Providers the state tests run on: a SQLite file and the PostgreSQL server scripts/test.sh starts.</summary>
    public static TheoryData<string> Providers => ["sqlite", "postgres"];

    public SalesforceHarness Salesforce { get; }

    public SalesforceEmulator Emulator => Salesforce.Emulator;

    public AdoStateStore Store => Salesforce.Services.GetRequiredService<AdoStateStore>();

    public CaseSyncService CaseSync => Salesforce.Services.GetRequiredService<CaseSyncService>();

    public OmniChannelSyncService OmniSync => Salesforce.Services.GetRequiredService<OmniChannelSyncService>();

    public SlaSweepService Sweep => Salesforce.Services.GetRequiredService<SlaSweepService>();

    public Cycle Cycle => Salesforce.Services.GetRequiredService<Cycle>();

    /// <summary>The worker's wake-up at the next due instant (a timer on the shared fake clock).</summary>
    public DueWatch DueWatch => Salesforce.Services.GetRequiredService<DueWatch>();

    /// <summary>Query calls so far (reads of data; Chatter posts and token requests are not queries).</summary>
    public int QueryCalls => Emulator.Requests.Count("query") + Emulator.Requests.Count("queryAll") + Emulator.Requests.Count("queryMore");

    /// <summary>FeedItem queries so far: the look-ups of SfBridge's own posts.</summary>
    public int FeedItemQueries =>
        Emulator.Requests.All.Count(r => r.Endpoint == "query" && Uri.UnescapeDataString(r.Query.Replace('+', ' ')).Contains("FROM FeedItem", StringComparison.Ordinal));

    public SfBridge.Alerts.AlertDispatcher Dispatcher => Salesforce.Services.GetRequiredService<SfBridge.Alerts.AlertDispatcher>();

    public static async Task<SyncHarness> StartAsync(Func<EmulatorOptions, EmulatorOptions>? emulator = null, IDictionary<string, string?>? settings = null,
        string provider = "sqlite")
    {
        var folder = Directory.CreateTempSubdirectory("sfbridge-state-").FullName;
        var database = provider == "postgres" ? await PostgresDatabase.CreateAsync() : null;
        var salesforce = await SalesforceHarness.StartAsync(emulator: emulator, settings: new Dictionary<string, string?>
        {
            ["Salesforce:QueryBatchSize"] = "200",
            ["Mappings:Path"] = Path.Combine(RepoPaths.Root, "mappings"),
            ["State:Provider"] = provider,
            ["State:ConnectionString"] = database is not null ? PostgresDatabase.ConnectionString(database) : $"Data Source={Path.Combine(folder, "sfbridge.db")}",
        }.Concat(settings ?? new Dictionary<string, string?>()).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), services: s => s.AddCycle()); // a test's settings win
        var harness = new SyncHarness(salesforce, folder, database, provider);
        await harness.Store.MigrateAsync(default);
        return harness;
    }

    /// <summary>
    /// The state database is lost: the worker restarts on a new, empty one (as after a disk failure, or a start with
    /// another State:ConnectionString), against the same org.
    /// </summary>
    public async Task LoseDatabaseAsync()
    {
        string connection;
        if (_provider == "postgres")
        {
            var database = await PostgresDatabase.CreateAsync();
            _databases.Add(database);
            connection = PostgresDatabase.ConnectionString(database);
        }
        else
        {
            connection = $"Data Source={Path.Combine(_folder, $"sfbridge-{Guid.NewGuid():N}.db")}";
        }

        await Salesforce.RestartAsync(new Dictionary<string, string?> { ["State:ConnectionString"] = connection });
        await Store.MigrateAsync(default);
    }

    public async Task<int> ScalarAsync(string sql) => Convert.ToInt32((await Store.QueryAsync(sql, default))[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Salesforce.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        foreach (var database in _databases)
        {
            await PostgresDatabase.DropAsync(database);
        }
    }
}
