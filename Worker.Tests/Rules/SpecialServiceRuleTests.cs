using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

public sealed class SpecialServiceRuleTests
{
    private static readonly CaseSnapshot Compliant = Cases.Special();
    private static readonly CaseSnapshot Unanswered = Compliant with { Emails = [] };

    [Fact]
    public void CompliantCase_HasNoFindings() => Assert.Empty(Judge(Compliant, Monday10));

    [Fact]
    [Fires("SS-01")]
    public void SS01_NoFirstResponseWithinOneBusinessDay_IsBreached()
    {
        Assert.DoesNotContain(Judge("SS-01", Unanswered, At(2026, 3, 3, 9)), f => f.Kind == FindingKind.SlaBreach);
        var f = Assert.Single(Judge("SS-01", Unanswered, At(2026, 3, 3, 9, 1)));
        Assert.Equal(At(2026, 3, 3, 9), f.DueAt);
        Assert.Equal([User(8), User(13)], f.Mentions);
    }

    [Fact]
    public void SS01_OpenedFridayAfternoon_IsDueMonday()
    {
        var c = Unanswered with { CreatedDate = At(2026, 3, 6, 17) };

        Assert.DoesNotContain(Judge("SS-01", c, At(2026, 3, 8, 20)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 9, 17), Assert.Single(Judge("SS-01", c, At(2026, 3, 9, 17, 1))).DueAt);
    }

    [Fact]
    public void SS01_OpenedDuringLunch_KeepsTheLocalTimeNextBusinessDay()
    {
        var c = Unanswered with { CreatedDate = At(2026, 3, 2, 12, 30) };

        Assert.Equal(At(2026, 3, 3, 12, 30), Assert.Single(Judge("SS-01", c, At(2026, 3, 3, 12, 31))).DueAt);
    }

    [Fact]
    public void SS01_NotAKeyAccount_IsOutOfScope()
    {
        var org = Org(accounts: [new AccountInfo(Account(3), "Loja Avulsa", false, 3)]);

        Assert.Empty(Judge(Unanswered with { AccountId = Account(3) }, At(2026, 3, 10, 9), org));
    }

    [Fact]
    [Fires("SS-01")]
    public void SS01_AccountWithMoreThanFifteenStores_IsAKeyAccount()
    {
        var org = Org(accounts: [new AccountInfo(Account(3), "Rede Média", false, 16)]);

        Assert.Single(Judge("SS-01", Unanswered with { AccountId = Account(3) }, At(2026, 3, 3, 9, 1), org));
    }

    [Fact]
    [Fires("SS-02")]
    public void SS02_NotSolvedWithinTwoBusinessDays_IsBreached_AndWarnsBefore()
    {
        Assert.Equal(FindingKind.SlaWarning, Assert.Single(Judge("SS-02", Compliant, At(2026, 3, 3, 17))).Kind);
        Assert.Equal(At(2026, 3, 4, 9), Assert.Single(Judge("SS-02", Compliant, At(2026, 3, 4, 9, 1))).DueAt);
        Assert.Empty(Judge("SS-02", Compliant with { IsClosed = true, Status = "Fechado", ClosedDate = At(2026, 3, 3, 15) }, At(2026, 3, 5, 9)));
    }

    [Fact]
    [Fires("SS-03")]
    public void SS03_OpenSevenDaysAfterOpening_IsBreached()
    {
        Assert.DoesNotContain(Judge("SS-03", Compliant, At(2026, 3, 9, 9)), f => f.RuleId == "SS-03");
        Assert.Equal(FindingKind.SlaBreach, Assert.Single(Judge("SS-03", Compliant, At(2026, 3, 9, 9, 1))).Kind);
    }

    private static OrgContext Backlog(int cases, bool thisIsOldest = true)
    {
        var refs = Enumerable.Range(1, cases).Select(i => new OpenCaseRef(Id("500", 9100 + i), User(8), "special-service", Cases.Opened.AddMinutes(i))).ToList();
        refs.Add(new OpenCaseRef(Compliant.Id, User(8), "special-service", thisIsOldest ? Cases.Opened : Cases.Opened.AddDays(1)));
        return Org(openCases: refs);
    }

    [Fact]
    [Fires("SS-04")]
    public void SS04_AnalystOverFiveOpenCases_IsReportedOnceOnTheOldestCase()
    {
        var f = Assert.Single(Judge("SS-04", Compliant, Monday10, Backlog(5)));

        Assert.Equal(FindingKind.BacklogCap, f.Kind);
        Assert.Contains("6 chamados abertos", f.Detail, StringComparison.Ordinal);
        Assert.Empty(Judge("SS-04", Compliant, Monday10, Backlog(5, thisIsOldest: false)));
        Assert.Empty(Judge("SS-04", Compliant, Monday10, Backlog(4)));
    }

    [Fact]
    [Fires("SS-05")]
    public void SS05_AbsentAnalystOwnsOpenCase_NeedsHandoverToTheSubstitute()
    {
        var c = Compliant with { OwnerId = User(9) };

        var f = Assert.Single(Judge("SS-05", c, Monday10));

        Assert.Equal(FindingKind.HandoverNeeded, f.Kind);
        Assert.Equal([User(8), User(13)], f.Mentions);
        Assert.Empty(Judge("SS-05", c, At(2026, 3, 14, 10))); // the absence ended on the 13th
    }
}
