using System.Net;
using SfBridge.Salesforce;
using SfBridge.Tests.Emulators.Salesforce;

namespace SfBridge.Tests.Salesforce;

public sealed class SalesforceResilienceTests
{
    [Fact]
    public async Task ServiceUnavailableWithRetryAfter_WaitsExactlyThatLongThenRetries()
    {
        await using var h = await SalesforceHarness.StartAsync();
        await h.Client.GetLimitsAsync(default); // session in place, so the only new timers belong to the data call
        h.Emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, "limits") { RetryAfterSeconds = 7 });
        var backoff = h.Time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(7));

        var call = h.Client.GetLimitsAsync(default);
        await backoff;

        Assert.False(call.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(7));
        await call;
        Assert.Equal([200, 503, 200], h.Emulator.Requests.All.Where(r => r.Endpoint == "limits").Select(r => r.Status));
    }

    [Fact]
    public async Task RetryAfterLongerThanMaxRetryAfter_FailsAtOnceCarryingTheDelay()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.Emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, "limits") { RetryAfterSeconds = 3600 });

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(() => h.Client.GetLimitsAsync(default));

        Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
        Assert.True(ex.IsTransient);
        Assert.Equal(1, h.Emulator.Requests.Count("limits"));
    }

    [Fact]
    public async Task PersistentServiceUnavailable_GivesUpAfterMaxRetriesAsTransientFailure()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.Emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, "query", Times: 10));

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(() => h.Client.CountAsync(Soql.Create($"SELECT COUNT() FROM Case"), default));

        Assert.Equal("SERVER_UNAVAILABLE", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.Status);
        Assert.True(ex.IsTransient);
        Assert.Equal(4, h.Emulator.Requests.Count("query")); // first attempt + 3 retries
        Assert.Equal(3, h.Logs.WithEventName("Retrying").Count());
    }

    [Fact]
    public async Task RequestLimitExceeded_IsNotRetriedAndNotTransient()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.Emulator.Faults.Add(new Fault(FaultKind.RequestLimitExceeded, "query", Times: 5));

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(() => h.Client.CountAsync(Soql.Create($"SELECT COUNT() FROM Case"), default));

        Assert.Equal("REQUEST_LIMIT_EXCEEDED", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, ex.Status);
        Assert.False(ex.IsTransient);
        Assert.Equal(1, h.Emulator.Requests.Count("query"));
    }

    [Fact]
    public async Task SlowResponse_AttemptTimesOutAndTheRetrySucceeds()
    {
        await using var h = await SalesforceHarness.StartAsync(settings: new Dictionary<string, string?> { ["Salesforce:Resilience:AttemptTimeout"] = "00:00:20" });
        await h.Client.GetLimitsAsync(default);
        h.Emulator.Faults.Add(new Fault(FaultKind.Slow, "limits"));
        var attemptTimer = h.Time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(20));

        var call = h.Client.GetLimitsAsync(default);
        await attemptTimer;
        h.Time.Advance(TimeSpan.FromSeconds(20));
        var limits = await call;

        Assert.NotNull(limits.DailyApiRequests);
        Assert.Contains(h.Logs.WithEventName("Retrying"), e => e.Properties["Outcome"].ToString().Contains("TimeoutRejectedException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepeatedUnavailability_OpensTheCircuitUntilTheBreakEnds()
    {
        await using var h = await SalesforceHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Salesforce:Resilience:MaxRetries"] = "0",
            ["Salesforce:Resilience:BreakerMinimumThroughput"] = "3", // the warm-up success plus two failures
            ["Salesforce:Resilience:BreakDuration"] = "00:00:30",
        });
        await h.Client.GetLimitsAsync(default);
        h.Emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, "limits", Times: 2));
        await Assert.ThrowsAsync<SalesforceApiException>(() => h.Client.GetLimitsAsync(default));
        await Assert.ThrowsAsync<SalesforceApiException>(() => h.Client.GetLimitsAsync(default));

        var open = await Assert.ThrowsAsync<SalesforceApiException>(() => h.Client.GetLimitsAsync(default));
        var sentWhileOpen = h.Emulator.Requests.Count("limits");
        h.Time.Advance(TimeSpan.FromSeconds(31));
        await h.Client.GetLimitsAsync(default);

        Assert.Equal("CIRCUIT_OPEN", open.ErrorCode);
        Assert.True(open.IsTransient);
        Assert.Equal(3, sentWhileOpen);
        Assert.Equal(4, h.Emulator.Requests.Count("limits"));
    }

    [Fact]
    public async Task GatewayHtmlError_BecomesTypedTransientErrorDescribingTheBody()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.Emulator.Faults.Add(new Fault(FaultKind.HtmlGatewayError, "limits", Times: 4));

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(() => h.Client.GetLimitsAsync(default));

        Assert.Equal(HttpStatusCode.BadGateway, ex.Status);
        Assert.True(ex.IsTransient);
        Assert.Contains("non-JSON body (text/html", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowLockOnQuery_IsRetried()
    {
        await using var h = await SalesforceHarness.StartAsync();
        h.SeedCases(3);
        h.Emulator.Faults.Add(new Fault(FaultKind.UnableToLockRow, "query"));

        var count = await h.Client.QueryAsync(Soql.Create($"SELECT Id FROM Case")).CountAsync();

        Assert.Equal(3, count);
        Assert.Equal([400, 200], h.Emulator.Requests.All.Where(r => r.Endpoint == "query").Select(r => r.Status));
    }

    [Fact]
    public async Task TokenEndpointUnavailableOnce_IsRetried()
    {
        await using var h = await SalesforceHarness.StartAsync(AuthFlow.JwtBearer);
        h.Emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, "token"));

        await h.Client.GetLimitsAsync(default);

        Assert.Equal([503, 200], h.Emulator.Requests.All.Where(r => r.Endpoint == "token").Select(r => r.Status));
        h.AssertNoSecretsLogged();
    }
}
