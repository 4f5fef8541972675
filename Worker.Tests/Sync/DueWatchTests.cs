using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SfBridge.Sync;

namespace SfBridge.Tests.Sync;

/// <summary>The wake-up at the next due instant, however far ahead it is.</summary>
public sealed class DueWatchTests
{
    [Fact]
    public void AnInstantMonthsAhead_IsArmedOnThePlatformsTimer()
    {
        // Reproduced (in review): the earliest instant of a small org 60 days ahead (a return scheduled two months away, a leave)
        // made the system timer throw at every arming, after every sweep: each sweep recorded as failed, no wake-up ever set.
        using var services = new ServiceCollection().BuildServiceProvider();
        using var watch = new DueWatch(TimeProvider.System, services, NullLogger<DueWatch>.Instance);
        var at = DateTimeOffset.UtcNow.AddDays(60);

        watch.Arm(at);

        Assert.Equal(at, watch.ArmedFor);
    }

    [Fact]
    public async Task AWakeUpMonthsAhead_RunsAtItsInstant_NotWhenTheFirstTimerEnds()
    {
        await using var h = await SyncHarness.StartAsync();
        var at = h.Salesforce.Time.GetUtcNow().AddDays(60);
        h.DueWatch.Arm(at);

        h.Salesforce.Time.Advance(TimeSpan.FromDays(59));
        await h.DueWatch.WhenIdleAsync();
        var before = h.Salesforce.Logs.WithEventName("Woke").Count();
        var armed = h.DueWatch.ArmedFor;
        h.Salesforce.Time.Advance(TimeSpan.FromDays(1));
        await h.DueWatch.WhenIdleAsync();

        Assert.Equal((0, at), (before, armed));
        Assert.Single(h.Salesforce.Logs.WithEventName("Woke"));
    }

    [Fact]
    public async Task AWakeNowAfterASync_RunsAtOnce_WhateverWakeUpIsSetLater()
    {
        // Reproduced (in review): with the wake-up set for a later instant, the wake-up after a case sync did nothing: the cases
        // the sync stored waited for the next periodic sweep.
        await using var h = await SyncHarness.StartAsync();
        h.DueWatch.Arm(h.Salesforce.Time.GetUtcNow().AddHours(4));

        h.DueWatch.WakeNow();
        await h.DueWatch.WhenIdleAsync();

        Assert.Single(h.Salesforce.Logs.WithEventName("Woke"));
    }
}
