using System.Text.Json.Nodes;
using SfBridge.Alerts;
using SfBridge.Salesforce;
using SfBridge.State;
using SfBridge.Tests.Emulators.Salesforce;
using SfBridge.Tests.Sync;

namespace SfBridge.Tests.Alerts;

/// <summary>
/// How the dispatcher reads Salesforce's answers: a refusal for the whole org (whatever its HTTP status) spends no
/// attempt, alone or inside a batch; a refusal of the post spends one and waits out a backoff that doubles.
/// </summary>
public sealed class DispatchRefusalTests
{
    private static async Task<(SyncHarness H, List<string> Cases)> BreachingAsync(int cases)
    {
        var (h, ids, _) = await Dispatch.BreachingAsync(cases);
        return (h, ids);
    }

    private static AlertDispatcher Dispatcher(SyncHarness h, AlertsOptions? options = null) => Dispatch.Dispatcher(h, options: options);

    private static async Task<(string State, int Attempts)> OutboxAsync(SyncHarness h, string caseId)
    {
        var row = Assert.Single(await h.Store.QueryAsync($"SELECT state, attempts FROM alerts WHERE case_id = '{caseId}'", default));
        return ((string)row[0]!, Convert.ToInt32(row[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static TheoryData<string> OrgWideCodes =>
        ["REQUEST_LIMIT_EXCEEDED", "API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED", "CIRCUIT_OPEN", "TXN_SECURITY_NO_ACCESS", "ORG_LOCKED"];

    [Theory]
    [MemberData(nameof(OrgWideCodes))]
    public async Task AnOrgWideErrorCodeOnALonePost_SpendsNoAttempt_AndFailsTheRun(string code)
    {
        var (h, cases) = await BreachingAsync(1);
        await using var _h = h;
        h.Emulator.Faults.FailFeedPosts(cases[0], code, "Salesforce turned the call away"); // answered 400: only the code says it is org-wide

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(() => Dispatcher(h).RunAsync(default));

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(("pending", 0), await OutboxAsync(h, cases[0]));
        Assert.Empty(h.Salesforce.Logs.WithEventName("Refused"));
        Assert.Equal(code, Assert.Single(h.Salesforce.Logs.WithEventName("Deferred")).Properties["ErrorCode"].ToString().Trim('"'));
    }

    [Theory]
    [MemberData(nameof(OrgWideCodes))]
    public async Task AnOrgWideErrorCodeInsideABatch_PostsTheRest_KeepsThatOnePendingWithNoAttemptSpent_AndFailsTheRun(string code)
    {
        var (h, cases) = await BreachingAsync(4);
        await using var _h = h;
        h.Emulator.Faults.FailFeedPosts(cases[1], code, "Salesforce turned the call away");
        h.Emulator.Faults.FailFeedPosts(cases[3], "INSUFFICIENT_ACCESS", "You don't have access to this record"); // refused: that one spends an attempt

        var ex = await Assert.ThrowsAsync<SalesforceApiException>(() => Dispatcher(h).RunAsync(default));

        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsTransient);
        Assert.Equal(("pending", 0), await OutboxAsync(h, cases[1]));
        Assert.Equal([("sent", 0), ("sent", 0), ("failed", 1)], [await OutboxAsync(h, cases[0]), await OutboxAsync(h, cases[2]), await OutboxAsync(h, cases[3])]);
        var refused = Assert.Single(h.Salesforce.Logs.WithEventName("Refused"));
        Assert.Equal(cases[3], refused.Properties["CaseId"].ToString().Trim('"'));
        var deferred = Assert.Single(h.Salesforce.Logs.WithEventName("Deferred"));
        Assert.Equal("1", deferred.Properties["Count"].ToString());
    }

    [Fact]
    public async Task ARefusedPost_WaitsFiveMinutes_ThenTen_ThenTwenty()
    {
        var (h, cases) = await BreachingAsync(1);
        await using var _h = h;
        h.Emulator.Faults.FailFeedPosts(cases[0], "INSUFFICIENT_ACCESS", "You don't have access to this record");
        var options = new AlertsOptions { MaxAttempts = 10 };

        var tries = new List<(int Minute, string State, int Attempts)>();
        for (var minute = 0; minute <= 40; minute++)
        {
            var report = await Dispatcher(h, options).RunAsync(default);
            Assert.Equal(0, report.Unknown); // a refused post waiting out its backoff is not an unconfirmed one
            if (report.Failed > 0)
            {
                var (state, attempts) = await OutboxAsync(h, cases[0]);
                tries.Add((minute, state, attempts));
            }

            h.Salesforce.Time.Advance(TimeSpan.FromMinutes(1));
        }

        // Alerts:RetryBackoff (5 minutes) after the first refusal, doubled at each further one.
        Assert.Equal([(0, "failed", 1), (5, "failed", 2), (15, "failed", 3), (35, "failed", 4)], tries);
        Assert.Equal(4, h.Salesforce.Logs.WithEventName("Refused").Count());
    }

    [Fact]
    public async Task APostRefusedLongerThanItsAttempts_GoesOutOnceTheRefusalEnds_AndItsRemindersFollow()
    {
        // Reproduced (in review): Chatter refused the breach's post for three hours (the integration user's feed permission
        // removed during a deploy); after Alerts:MaxAttempts refusals the alert was given up, and with it the breach: never
        // posted once the permission was back, never reminded, for as long as the case stayed late.
        var (h, cases) = await BreachingAsync(1);
        await using var _h = h;
        h.Emulator.Faults.FailFeedPosts(cases[0], "INSUFFICIENT_ACCESS", "You don't have access to this record");
        for (var minute = 0; minute < 180; minute += 5)
        {
            await h.Cycle.RunOnceAsync(default);
            h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var (state, attempts) = await OutboxAsync(h, cases[0]);
        Assert.Equal("failed", state);
        Assert.True(attempts > new AlertsOptions().MaxAttempts, $"{attempts} attempts in three hours");
        Assert.Empty(h.Emulator.Feed(cases[0]));

        h.Emulator.Faults.Clear(); // the permission is back
        for (var minute = 0; minute <= 60; minute += 5)
        {
            await h.Cycle.RunOnceAsync(default);
            h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Single(h.Emulator.Feed(cases[0])); // within the hour
        Assert.Equal("sent", (await OutboxAsync(h, cases[0])).State);
        h.Salesforce.Time.Advance(TimeSpan.FromHours(2));
        await h.Cycle.RunOnceAsync(default);
        Assert.Equal(2, h.Emulator.Feed(cases[0]).Count); // and its reminder, two hours after it
    }

    [Fact]
    public async Task ABatchCallRefusedAsAWhole_SpendsAnAttemptOnEachAlert()
    {
        var (h, cases) = await BreachingAsync(3);
        await using var _h = h;
        h.Emulator.Faults.Add(new Fault(FaultKind.UnableToLockRow, "chatter-batch")); // 400: Salesforce answered and refused

        var report = await Dispatcher(h).RunAsync(default);

        Assert.Equal((0, 3, 0), (report.Posted, report.Failed, report.Unknown));
        Assert.All(cases, c => Assert.Equal(("failed", 1), OutboxAsync(h, c).Result));
        Assert.Equal(3, h.Salesforce.Logs.WithEventName("Refused").Count());
    }

    [Theory]
    [InlineData(1, "chatter-post")]
    [InlineData(3, "chatter-batch")]
    public async Task AnUnansweredCall_LeavesTheOutcomeOpen_AndSaysHowManyAlerts(int count, string endpoint)
    {
        var (h, cases) = await BreachingAsync(count);
        await using var _h = h;
        h.Emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, endpoint, Times: 100));

        var report = await Dispatcher(h).RunAsync(default);

        Assert.Equal((0, 0, count), (report.Posted, report.Failed, report.Unknown));
        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(h.Salesforce.Logs.WithEventName("OutcomeUnknown")).Properties["Count"].ToString());
        Assert.Empty(h.Salesforce.Logs.WithEventName("HeldBack"));
    }

    [Fact]
    public async Task AnUnconfirmedPost_IsLookedUpAndPostedAgainExactlyWhenTheGraceIsOver()
    {
        var (h, cases) = await BreachingAsync(1);
        await using var _h = h;
        h.Emulator.Faults.Add(new Fault(FaultKind.ServiceUnavailable, "chatter-post", Times: 100));
        Assert.Equal(1, (await Dispatcher(h).RunAsync(default)).Unknown);
        h.Emulator.Faults.Clear();

        h.Salesforce.Time.Advance(new AlertsOptions().RepostGrace - TimeSpan.FromSeconds(1));
        var within = await Dispatcher(h).RunAsync(default);
        h.Salesforce.Time.Advance(TimeSpan.FromSeconds(1));
        var over = await Dispatcher(h).RunAsync(default);

        Assert.Equal((0, 1), (within.Posted, within.Unknown));
        Assert.Equal((1, 0), (over.Posted, over.Unknown));
        Assert.Single(h.Emulator.Feed(cases[0]));
    }
}
