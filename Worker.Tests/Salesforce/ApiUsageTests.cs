using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SfBridge.Salesforce;

namespace SfBridge.Tests.Salesforce;

public sealed class ApiUsageTests
{
    [Theory]
    [InlineData("api-usage=18/5000", 18, 5000)]
    [InlineData("api-usage=10018/100000; api-bursts=1/750", 10018, 100000)]
    [InlineData("per-app-api-usage=17/250(appName=sample-connected-app); api-usage=25/5000", 25, 5000)]
    public void TryParse_HeaderVariants_ReadsOrgWideUsage(string header, long used, long max)
    {
        Assert.True(ApiUsage.TryParse(header, out var usage));
        Assert.Equal(new ApiUsage(used, max), usage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("per-app-api-usage=17/250(appName=x)")]
    [InlineData("api-usage=abc/5000")]
    public void TryParse_NoOrgWideUsage_ReturnsFalse(string? header) => Assert.False(ApiUsage.TryParse(header, out _));

    [Fact]
    public async Task EveryResponse_UpdatesUsageFromSforceLimitInfo()
    {
        await using var h = await SalesforceHarness.StartAsync(emulator: o => o with { DailyApiMax = 5000, DailyApiUsed = 1000 });

        await h.Client.GetLimitsAsync(default);
        await h.Client.CountAsync(Soql.Create($"SELECT COUNT() FROM Case"), default);

        Assert.Equal(new ApiUsage(1002, 5000), h.Usage.Latest);
        Assert.Equal(3, h.Usage.Calls); // token + 2 data calls
        Assert.Equal(1, h.Usage.CallsByEndpoint["query"]);
    }

    [Fact]
    public async Task GetLimitsAsync_PerAppSubObjects_AreToleratedAndEveryLimitRead()
    {
        await using var h = await SalesforceHarness.StartAsync(emulator: o => o with { DailyApiMax = 15000, DailyApiUsed = 500 });

        var limits = await h.Client.GetLimitsAsync(default);

        Assert.Equal(15000, limits.DailyApiRequests!.Max);
        Assert.Equal(15000 - 501, limits.DailyApiRequests.Remaining); // the /limits call itself counts
        Assert.Equal(4, limits.All.Count);
    }

    [Fact]
    public async Task RemainingCallsUnderTheFloor_PauseCallsThenProbeAfterThePause()
    {
        await using var h = await SalesforceHarness.StartAsync(
            emulator: o => o with { DailyApiMax = 1000, DailyApiUsed = 899 },
            settings: new Dictionary<string, string?> { ["Salesforce:ApiCallFloor"] = "100", ["Salesforce:ApiFloorPause"] = "00:15:00" });
        await h.Client.GetLimitsAsync(default); // 900/1000: 100 left, at the floor
        await h.Client.GetLimitsAsync(default); // 901/1000: 99 left, under it

        var paused = await Assert.ThrowsAsync<ApiBudgetPausedException>(() => h.Client.GetLimitsAsync(default));
        var sentWhilePaused = h.Emulator.Requests.Count("limits");
        h.Time.Advance(TimeSpan.FromMinutes(15));
        await h.Client.GetLimitsAsync(default); // the probe: still under the floor, so the pause re-arms
        var stillPaused = await Assert.ThrowsAsync<ApiBudgetPausedException>(() => h.Client.GetLimitsAsync(default));
        h.Emulator.ApiUsed = 0; // a new day
        h.Time.Advance(TimeSpan.FromMinutes(15));
        await h.Client.GetLimitsAsync(default);
        await h.Client.GetLimitsAsync(default);

        Assert.Equal(99, paused.Usage.Remaining);
        Assert.Equal(SalesforceHarness.Start.AddMinutes(15), paused.ResumeAt);
        Assert.Equal(2, sentWhilePaused);
        Assert.Equal(SalesforceHarness.Start.AddMinutes(30), stillPaused.ResumeAt);
        Assert.Equal(5, h.Emulator.Requests.Count("limits"));
        Assert.Single(h.Logs.WithEventName("ApiFloorReached"));
    }

    [Fact]
    public async Task Requests_AreCountedInTheCallsMetricByEndpointAndStatus()
    {
        await using var h = await SalesforceHarness.StartAsync();
        var measured = new List<string>();
        var ours = h.Services.GetRequiredService<IMeterFactory>(); // tests run in parallel: listen to this harness only
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SfBridge.Hosting.SfBridgeMetrics.MeterName && instrument.Name == "sfbridge.salesforce.calls" &&
                ReferenceEquals(instrument.Meter.Scope, ours))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => measured.Add($"{tags[0].Value} {tags[1].Value}"));
        listener.Start();

        await h.Client.GetLimitsAsync(default);

        Assert.Equal(["token 200", "limits 200"], measured);
    }
}
