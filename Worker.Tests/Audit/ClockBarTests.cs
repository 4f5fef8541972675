using SfBridge.Audit;
using SfBridge.Sla;
using static SfBridge.Tests.Sla.CalendarFixtures;

namespace SfBridge.Tests.Audit;

public sealed class ClockBarTests
{
    private static readonly DateTimeOffset Start = SaoPauloTime(2026, 3, 2, 9, 0);

    /// <summary>Measures a 2-hour clock on the Special Service calendar the way the rules do, and keeps what explain sees.</summary>
    private static ClockMeasurement Measure(IReadOnlyList<Interval> pauses, DateTimeOffset now)
    {
        ClockMeasurement? seen = null;
        var clock = new SlaClock(SpecialService, SlaTarget.FromDuration(TimeSpan.FromHours(2)), 0.8) { Observer = m => seen = m };
        clock.Measure(Start, null, pauses, now);
        return seen!;
    }

    [Fact]
    public void Of_PauseOverLunch_CountsOnlyWorkingTimeOfThePauseAndSumsTo100()
    {
        // Paused 10:00-15:00: 2h before lunch and 1h30 after it are working time; 1h30 elapsed, 30 min remain.
        var m = Measure([new Interval(SaoPauloTime(2026, 3, 2, 10, 0), SaoPauloTime(2026, 3, 2, 15, 0))], SaoPauloTime(2026, 3, 2, 15, 30));

        var bar = ClockBar.Of(m, SaoPauloTime(2026, 3, 2, 15, 30));

        Assert.Equal(TimeSpan.FromMinutes(90), bar.Elapsed);
        Assert.Equal(TimeSpan.FromMinutes(210), bar.Paused);
        Assert.Equal(TimeSpan.FromMinutes(30), bar.Remaining);
        Assert.Equal([ClockBar.ElapsedPart, ClockBar.PausedPart, ClockBar.RemainingPart], bar.Parts.Select(p => p.Name));
        Assert.Equal([27.3m, 63.6m, 9.1m], bar.Parts.Select(p => p.Percent));
        Assert.Equal(75, bar.Share);
    }

    [Fact]
    public void Of_PastTheTarget_ElapsedFillsTheTargetAndTheRestIsOverdue()
    {
        var m = Measure([], SaoPauloTime(2026, 3, 2, 15, 0)); // 09:00-12:00 and 13:30-15:00: 4h30 against 2h

        var bar = ClockBar.Of(m, SaoPauloTime(2026, 3, 2, 15, 0));

        Assert.Equal(TimeSpan.FromMinutes(150), bar.Overdue);
        Assert.Equal([(ClockBar.ElapsedPart, 44.4m), (ClockBar.PausedPart, 0m), (ClockBar.OverduePart, 55.6m)], bar.Parts.Select(p => (p.Name, p.Percent)));
    }

    [Fact]
    public void Of_ThreeEqualParts_RoundingStillSumsTo100()
    {
        // 09:00-10:00 running, then paused from 10:00 until now (11:00): 1h elapsed, 1h paused, 1h to go.
        var m = Measure([new Interval(SaoPauloTime(2026, 3, 2, 10, 0), null)], SaoPauloTime(2026, 3, 2, 11, 0));

        var bar = ClockBar.Of(m, SaoPauloTime(2026, 3, 2, 11, 0));

        Assert.Equal(ClockStatus.Paused, m.Result.Status);
        Assert.Equal(100m, bar.Parts.Sum(p => p.Percent));
        Assert.All(bar.Parts, p => Assert.InRange(p.Percent, 33.3m, 33.4m));
    }
}
