using SfBridge.Sla;
using static SfBridge.Tests.Sla.CalendarFixtures;

namespace SfBridge.Tests.Sla;

/// <summary>How a clock treats pauses that straddle its start or its end, stops in the future, and business-day targets.</summary>
public sealed class SlaClockEdgeTests
{
    private static readonly SlaClock TwoHours = new(SpecialService, SlaTarget.FromDuration(TimeSpan.FromHours(2)), 0.8);
    private static readonly DateTimeOffset Start = SaoPauloTime(2026, 3, 2, 9, 0);

    [Fact]
    public void PauseBeganBeforeTheClock_CountsOnlyFromTheStart()
    {
        var result = TwoHours.Measure(Start, null, [new Interval(SaoPauloTime(2026, 3, 2, 8, 0), SaoPauloTime(2026, 3, 2, 10, 0))], SaoPauloTime(2026, 3, 2, 11, 0));

        Assert.Equal(TimeSpan.FromHours(1), result.Elapsed);
        Assert.Equal(SaoPauloTime(2026, 3, 2, 12, 0), result.DueAt);
        Assert.Equal(ClockStatus.Running, result.Status);
    }

    [Fact]
    public void PauseStillGoingAtTheInstantJudged_IsPausedNow()
    {
        var result = TwoHours.Measure(Start, null, [new Interval(SaoPauloTime(2026, 3, 2, 10, 0), SaoPauloTime(2026, 3, 2, 16, 0))], SaoPauloTime(2026, 3, 2, 11, 0));

        Assert.Equal(ClockStatus.Paused, result.Status);
        Assert.Equal(TimeSpan.FromHours(1), result.Elapsed);
        Assert.Null(result.DueAt);
        Assert.False(result.Warning);
        Assert.Null(result.WarnAt);
    }

    [Fact]
    public void PauseStillAhead_OrEmpty_OrBackwards_IsIgnored()
    {
        var pauses = new[]
        {
            new Interval(SaoPauloTime(2026, 3, 2, 14, 0), SaoPauloTime(2026, 3, 2, 15, 0)),
            new Interval(SaoPauloTime(2026, 3, 2, 9, 15), SaoPauloTime(2026, 3, 2, 9, 15)),
            new Interval(SaoPauloTime(2026, 3, 2, 9, 30), SaoPauloTime(2026, 3, 2, 9, 20)),
        };

        var result = TwoHours.Measure(Start, null, pauses, SaoPauloTime(2026, 3, 2, 10, 40));

        Assert.Equal(ClockStatus.Running, result.Status);
        Assert.Equal(TimeSpan.FromMinutes(100), result.Elapsed);
        Assert.Equal(SaoPauloTime(2026, 3, 2, 11, 0), result.DueAt);
        Assert.True(result.Warning);
    }

    [Fact]
    public void PausesGivenOutOfOrder_PushTheDeadlineByTheirWorkingTime()
    {
        var pauses = new[]
        {
            new Interval(SaoPauloTime(2026, 3, 2, 10, 30), SaoPauloTime(2026, 3, 2, 11, 0)),
            new Interval(SaoPauloTime(2026, 3, 2, 9, 30), SaoPauloTime(2026, 3, 2, 10, 0)),
        };

        var result = TwoHours.Measure(Start, null, pauses, SaoPauloTime(2026, 3, 2, 11, 30));

        Assert.Equal(SaoPauloTime(2026, 3, 2, 12, 0), result.DueAt); // 2h of work plus the two half hours
        Assert.Equal(TimeSpan.FromMinutes(90), result.Elapsed);
    }

    [Fact]
    public void StopStampedAfterTheInstantJudged_KeepsTheClockRunning()
    {
        var result = TwoHours.Measure(Start, SaoPauloTime(2026, 3, 2, 10, 30), [], SaoPauloTime(2026, 3, 2, 10, 0));

        Assert.Equal(ClockStatus.Running, result.Status);
        Assert.Equal(TimeSpan.FromHours(1), result.Elapsed);
    }

