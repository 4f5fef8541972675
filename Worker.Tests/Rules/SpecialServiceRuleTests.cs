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
    public void SS01_AccountWithMoreThanFifteenStores_IsAKeyAccount()
    {
        var org = Org(accounts: [new AccountInfo(Account(3), "Rede Média", false, 16)]);

        Assert.Single(Judge("SS-01", Unanswered with { AccountId = Account(3) }, At(2026, 3, 3, 9, 1), org));
    }

    [Fact]
    public void SS02_NotSolvedWithinTwoBusinessDays_IsBreached_AndWarnsBefore()
    {
        Assert.Equal(FindingKind.SlaWarning, Assert.Single(Judge("SS-02", Compliant, At(2026, 3, 3, 17))).Kind);
        Assert.Equal(At(2026, 3, 4, 9), Assert.Single(Judge("SS-02", Compliant, At(2026, 3, 4, 9, 1))).DueAt);
        Assert.Empty(Judge("SS-02", Compliant with { IsClosed = true, Status = "Fechado", ClosedDate = At(2026, 3, 3, 15) }, At(2026, 3, 5, 9)));
    }

    [Fact]
    public void SS03_OpenSevenDaysAfterOpening_IsBreached()
    {
        Assert.DoesNotContain(Judge("SS-03", Compliant, At(2026, 3, 9, 9)), f => f.RuleId == "SS-03");
        Assert.Equal(FindingKind.SlaBreach, Assert.Single(Judge("SS-03", Compliant, At(2026, 3, 9, 9, 1))).Kind);
    }

    private static OrgContext Backlog(int cases, bool thisIsOldest = true)
    {
        var refs = Enumerable.Range(1, cases).Select(i => new OpenCaseRef(Id("500", 9100 + i), User(8), "special-service", Cases.Opened.AddMinutes(i), KeyAccount: true)).ToList();
        refs.Add(new OpenCaseRef(Compliant.Id, User(8), "special-service", thisIsOldest ? Cases.Opened : Cases.Opened.AddDays(1), KeyAccount: true));
        return Org(openCases: refs);
    }

    [Fact]
    public void SS04_AnalystOverFiveOpenCases_IsReportedOnceOnTheOldestCase()
    {
        var f = Assert.Single(Judge("SS-04", Compliant, Monday10, Backlog(5)));

        Assert.Equal(FindingKind.BacklogCap, f.Kind);
        Assert.Contains("6 chamados de clientes chave em aberto", f.Detail, StringComparison.Ordinal);
        Assert.Empty(Judge("SS-04", Compliant, Monday10, Backlog(5, thisIsOldest: false)));
        Assert.Empty(Judge("SS-04", Compliant, Monday10, Backlog(4)));
    }

    [Fact]
    public void SS04_OnlyKeyAccountCasesCount_AndAnOlderOtherCaseDoesNotSilenceIt()
    {
        // Reproduced: SS-04 counted every case of the analyst but reported only on the oldest, and only if it was a key account.
        var refs = Enumerable.Range(1, 5).Select(i => new OpenCaseRef(Id("500", 9100 + i), User(8), "special-service", Cases.Opened.AddMinutes(i), KeyAccount: true)).ToList();
        refs.Add(new OpenCaseRef(Compliant.Id, User(8), "special-service", Cases.Opened, KeyAccount: true));
        refs.Add(new OpenCaseRef(Id("500", 9199), User(8), "special-service", Cases.Opened.AddDays(-3), KeyAccount: false));

        Assert.Contains("6 chamados", Assert.Single(Judge("SS-04", Compliant, Monday10, Org(openCases: refs))).Detail, StringComparison.Ordinal);
        refs.RemoveAt(0);
        Assert.Empty(Judge("SS-04", Compliant, Monday10, Org(openCases: refs))); // 5 key-account cases and 1 other: within the cap
    }

    [Fact]
    public void SS05_AbsentAnalystOwnsOpenCase_NeedsHandoverToTheSubstitute()
    {
        var c = Compliant with { OwnerId = User(9) };

        var f = Assert.Single(Judge("SS-05", c, Monday10));

        Assert.Equal(FindingKind.HandoverNeeded, f.Kind);
        Assert.Equal(Severity.Breach, f.Severity);
        Assert.Equal([User(9), User(8), User(13)], f.Mentions); // the analyst, the substitute, the supervisor
        Assert.Empty(Judge("SS-05", c, At(2026, 3, 14, 10))); // the absence ended on the 13th
        Assert.Single(Judge("SS-05", c with { AccountId = Account(2) }, Monday10)); // a small account's case is handed over too (seed 002: "zerar os chamados")
    }

    [Fact]
    public void SS05_TheBusinessDayBeforeTheAbsence_WarnsToHandOver()
    {
        var c = Compliant with { OwnerId = User(9) };

        Assert.Empty(Judge("SS-05", c, At(2026, 2, 26, 10))); // Thursday: two business days before
        var f = Assert.Single(Judge("SS-05", c, At(2026, 2, 27, 10))); // Friday, the last business day before Monday 2 March
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.StartsWith("Bruno Teixeira sai em 02/03/2026", f.Detail, StringComparison.Ordinal);
        Assert.Equal(At(2026, 2, 27, 0), new PolicyEngine(Policy).Judge(c, Org(), At(2026, 2, 26, 10)).NextChange); // judged again when the warning starts
    }

    [Fact]
    public void SS06_KeyAccountCaseHandledByAnotherSector_IsBroughtToTheAccountsAnalyst()
    {
        var other = Cases.Protocol() with { AccountId = Account(1) };

        Assert.Empty(Judge("SS-06", other, At(2026, 3, 4, 9)));
        var f = Assert.Single(Judge("SS-06", other, At(2026, 3, 4, 9, 1)));
        Assert.Equal("special-service", f.Pack);
        Assert.Equal([User(8)], f.Mentions); // Patrícia Nunes, the account's analyst in key_accounts.csv
        Assert.Empty(Judge("SS-06", Compliant, At(2026, 3, 10, 9))); // a case of the Special pack itself is SS-02/SS-03's
    }

    [Fact]
    public void SS02_AwaitingTheCustomer_PausesABusinessDayTarget()
    {
        // Reproduced: the pause was ignored for business-day targets. Paused Monday 10:00 to Tuesday 10:00 (one business day).
        var c = Compliant with
        {
            History = [FieldChange.Status("Em Atendimento", "Aguardando Cliente", At(2026, 3, 2, 10)), FieldChange.Status("Aguardando Cliente", "Em Atendimento", At(2026, 3, 3, 10))],
        };

        Assert.DoesNotContain(Judge("SS-02", c, At(2026, 3, 4, 9, 1)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 5, 9), Assert.Single(Judge("SS-02", c, At(2026, 3, 5, 9, 1))).DueAt);
    }

    [Fact]
    public void SS01_TheCustomersOwnComment_IsNotAFirstResponse()
    {
        // Reproduced: a customer's own published comment counted as the analyst's first response.
        var customer = new UserInfo(User(40), "Lojista", null, true) { UserType = "CspLitePortal" };
        var c = Unanswered with { Comments = [new CaseComment("Alguém pode me ajudar?", true, Cases.Opened.AddHours(2), User(40))] };

        Assert.Single(Judge("SS-01", c, At(2026, 3, 3, 9, 1), Org(users: [.. SampleUsers(), customer])));
    }

    [Fact]
    public void ClosedCases_AreNotJudgedByTheRulesForOpenCases()
    {
        AssertJudgedOnlyWhileOpen("SS-04", Compliant, Monday10, Backlog(5));
        AssertJudgedOnlyWhileOpen("SS-05", Compliant with { OwnerId = User(9) }, Monday10);
        AssertJudgedOnlyWhileOpen("SS-06", Cases.Protocol() with { AccountId = Account(1) }, At(2026, 3, 4, 9, 1));
    }
}
