using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SfBridge.Hosting;
using SfBridge.Hosting.Health;
using SfBridge.State;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Fixtures;

namespace SfBridge.Tests.Hosting;

/// <summary>The health and metrics endpoint of the real worker host, against the Salesforce emulator, on a free port.</summary>
public sealed class HealthEndpointTests : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _state = Directory.CreateTempSubdirectory("sfbridge-health-").FullName;

    /// <summary>The service (<c>run</c>) against <paramref name="loginUrl"/>, its endpoint on a port the system picks, never cached.</summary>
    private string[] Run(string loginUrl, TimeSpan interval, params string[] extra) =>
    [
        "run", $"--Salesforce:LoginUrl={loginUrl}", "--Salesforce:ClientId=sfbridge", "--Salesforce:ClientSecret=rehearsal",
        "--Salesforce:ApiCallFloor=0", "--Salesforce:Resilience:BaseDelay=00:00:00", "--Salesforce:Resilience:BreakDuration=00:00:01",
        $"--Mappings:Path={Path.Combine(RepoPaths.Root, "mappings")}", $"--State:ConnectionString=Data Source={Path.Combine(_state, "state.db")}",
        "--Health:Url=http://127.0.0.1:0", "--Health:CacheDuration=00:00:00",
        $"--Jobs:CaseSync:Interval={interval}", $"--Jobs:OmniChannelSync:Interval={interval}", $"--Jobs:SlaSweep:Interval={interval}",
        $"--Jobs:AlertDispatch:Interval={interval}", .. extra,
    ];

    private static IHost CreateHost(string[] args) => SfBridgeApp.CreateHost(CommandLine.Parse(args, out _));

    [Fact]
    public async Task Ready_SalesforceStopsAnsweringThenReturns_Is503NamingSalesforceThen200()
    {
        var emulator = await SalesforceEmulator.StartAsync();
        var port = new Uri(emulator.BaseUrl).Port;
        using var host = CreateHost(Run(emulator.BaseUrl, TimeSpan.FromSeconds(5)));
        await host.StartAsync();
        try
        {
            var endpoint = host.Services.GetRequiredService<HealthEndpoint>().Address!;
            var up = await EventuallyAsync(() => ProbeAsync(endpoint, HealthEndpoint.ReadyPath),
                r => r.Status == 200 && r.Description("salesforce").Contains("last call", StringComparison.Ordinal));

            await emulator.DisposeAsync(); // Salesforce stops answering: connections are refused
            var down = await EventuallyAsync(() => ProbeAsync(endpoint, HealthEndpoint.ReadyPath), r => r.Status == 503);
            var live = await ProbeAsync(endpoint, HealthEndpoint.LivePath);
            var (commandDown, _, commandDownError) = await HealthCommandAsync("--ready", "--url", endpoint.ToString());

            emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { Port = port }); // back, on the same address
            var back = await EventuallyAsync(() => ProbeAsync(endpoint, HealthEndpoint.ReadyPath), r => r.Status == 200);
            var (commandBack, commandBackOutput, _) = await HealthCommandAsync("--ready", "--url", endpoint.ToString());

            Assert.Equal(["api-budget", "cycle", "gar", "salesforce", "scheduler", "state"], up.Checks.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("Unhealthy", down.Overall);
            Assert.Equal("Unhealthy", down.Check("salesforce"));
            Assert.StartsWith("Salesforce did not answer: last call", down.Description("salesforce"), StringComparison.Ordinal);
            Assert.Contains("unreachable", down.Description("salesforce"), StringComparison.Ordinal);
            Assert.All(["state", "scheduler", "api-budget", "gar"], check => Assert.Equal("Healthy", down.Check(check)));
            Assert.Equal(200, live.Status); // alive, only not ready: a restart would not bring Salesforce back
            Assert.Equal(1, commandDown);
            Assert.Contains("answered 503 Unhealthy; salesforce Unhealthy: Salesforce did not answer", commandDownError, StringComparison.Ordinal);
            Assert.Equal("Healthy", back.Check("salesforce"));
            Assert.Equal(0, commandBack);
            Assert.StartsWith($"healthy: {endpoint.GetLeftPart(UriPartial.Authority)}/health/ready answered 200", commandBackOutput, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
            await emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task Metrics_AfterACycle_ArePrometheusTextAgreeingWithTheEmulatorAndTheState()
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new EmulatorOptions { SnapshotPath = RepoPaths.SampleOrg });
        // Each job runs once, at the start; the sample org's findings are all months old, so without the baseline they are posted.
        using var host = CreateHost(Run(emulator.BaseUrl, TimeSpan.FromHours(1), "--Alerts:FirstStartBaseline=false"));
        using var elsewhere = SfBridgeMetrics.Register(new ServiceCollection()).BuildServiceProvider();
        await host.StartAsync();
        try
        {
            // Another worker's instruments in the same process (as in this test run) must not reach this worker's scrape.
            elsewhere.GetRequiredService<SfBridgeMetrics>().RecordSalesforceCall("elsewhere", "200");
            var endpoint = host.Services.GetRequiredService<HealthEndpoint>().Address!;
            var store = host.Services.GetRequiredService<AdoStateStore>();

            // Settled: every job ran, the sweep and posting that follow the case sync too, and each call the emulator saw
            // is counted (no call in flight).
            // A sweep may run before the first case sync or before the users are read, and wait: one has judged the cases, and
            // what it found has been posted.
            var metrics = await EventuallyAsync(() => ScrapeAsync(endpoint), m =>
                m.Sum("sfbridge_cycles_total", ("job", "case-sync"), ("outcome", "ok")) >= 1 && m.Sum("sfbridge_cases_judged_total") > 0 &&
                m.Sum("sfbridge_alerts_total", ("outcome", "posted")) > 0 &&
                m.Sum("sfbridge_cycles_total", ("job", "sla-sweep"), ("outcome", "ok")) >= 2 &&
                m.Sum("sfbridge_cycles_total", ("job", "alert-dispatch"), ("outcome", "ok")) >= 1 && m.Sum("sfbridge_cycles_total", ("job", "due-instant-post"), ("outcome", "ok")) >= 1 &&
                CallsByEndpoint(m).SequenceEqual(EmulatorCallsByEndpoint(emulator)));
            // A wake-up may still be writing: read the state and scrape again until both describe the same moment.
            (long Tracked, long Open, long Posted, long Ever) state = default;
            metrics = await EventuallyAsync(async () =>
            {
                state = ((long)(await store.QueryAsync("SELECT COUNT(*) FROM tracked_cases", default))[0][0]!,
                    (long)(await store.QueryAsync("SELECT COUNT(*) FROM findings WHERE cleared_at IS NULL", default))[0][0]!,
                    (long)(await store.QueryAsync("SELECT COUNT(*) FROM alerts WHERE state = 'sent'", default))[0][0]!,
                    (long)(await store.QueryAsync("SELECT COUNT(*) FROM findings", default))[0][0]!);
                return await ScrapeAsync(endpoint);
            }, m => m.Sum("sfbridge_cases_tracked") == state.Tracked && m.Sum("sfbridge_findings") == state.Open &&
                    m.Sum("sfbridge_findings_opened_total") == state.Ever &&
                    m.Sum("sfbridge_alerts_total", ("outcome", "posted")) == state.Posted && CallsByEndpoint(m).SequenceEqual(EmulatorCallsByEndpoint(emulator)));
            var (tracked, open, posted, ever) = state;

            Assert.Equal("counter", metrics.Types["sfbridge_cycles_total"]);
            Assert.Equal("histogram", metrics.Types["sfbridge_cycle_duration_seconds"]);
            Assert.Equal("gauge", metrics.Types["sfbridge_cases_tracked"]);
            Assert.Equal(metrics.Sum("sfbridge_cycles_total", ("job", "case-sync")), metrics.Sum("sfbridge_cycle_duration_seconds_count", ("job", "case-sync")));
            Assert.Equal(1, metrics.Sum("sfbridge_cycle_duration_seconds_bucket", ("job", "case-sync"), ("le", "+Inf")));
            Assert.True(metrics.Sum("sfbridge_cycle_duration_seconds_sum", ("job", "case-sync")) > 0);
            Assert.Equal(tracked, metrics.Sum("sfbridge_cases_tracked"));
            Assert.True(tracked > 0);
            Assert.Equal(open, metrics.Sum("sfbridge_findings"));
            Assert.Equal(16, metrics["sfbridge_findings"].Count()); // every kind, zeros included
            // Every finding in the ledger was opened once by a sweep: the open ones, and any the wake-up's sweep cleared since.
            Assert.Equal(ever, metrics.Sum("sfbridge_findings_opened_total"));
            Assert.True(metrics.Sum("sfbridge_cases_judged_total") >= tracked);
            Assert.Equal(posted, metrics.Sum("sfbridge_alerts_total", ("outcome", "posted")));
            Assert.True(posted > 0);
            Assert.Equal(0, metrics.Sum("sfbridge_quarantine_records"));
            Assert.InRange(metrics.Sum("sfbridge_salesforce_api_remaining"), 100_000 - emulator.ApiUsed, 100_000 - 1);
            Assert.Equal(1, Assert.Single(metrics["sfbridge_cluster_role"],
                s => s.Labels["instance"] == host.Services.GetRequiredService<InstanceInfo>().InstanceId && s.Labels["mode"] == "single").Value);
            Assert.DoesNotContain(metrics["sfbridge_salesforce_calls_total"], s => s.Labels["endpoint"] == "elsewhere");
            Assert.All(metrics["sfbridge_salesforce_calls_total"], s => Assert.Equal(["endpoint", "otel_scope_name", "status"], s.Labels.Keys.Order(StringComparer.Ordinal)));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task HealthUrlEmpty_NothingIsServed_AndTheWorkerRuns()
    {
        await using var emulator = await SalesforceEmulator.StartAsync();
        using var host = CreateHost(Run(emulator.BaseUrl, TimeSpan.FromHours(1), "--Health:Url="));
        using var once = SfBridgeApp.CreateHost(CommandLine.Parse(Run(emulator.BaseUrl, TimeSpan.FromHours(1), "--once"), out _));

        await host.StartAsync();
        await EventuallyAsync(() => Task.FromResult(emulator.Requests.Count("query")), n => n > 0);
        await host.StopAsync();

        Assert.Null(host.Services.GetService<HealthEndpoint>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is HealthEndpoint);
        Assert.Null(host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.Null(once.Services.GetService<HealthEndpoint>()); // run --once serves nothing either
    }

    [Fact]
    public async Task Run_HealthAddressInUse_ExitsWithOneConfigurationLineBeforeAnyJob()
    {
        await using var emulator = await SalesforceEmulator.StartAsync();
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var stderr = new StringWriter();

            var exit = await SfBridgeApp.RunAsync(Run(emulator.BaseUrl, TimeSpan.FromHours(1), $"--Health:Url=http://127.0.0.1:{port}"), stderr);

            Assert.Equal(RunOutcome.ConfigurationError, exit);
            var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"Configuration error: Health:Url http://127.0.0.1:{port} cannot be listened on: ", line, StringComparison.Ordinal);
            Assert.Contains("address already in use", line, StringComparison.Ordinal);
            Assert.Empty(emulator.Requests.All); // no job ran
        }
        finally
        {
            taken.Stop();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_state, recursive: true);
    }

    /// <summary>Our endpoint kinds from the emulator's own request log: what each request it received was, by status.</summary>
    private static SortedDictionary<string, double> EmulatorCallsByEndpoint(SalesforceEmulator emulator)
    {
        var calls = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var request in emulator.Requests.All)
        {
            var kind = request.Endpoint switch
            {
                "queryMore" => "query",
                "sobject" => "sobjects",
                "composite-sobjects" => "composite",
                "versions" => "other",
                var e when e.StartsWith("chatter", StringComparison.Ordinal) => "chatter",
                var e => e,
            };
            var key = $"{kind} {request.Status}";
            calls[key] = calls.GetValueOrDefault(key) + 1;
        }

        return calls;
    }

    private static SortedDictionary<string, double> CallsByEndpoint(PrometheusText metrics) =>
        new(metrics["sfbridge_salesforce_calls_total"].GroupBy(s => $"{s.Labels["endpoint"]} {s.Labels["status"]}").ToDictionary(g => g.Key, g => g.Sum(s => s.Value)),
            StringComparer.Ordinal);

    private static async Task<PrometheusText> ScrapeAsync(Uri endpoint)
    {
        using var response = await Http.GetAsync(new Uri(endpoint, HealthEndpoint.MetricsPath));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HealthProbe> ProbeAsync(Uri endpoint, string path)
    {
        using var response = await Http.GetAsync(new Uri(endpoint, path));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateObject()
            .ToDictionary(c => c.Name, c => (c.Value.GetProperty("status").GetString()!, c.Value.GetProperty("description").GetString()!), StringComparer.Ordinal);
        return new HealthProbe((int)response.StatusCode, json.RootElement.GetProperty("status").GetString()!, checks);
    }

    private static async Task<(int Exit, string Output, string Error)> HealthCommandAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await SfBridgeApp.RunAsync(["health", .. args], stderr, stdout);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Polls a real endpoint until <paramref name="done"/> holds, for at most 30 s (the jobs run on the real clock).</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"still not there after 30 s: {value}");
            await Task.Delay(200);
        }
    }

    private sealed record HealthProbe(int Status, string Overall, IReadOnlyDictionary<string, (string Status, string Description)> Checks)
    {
        public string Check(string name) => Checks[name].Status;

        public string Description(string name) => Checks[name].Description;

        public override string ToString() => $"{Status} {Overall}: " + string.Join("; ", Checks.Select(c => $"{c.Key} {c.Value.Status} {c.Value.Description}"));
    }
}