    [Fact]
    public void StoppedAtTheExactDueInstant_IsMet_WithoutWarning()
    {
        var result = TwoHours.Measure(Start, SaoPauloTime(2026, 3, 2, 11, 0), [], SaoPauloTime(2026, 3, 3, 9, 0));

        Assert.Equal(ClockStatus.Met, result.Status);
        Assert.Equal(TimeSpan.FromHours(2), result.Elapsed);
        Assert.False(result.Warning);
        Assert.Null(result.WarnAt);
        Assert.False(result.IsBreached);
    }

    [Fact]
    public void Breached_IsNotAWarning()
    {
        var result = TwoHours.Measure(Start, null, [], SaoPauloTime(2026, 3, 2, 14, 0));

        Assert.True(result.IsBreached);
        Assert.False(result.Warning);
        Assert.Null(result.WarnAt);
    }

    [Fact]
    public void WarnAt_IsTheWarningShareOfTheTarget_InWorkingTime()
    {
        Assert.Equal(SaoPauloTime(2026, 3, 2, 10, 36), TwoHours.Measure(Start, null, [], SaoPauloTime(2026, 3, 2, 9, 30)).WarnAt);
        Assert.Equal(SaoPauloTime(2026, 3, 2, 14, 6), TwoHours.Measure(SaoPauloTime(2026, 3, 2, 11, 0), null, [], SaoPauloTime(2026, 3, 2, 11, 30)).WarnAt);
        Assert.Null((TwoHours with { WarningShare = 1 }).Measure(Start, null, [], SaoPauloTime(2026, 3, 2, 9, 30)).WarnAt);
        Assert.Null((TwoHours with { WarningShare = 0 }).Measure(Start, null, [], SaoPauloTime(2026, 3, 2, 9, 30)).WarnAt);
    }

    [Fact]
    public void BusinessDayTarget_IsDueTheSameLocalTime_AndAPausePushesItByItsWorkingTime()
    {
        var oneDay = new SlaClock(SpecialService, new SlaTarget(TimeSpan.Zero, 1), 0.8);
        var monday10 = SaoPauloTime(2026, 3, 2, 10, 0);

        var plain = oneDay.Measure(monday10, null, [], SaoPauloTime(2026, 3, 2, 15, 0));
        var paused = oneDay.Measure(monday10, null, [new Interval(SaoPauloTime(2026, 3, 2, 11, 0), SaoPauloTime(2026, 3, 2, 12, 0))], SaoPauloTime(2026, 3, 2, 15, 0));

        Assert.Equal(SaoPauloTime(2026, 3, 3, 10, 0), plain.DueAt);
        Assert.Equal(SaoPauloTime(2026, 3, 3, 11, 0), paused.DueAt);
        Assert.Equal(TimeSpan.FromHours(2.5), paused.Elapsed); // 10:00-11:00 and 13:30-15:00
        Assert.Equal(TimeSpan.FromHours(3.5), plain.Elapsed);
        Assert.False(plain.Warning);
        Assert.True(oneDay.Measure(monday10, null, [], SaoPauloTime(2026, 3, 3, 9, 0)).Warning); // 7h of 8h
    }

