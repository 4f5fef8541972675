using SfBridge.Sla;
using static SfBridge.Tests.Sla.CalendarFixtures;

namespace SfBridge.Tests.Sla;

public sealed class SlaClockTests
{
    private static readonly SlaClock TwoHours = new(SpecialService, SlaTarget.FromDuration(TimeSpan.FromHours(2)), 0.8);
    private static readonly DateTimeOffset Start = SaoPauloTime(2026, 3, 2, 9, 0);

    [Fact]
    public void Measure_AtTheExactDueInstant_IsNotYetBreached()
    {
        var atDue = TwoHours.Measure(Start, null, [], SaoPauloTime(2026, 3, 2, 11, 0));
        var withinItsMillisecond = TwoHours.Measure(Start, null, [], SaoPauloTime(2026, 3, 2, 11, 0).AddTicks(9_999));
        var justAfter = TwoHours.Measure(Start, null, [], SaoPauloTime(2026, 3, 2, 11, 0).AddMilliseconds(1));

        Assert.Equal(ClockStatus.Running, atDue.Status);
        Assert.True(atDue.Warning);
        // Passed from the millisecond after it, the instant the engine names for judging the case again (RuleContext.ExpectPast).
        Assert.Equal(ClockStatus.Running, withinItsMillisecond.Status);
        Assert.Equal(ClockStatus.Breached, justAfter.Status);
        Assert.Equal(SaoPauloTime(2026, 3, 2, 11, 0), justAfter.DueAt);
    }

    [Fact]
    public void Measure_WarningShare_RaisedAt80Percent()
    {
        Assert.False(TwoHours.Measure(Start, null, [], SaoPauloTime(2026, 3, 2, 10, 35)).Warning);
        Assert.True(TwoHours.Measure(Start, null, [], SaoPauloTime(2026, 3, 2, 10, 36)).Warning);
    }

    [Fact]
    public void Measure_PauseWhileAwaitingCustomer_PushesTheDeadline()
    {
        var pauses = new[] { new Interval(SaoPauloTime(2026, 3, 2, 10, 0), SaoPauloTime(2026, 3, 2, 15, 0)) };

        var result = TwoHours.Measure(Start, null, pauses, SaoPauloTime(2026, 3, 2, 15, 30));

        Assert.Equal(SaoPauloTime(2026, 3, 2, 16, 0), result.DueAt); // 1h before the pause + 1h after it
        Assert.Equal(TimeSpan.FromMinutes(90), result.Elapsed);
        Assert.Equal(ClockStatus.Running, result.Status);
    }

    [Fact]
    public void Measure_PausedNow_ReportsPausedWithoutDeadline()
    {
        var result = TwoHours.Measure(Start, null, [new Interval(SaoPauloTime(2026, 3, 2, 10, 0), null)], SaoPauloTime(2026, 3, 5, 10, 0));

        Assert.Equal(ClockStatus.Paused, result.Status);
        Assert.Null(result.DueAt);
        Assert.Equal(TimeSpan.FromHours(1), result.Elapsed);
    }

    [Fact]
    public void Measure_StoppedBeforeDue_IsMet_StoppedAfter_IsBreached()
    {
        Assert.Equal(ClockStatus.Met, TwoHours.Measure(Start, SaoPauloTime(2026, 3, 2, 10, 59), [], SaoPauloTime(2026, 3, 3, 9, 0)).Status);
        Assert.Equal(ClockStatus.Breached, TwoHours.Measure(Start, SaoPauloTime(2026, 3, 2, 14, 0), [], SaoPauloTime(2026, 3, 3, 9, 0)).Status);
    }

    [Fact]
    public void Measure_StartedFridayEvening_RunsOnlyOnWorkingTime()
    {
        var friday = SaoPauloTime(2026, 3, 6, 17, 0);

        Assert.Equal(ClockStatus.Running, TwoHours.Measure(friday, null, [], SaoPauloTime(2026, 3, 8, 23, 0)).Status);
        Assert.Equal(SaoPauloTime(2026, 3, 9, 9, 30), TwoHours.Measure(friday, null, [], SaoPauloTime(2026, 3, 9, 9, 31)).DueAt);
    }
}
