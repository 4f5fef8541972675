using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

/// <summary>
/// A case closed and later reopened (the customer wrote again) owes nothing for the time it spent closed: every clock
/// stops for it, the pauses of SS-02 and PIT-01 included, and the time before the closure still counts.
/// </summary>
public sealed class ReopenedCaseTests
{
    /// <summary>The case closed at <paramref name="closed"/> and reopened at <paramref name="reopened"/> by its owner.</summary>
    private static CaseSnapshot Reopened(CaseSnapshot c, DateTimeOffset closed, DateTimeOffset reopened) => c with
    {
        History = [.. c.History, FieldChange.Status("Em Atendimento", "Fechado", closed, c.OwnerId), FieldChange.Status("Fechado", "Em Atendimento", reopened, c.OwnerId)],
    };

    [Fact]
    public void SpecialService_SolvedInSixHours_ReopenedTwoWeeksLater_IsNotLateForItsSolution()
    {
        // Reproduced: SS-02 (2 business days) and SS-03 (7 days) breached at the reopening, counting the two weeks closed.
        var c = Reopened(Cases.Special(), At(2026, 3, 2, 15), At(2026, 3, 16, 10));

        Assert.DoesNotContain(Judge(c, At(2026, 3, 16, 10, 5)), f => f.RuleId is "SS-02" or "SS-03");
        // The four and a half working hours before the closure still count: of 2 business days (16 hours), 11.5 are left.
        Assert.Equal(At(2026, 3, 17, 15), Assert.Single(Judge("SS-02", c, At(2026, 3, 17, 15, 1))).DueAt);
    }

    [Fact]
    public void PitStop_TwoHoursUsed_ReopenedLater_HasTheRestOfItsTier()
    {
        var c = Reopened(Cases.PitStop(), At(2026, 3, 2, 11), At(2026, 3, 16, 10));

        Assert.DoesNotContain(Judge("PIT-01", c, At(2026, 3, 16, 10, 5)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 16, 12), Assert.Single(Judge("PIT-01", c, At(2026, 3, 16, 12, 1)), f => f.Kind == FindingKind.SlaBreach).DueAt);
    }

    [Fact]
    public void Billing_ClosedTenMinutesAfterTheLastUpdate_ReopenedHoursLater_HasTheRestOfItsFifteenMinutes()
    {
        // Reproduced: at the reopening BIL-01 said the next update "era devido em até 15 minutos" at 10:05, while the case was closed.
        var c = Reopened(Cases.BillingPromising(), At(2026, 3, 2, 10), At(2026, 3, 2, 14));

        Assert.Empty(Judge("BIL-01", c, At(2026, 3, 2, 14, 1)));
        Assert.Equal(At(2026, 3, 2, 14, 5), Assert.Single(Judge("BIL-01", c, At(2026, 3, 2, 14, 6))).DueAt);
    }

    [Fact]
    public void Protocol_ClosedAnHourAfterTheLastContact_ReopenedDaysLater_IsNotOverdueAtOnce()
    {
        // The contact on Monday at 10:00 was due again by Tuesday's close: 18 working hours, one used before the closure.
        // The 17 left from the reopening on Thursday at 09:00 end on Friday at 16:00, and that day is given whole.
        var c = Reopened(Cases.Protocol().WithFields((LogicalField.Return, "Sim")), At(2026, 3, 2, 11), At(2026, 3, 5, 9));

        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 5, 9, 1)));
        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 6, 18)));
        Assert.Equal(At(2026, 3, 6, 18), Assert.Single(Judge("PRO-02", c, At(2026, 3, 6, 18, 1))).DueAt);
    }

    [Fact]
    public void SevenDaysCountTheDaysTheCaseWasOpen_NotTheWeekItWasClosed()
    {
        // Open a day, closed a week, open again two days: three days of SS-03's seven.
        var c = Reopened(Cases.Special(), At(2026, 3, 3, 9), At(2026, 3, 10, 9));

        Assert.Empty(Judge("SS-03", c, At(2026, 3, 12, 9)));
        Assert.Single(Judge("SS-03", c with { History = [] }, At(2026, 3, 12, 9))); // the same case never closed
    }

    [Fact]
    public void SS03_AReopenedCase_IsDueAtTheEndOfADay_TheWeekClosedAdded()
    {
        // Opened Monday 02/03 09:00, closed a day later and reopened a week after: the 7 days to the end of 09/03 (183 hours)
        // less the 24 used end at midnight of 16/03, a week later.
        var c = Reopened(Cases.Special(), At(2026, 3, 3, 9), At(2026, 3, 10, 9));

        Assert.Empty(Judge("SS-03", c, At(2026, 3, 16, 23, 59)));
        Assert.Equal(At(2026, 3, 17, 0), Assert.Single(Judge("SS-03", c, At(2026, 3, 17, 0, 1))).DueAt);
    }

    [Fact]
    public void SS03_ReopenedTwoWeeksAfterASameDaySolution_HasTheDayItsTimeEndsOnWhole()
    {
        // Six hours open on 02/03, two weeks closed: the 177 hours left from the reopening on 16/03 at 10:00 end on 23/03 at
        // 19:00, and that day is given whole, as the opening's seventh day is.
        var c = Reopened(Cases.Special(), At(2026, 3, 2, 15), At(2026, 3, 16, 10));

        Assert.Empty(Judge("SS-03", c, At(2026, 3, 23, 23, 59)));
        var f = Assert.Single(Judge("SS-03", c, At(2026, 3, 24, 0, 1)));
        Assert.Equal(At(2026, 3, 24, 0), f.DueAt);
        Assert.Equal("resolução em até 7 dias após a data de abertura (02/03/2026 09:00)", f.Detail);
    }
}