    [Theory]
    [InlineData(12, 45, 12, 45)] // opened at lunch: due at lunch two days later, not at 12:00 when the morning's work ends
    [InlineData(19, 0, 19, 0)] // opened after hours: due at 19:00 two days later, not at 18:00
    public void APauseHoldingNoWorkingTime_NeverBringsABusinessDayTargetForward(int openedHour, int openedMinute, int dueHour, int dueMinute)
    {
        var twoDays = new SlaClock(SpecialService, new SlaTarget(TimeSpan.Zero, 2), 0.8);
        var opened = SaoPauloTime(2026, 3, 2, openedHour, openedMinute);
        var overnight = new Interval(SaoPauloTime(2026, 3, 2, 19, 30), SaoPauloTime(2026, 3, 3, 8, 0)); // waiting on the customer overnight

        var plain = twoDays.Measure(opened, null, [], SaoPauloTime(2026, 3, 3, 10, 0));
        var paused = twoDays.Measure(opened, null, [overnight], SaoPauloTime(2026, 3, 3, 10, 0));
        var closedBeforeTheDeadline = twoDays.Measure(opened, SaoPauloTime(2026, 3, 4, dueHour, dueMinute).AddMinutes(-15), [overnight], SaoPauloTime(2026, 3, 5, 10, 0));

        Assert.Equal(SaoPauloTime(2026, 3, 4, dueHour, dueMinute), plain.DueAt);
        Assert.Equal(plain.DueAt, paused.DueAt);
        Assert.Equal(ClockStatus.Met, closedBeforeTheDeadline.Status);
    }

    [Fact]
    public void Observer_SeesTheStartStopAndThePausesThatCounted()
    {
        ClockMeasurement? seen = null;
        var clock = TwoHours with { Observer = m => seen = m };
        var stop = SaoPauloTime(2026, 3, 2, 10, 30);

        var result = clock.Measure(Start, stop, [new Interval(SaoPauloTime(2026, 3, 2, 8, 0), SaoPauloTime(2026, 3, 2, 9, 30)), new Interval(SaoPauloTime(2026, 3, 2, 11, 0), null)],
            SaoPauloTime(2026, 3, 2, 12, 0));

        Assert.NotNull(seen);
        Assert.Same(result, seen.Result);
        Assert.Equal(Start, seen.StartedAt);
        Assert.Equal(stop, seen.StoppedAt);
        Assert.Equal([new Interval(Start, SaoPauloTime(2026, 3, 2, 9, 30))], seen.Pauses);
        Assert.Equal(ClockStatus.Met, result.Status);
        Assert.Equal(TimeSpan.FromHours(1), result.Elapsed);
    }

    [Fact]
    public void StoppedAtTheInstantJudged_IsMet()
    {
        var result = TwoHours.Measure(Start, SaoPauloTime(2026, 3, 2, 10, 0), [], SaoPauloTime(2026, 3, 2, 10, 0));

        Assert.Equal(ClockStatus.Met, result.Status);
    }

    [Fact]
    public void PauseBeginningTheMomentTheTargetIsUsed_DoesNotSaveIt()
    {
        var result = TwoHours.Measure(Start, null, [new Interval(SaoPauloTime(2026, 3, 2, 11, 0), SaoPauloTime(2026, 3, 2, 14, 0))], SaoPauloTime(2026, 3, 2, 11, 30));

        Assert.Equal(ClockStatus.Breached, result.Status);
        Assert.Equal(SaoPauloTime(2026, 3, 2, 11, 0), result.DueAt);
    }

    [Fact]
    public void PauseBeginningAtTheInstantJudged_HasNotPausedTheClockYet()
    {
        var now = SaoPauloTime(2026, 3, 2, 10, 0);

        var result = TwoHours.Measure(Start, null, [new Interval(now, null)], now);

        Assert.Equal(ClockStatus.Running, result.Status);
        Assert.Equal(SaoPauloTime(2026, 3, 2, 11, 0), result.DueAt);
    }

    [Fact]
    public void PauseEndingAtTheInstantJudged_IsOver_AndPushesTheDeadline()
    {
        // Pauses are half-open [From, To): at To the clock runs again.
        var now = SaoPauloTime(2026, 3, 2, 11, 0);

        var result = TwoHours.Measure(Start, null, [new Interval(SaoPauloTime(2026, 3, 2, 10, 0), now)], now);

        Assert.Equal(ClockStatus.Running, result.Status);
        Assert.Equal(SaoPauloTime(2026, 3, 2, 12, 0), result.DueAt);
        Assert.Equal(TimeSpan.FromHours(1), result.Elapsed);
    }
}
