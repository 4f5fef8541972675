using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Salesforce;

/// <summary>
/// The real Salesforce client (same registrations as the worker) pointed at an emulator on loopback, with a
/// fake clock shared by both sides and every log event collected.
/// </summary>
public sealed class SalesforceHarness : IAsyncDisposable
{
    public const string ClientId = "3MVG9EMULATOR.CONSUMER.KEY";
    public const string ClientSecret = "s3cr3t-CLIENT-SECRET-value-7781";
    public const string Username = "integracao@sfbridge.example";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly TestKeys _keys;
    private readonly Func<IDictionary<string, string?>?, ServiceProvider> _build;
    private ServiceProvider _services;

    private SalesforceHarness(SalesforceEmulator emulator, Func<IDictionary<string, string?>?, ServiceProvider> build, CollectingSink logs, ObservableTimeProvider time, TestKeys keys)
    {
        Emulator = emulator;
        _build = build;
        _services = build(null);
        Logs = logs;
        Time = time;
        _keys = keys;
    }

    public SalesforceEmulator Emulator { get; }

    public CollectingSink Logs { get; }

    public ObservableTimeProvider Time { get; }

    public SalesforceClient Client => _services.GetRequiredService<SalesforceClient>();

    public ApiUsageMonitor Usage => _services.GetRequiredService<ApiUsageMonitor>();

    public IServiceProvider Services => _services;

    public static async Task<SalesforceHarness> StartAsync(AuthFlow flow = AuthFlow.ClientCredentials,
        Func<EmulatorOptions, EmulatorOptions>? emulator = null, IDictionary<string, string?>? settings = null, bool useJwtKey = true,
        Action<IServiceCollection>? services = null)
    {
        var time = new ObservableTimeProvider(Start);
        var keys = new TestKeys();
        var emulatorOptions = new EmulatorOptions
        {
            Time = time,
            JwtPublicKey = useJwtKey ? keys.PublicKey : null,
            JwtClientId = ClientId,
            JwtUsernames = new HashSet<string> { Username },
        };
        var sf = await SalesforceEmulator.StartAsync(emulator?.Invoke(emulatorOptions) ?? emulatorOptions);

        var config = new Dictionary<string, string?>
        {
            ["Salesforce:LoginUrl"] = sf.BaseUrl,
            ["Salesforce:ClientId"] = ClientId,
            ["Salesforce:ApiVersion"] = "62.0",
            ["Salesforce:ApiCallFloor"] = "0",
            ["Salesforce:Resilience:BaseDelay"] = "00:00:00",
            // Tests seed cases that are already overdue and expect their alerts: the first start's baseline is tested on its own.
            ["Alerts:FirstStartBaseline"] = "false",
        };
        if (flow == AuthFlow.JwtBearer)
        {
            config["Salesforce:Username"] = Username;
            config["Salesforce:PrivateKeyPath"] = keys.PrivateKeyPath;
        }
        else
        {
            config["Salesforce:ClientSecret"] = ClientSecret;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var logs = new CollectingSink();
        ServiceProvider Build(IDictionary<string, string?>? changed)
        {
            foreach (var (key, value) in changed ?? new Dictionary<string, string?>())
            {
                config[key] = value;
            }

            var collection = new ServiceCollection();
            collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(config).Build());
            collection.AddSingleton<TimeProvider>(time);
            collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddSerilog(
                new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(logs).CreateLogger(), dispose: true));
            collection.AddSalesforce();
            services?.Invoke(collection);
            return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        }

        return new SalesforceHarness(sf, Build, logs, time, keys);
    }

    /// <summary>Inserts <paramref name="count"/> open cases with realistic fields; returns their ids in order.</summary>
    public List<string> SeedCases(int count, Action<int, System.Text.Json.Nodes.JsonObject>? shape = null)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var record = new System.Text.Json.Nodes.JsonObject
            {
                ["CaseNumber"] = (1000 + i).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
                ["Subject"] = $"Pedido {i} aguardando validação",
                ["Status"] = "Novo",
                ["Priority"] = "Média",
                ["Origin"] = "Telefone",
                ["IsClosed"] = false,
                ["CreatedDate"] = SalesforceDateTime.FormatRest(Start.AddMinutes(-i)),
                ["SystemModstamp"] = SalesforceDateTime.FormatRest(Start.AddMinutes(-i)),
            };
            shape?.Invoke(i, record);
            ids.Add(Emulator.Org.Insert("Case", record));
        }

        return ids;
    }

    /// <summary>Fails the test if any secret the client handled appears in any log event.</summary>
    public void AssertNoSecretsLogged()
    {
        var secrets = Emulator.IssuedTokens.Append(ClientSecret).Append(_keys.PrivateKeyBody).ToList();
        var leaks = Logs.Events.Where(e => CollectingSink.Text(e).Any(text => secrets.Any(s => text.Contains(s, StringComparison.Ordinal))))
            .Select(e => $"{e.Properties.GetValueOrDefault("SourceContext")}: {e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}").Distinct().ToList();
        Xunit.Assert.True(leaks.Count == 0, "A secret reached the logs through: " + string.Join(" | ", leaks));
    }

    /// <summary>
    /// Throws the worker's services away and builds new ones against the same emulator: a process restart, with
    /// <paramref name="changed"/> settings if given (kept for later restarts).
    /// </summary>
    public async Task RestartAsync(IDictionary<string, string?>? changed = null)
    {
        await _services.DisposeAsync();
        _services = _build(changed);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
        _keys.Dispose();
    }
}
