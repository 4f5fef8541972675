using SfBridge.Rules;
using SfBridge.Tests.Builders;
using SfBridge.Tests.Fixtures;
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
    public void SS01_ACaseClosedWithoutAResponse_IsJudgedAtItsClosing_OverIfLate_NoWarningIfInTime()
    {
        // Opened Monday 09:00 (due Tuesday 09:00). Closed Tuesday 12:00 unanswered: a breach, over (never reminded). Closed
        // Tuesday 08:00, past the warning share: nothing, where a warning on the closed case used to be raised or kept.
        CaseSnapshot Closing(DateTimeOffset at) => Unanswered with
        {
            IsClosed = true, Status = "Fechado", ClosedDate = at, History = [FieldChange.Status("Em Atendimento", "Fechado", at, User(8))],
        };
        var late = Closing(At(2026, 3, 3, 12));

        var f = Assert.Single(Judge("SS-01", late, At(2026, 3, 3, 12)));
        Assert.Equal((FindingKind.SlaBreach, At(2026, 3, 3, 9), true), (f.Kind, f.DueAt, f.Settled));
        Assert.Equal("primeira resposta ao cliente chave, que não veio antes do encerramento (prazo de 1 dia útil)", f.Detail);
        Assert.Empty(Judge("SS-01", Closing(At(2026, 3, 3, 8)), At(2026, 3, 3, 8)));
    }

    [Fact]
    public void SS01_OpenedFridayAfternoon_IsDueMonday()
    {
        var c = Unanswered with { CreatedDate = At(2026, 3, 6, 17) };

        Assert.DoesNotContain(Judge("SS-01", c, At(2026, 3, 8, 20)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 9, 17), Assert.Single(Judge("SS-01", c, At(2026, 3, 9, 17, 1))).DueAt);
    }

    [Fact]
    public void SS01_OpenedOnASaturdayOrAHoliday_HasTheNextWorkingDayWhole()
    {
        // Reproduced: opened on Saturday at 08:00, it was due on Monday at 08:00, before the team's first minute of work,
        // and breached at Monday's opening; opened on Tiradentes at 08:00, it breached at Wednesday's.
        var saturday = Unanswered with { CreatedDate = At(2026, 3, 7, 8) };
        Assert.DoesNotContain(Judge("SS-01", saturday, At(2026, 3, 9, 17, 59)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 10, 8, 30), Assert.Single(Judge("SS-01", saturday, At(2026, 3, 10, 8, 31))).DueAt);

        var tiradentes = Unanswered with { CreatedDate = At(2026, 4, 21, 8) };
        Assert.DoesNotContain(Judge("SS-01", tiradentes, At(2026, 4, 22, 17, 59)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 4, 23, 8, 30), Assert.Single(Judge("SS-01", tiradentes, At(2026, 4, 23, 8, 31))).DueAt);
    }

    [Fact]
    public void SS06_AKeyAccountCaseOpenedOnSunday_HasTwoWorkingDaysWhole()
    {
        var other = Cases.Protocol() with { AccountId = Account(1), CreatedDate = At(2026, 3, 8, 8) };

        Assert.Empty(Judge("SS-06", other, At(2026, 3, 10, 17, 59)));
        Assert.Equal(At(2026, 3, 11, 8, 30), Assert.Single(Judge("SS-06", other, At(2026, 3, 11, 8, 31))).DueAt);
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
    public void SS03_IsDueAtTheEndOfTheSeventhDayAfterTheOpeningDate()
    {
        // Opened Monday 02/03 at 09:00: "até 7 dias ... após a data de abertura" gives the whole of Monday 09/03.
        Assert.Empty(Judge("SS-03", Compliant, At(2026, 3, 9, 23, 59)));
        Assert.Empty(Judge("SS-03", Compliant, At(2026, 3, 10, 0)));
        var f = Assert.Single(Judge("SS-03", Compliant, At(2026, 3, 10, 0, 1)));
        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Equal(At(2026, 3, 10, 0), f.DueAt);
        Assert.Equal(At(2026, 3, 10, 0), f.Since);
        Assert.Equal($"SS-03|{Compliant.Id}|20260302T120000", f.BreachKey); // the opening instant, as before
        // Its post names the deadline as the end of 09/03, not as 10/03 00:00, which read as eight days.
        Assert.Contains("09/03/2026 (fim do dia)", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("10/03/2026", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SS03_StillOpenOnTheSeventhDay_AfterTheOpeningsTimeOfDay_IsNotLate()
    {
        // Reproduced: opened Monday 02/03 at 09:00 and solved Monday 09/03 at 15:00, it was accused at 09:00 that day, while
        // the manual allows the whole of 09/03.
        Assert.Empty(Judge("SS-03", Compliant, At(2026, 3, 9, 9, 1)));
        Assert.Empty(Judge("SS-03", Compliant, At(2026, 3, 9, 14, 59)));
        Assert.Equal("dentro do prazo de 7 dias: vence em 10/03/2026 00:00", Reason("SS-03", Compliant, At(2026, 3, 9, 14, 59)));
        Assert.Equal(At(2026, 3, 10, 0).AddMilliseconds(1), NextChange(Compliant, At(2026, 3, 9, 14, 59))); // judged again once it is late
    }

    [Fact]
    public void SS03_CountsDaysFromTheOpeningDate_WhateverTheTimeOfDay()
    {
        // Opened at 23:30 or at 00:10 on 02/03, the seventh day after it ends at the same midnight.
        foreach (var opened in new[] { At(2026, 3, 2, 0, 10), At(2026, 3, 2, 23, 30) })
        {
            var c = Compliant with { CreatedDate = opened };
            Assert.Equal("dentro do prazo de 7 dias: vence em 10/03/2026 00:00", Reason("SS-03", c, At(2026, 3, 3, 10)));
            Assert.Empty(Judge("SS-03", c, At(2026, 3, 10, 0)));
            Assert.Equal(At(2026, 3, 10, 0), Assert.Single(Judge("SS-03", c, At(2026, 3, 10, 0, 1))).DueAt);
        }
    }

    private static OrgContext Backlog(int cases, bool thisIsOldest = true) => Org(openCases: BacklogRefs(cases, thisIsOldest));

    private static List<OpenCaseRef> BacklogRefs(int cases, bool thisIsOldest = true)
    {
        var refs = Enumerable.Range(1, cases).Select(i => new OpenCaseRef(Id("500", 9100 + i), User(8), "special-service", Cases.Opened.AddMinutes(i), KeyAccount: true)).ToList();
        refs.Add(new OpenCaseRef(Compliant.Id, User(8), "special-service", thisIsOldest ? Cases.Opened : Cases.Opened.AddDays(1), KeyAccount: true));
        return refs;
    }

    [Fact]
    public void SS04_AnalystOverFiveOpenCases_IsReportedOnceOnTheOldestCase()
    {
        var f = Assert.Single(Judge("SS-04", Compliant, Monday10, Backlog(5)));

        Assert.Equal(FindingKind.BacklogCap, f.Kind);
        Assert.Contains("6 chamados de clientes chave em aberto", f.Detail, StringComparison.Ordinal);
        Assert.Equal([Compliant.OwnerId!, User(13)], f.Mentions); // the analyst the text names, and the supervisor
        var away = Compliant with { OwnerId = User(9) }; // Bruno, on leave from 02/03 to 13/03 (substitute Patrícia)
        var refs = Enumerable.Range(0, 6).Select(i => new OpenCaseRef(i == 0 ? away.Id : Id("500", 9300 + i), User(9), "special-service", Cases.Opened.AddDays(i == 0 ? -10 : -i), KeyAccount: true)).ToList();
        Assert.Equal([User(8), User(13)], Assert.Single(Judge("SS-04", away, Monday10, Org(openCases: refs))).Mentions);
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
    public void SS04_AnotherSectorsAgentHoldingForwardedKeyAccountCases_IsNotHeldToTheCap()
    {
        // Reproduced: six key-account cases Patrícia forwarded to Carlos Menezes (N2, outside the Special queue) made SS-04
        // tell Carlos and the Special supervisor he had "6 chamados de clientes chave em aberto; o limite diário é 5".
        var forwarded = Compliant with { OwnerId = User(4) };
        var refs = Enumerable.Range(0, 6).Select(i => new OpenCaseRef(i == 0 ? forwarded.Id : Id("500", 9400 + i), User(4), "special-service",
            Cases.Opened.AddMinutes(i), KeyAccount: true)).ToList();

        Assert.Empty(Judge("SS-04", forwarded, Monday10, Org(openCases: refs)));
        Assert.Equal("Carlos Menezes não é analista do Special (fila Special_Service): o limite de chamados é dos analistas do Special",
            Reason("SS-04", forwarded, Monday10, Org(openCases: refs)));
        Assert.Single(Judge("SS-04", Compliant, Monday10, Backlog(5))); // a Special analyst still is
    }

    [Fact]
    public void SS04_WhereTheOrgCannotSayWhoIsSpecials_EveryOwnerIsHeldToTheCap_AsBefore()
    {
        // No member of the Special queue listed, or no such queue: whether the owner is Special's cannot be told, so nobody is
        // let off (and a missing queue breaks nothing).
        var data = SampleData(openCases: BacklogRefs(5));
        var noMembers = new OrgContext(data with { Members = data.Members.Where(m => m.GroupId != Queue("Special_Service")).ToList() });
        var noQueue = new OrgContext(data with { Groups = data.Groups.Where(g => g.Id != Queue("Special_Service")).ToList() });

        Assert.Single(Judge("SS-04", Compliant, Monday10, noMembers));
        Assert.Single(Judge("SS-04", Compliant, Monday10, noQueue));
    }

    [Fact]
    public void SS05_AbsentAnalystOwnsOpenCase_NeedsHandoverToTheSubstitute()
    {
        var c = Compliant with { OwnerId = User(9) };

        var f = Assert.Single(Judge("SS-05", c, Monday10));

        Assert.Equal(FindingKind.HandoverNeeded, f.Kind);
        Assert.Equal(Severity.Breach, f.Severity);
        Assert.Equal([User(8), User(13)], f.Mentions); // the substitute and the supervisor: the analyst is away
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
        Assert.Equal(At(2026, 2, 27, 0), NextChange(c, At(2026, 2, 26, 10))); // judged again when the warning starts
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
    public void SS06_AKeyAccountCaseSpecialItselfHolds_IsWithNoOtherSector()
    {
        // Reproduced: a key-account case opened as a protocol and taken by Patrícia (Special) was "com outro setor (Patrícia Nunes)".
        var held = Cases.Protocol() with { AccountId = Account(1), OwnerId = User(8) };
        var inTheQueue = held with { OwnerId = Queue("Special_Service") };

        Assert.Empty(Judge("SS-06", held, At(2026, 3, 4, 9, 1)));
        Assert.Empty(Judge("SS-06", inTheQueue, At(2026, 3, 4, 9, 1)));
        var noMembersListed = SampleData();
        noMembersListed = noMembersListed with { Members = noMembersListed.Members.Where(m => m.GroupId != Queue("Special_Service")).ToList() };
        Assert.Empty(Judge("SS-06", inTheQueue, At(2026, 3, 4, 9, 1), new OrgContext(noMembersListed))); // its queue, whoever its members
        Assert.Equal("o caso está com o próprio Special (Patrícia Nunes), não com outro setor", Reason("SS-06", held, At(2026, 3, 4, 9, 1)));
        Assert.Single(Judge("SS-06", Cases.Protocol() with { AccountId = Account(1) }, At(2026, 3, 4, 9, 1))); // Lúcia, protocol team
    }

    [Fact]
    public void SS06_AsksTheAnalystToFollowTheCase_NotToPrioritiseAnotherSectorsWork()
    {
        // Reproduced: posted with the breach templates, the analyst was told the case "passou do prazo … Favor priorizar",
        // about work another sector holds; the manual asks the Special analyst to follow it ("monitora as demandas e apoia").
        var f = Assert.Single(Judge("SS-06", Cases.Protocol() with { AccountId = Account(1) }, At(2026, 3, 4, 9, 1)));

        Assert.StartsWith("ss6-", f.TemplateId, StringComparison.Ordinal);
        Assert.Contains("acompanhar a solução", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("priorizar", f.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("passou do prazo", f.Message, StringComparison.Ordinal);
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

    [Fact]
    public void TheClockRules_OnACaseInAStatusThatEndsIt_ThatSalesforceDoesNotFlagClosed_AccuseNothing()
    {
        // Reproduced: a key-account case set to "Fechado" (IsClosed false, as an org whose status is not marked closed has it) got SS-02 and
        // SS-03 breaches days later: its clocks ran on, and no closing judgement comes for a case Salesforce does not close.
        var late = At(2026, 3, 20, 10);
        foreach (var id in new[] { "SS-01", "SS-02", "SS-03" })
        {
            Assert.NotEmpty(Judge(id, Unanswered, late));
            Assert.Empty(Judge(id, Unanswered with { Status = "Fechado" }, late));
            Assert.Equal("o status \"Fechado\" conta como caso encerrado", Reason(id, Unanswered with { Status = "Fechado" }, late));
        }
    }

    [Fact]
    public void EveryKeyAccountRule_OnACaseWithoutAnAccount_SaysSo_AndOnAnotherAccount_SaysItIsNotAKeyAccount()
    {
        foreach (var id in new[] { "SS-01", "SS-02", "SS-03", "SS-04", "SS-06" })
        {
            var c = id == "SS-06" ? Cases.Protocol() : Compliant;
            Assert.Equal("o caso não tem conta associada", Reason(id, c with { AccountId = null }, Monday10));
            Assert.Equal("a conta do caso não é cliente chave", Reason(id, c with { AccountId = Account(3) }, Monday10));
            Assert.Empty(Judge(id, c with { AccountId = null }, At(2026, 3, 20, 10)));
        }
    }

    [Fact]
    public void AnAccountIsKey_WithMoreStoresThanTheThreshold_NotWithExactlyAsMany()
    {
        static OrgContext Stores(int count) => Org(accounts: [new AccountInfo(Account(3), "Rede Nova", false, count)]);
        var c = Unanswered with { AccountId = Account(3) };

        Assert.Empty(Judge("SS-01", c, At(2026, 3, 3, 9, 1), Stores(15))); // special.store_threshold is 15
        Assert.Single(Judge("SS-01", c, At(2026, 3, 3, 9, 1), Stores(16)));
    }

    [Fact]
    public void SS01_TheFindingSaysWhetherTheFirstResponseCameLateOrNotAtAll()
    {
        Assert.Equal("primeira resposta ao cliente chave (prazo de 1 dia útil)", Assert.Single(Judge("SS-01", Unanswered, At(2026, 3, 3, 9, 1))).Detail);
        Assert.Equal(FindingKind.SlaWarning, Assert.Single(Judge("SS-01", Unanswered, At(2026, 3, 2, 17))).Kind); // past 80% of the day, still unanswered

        var late = Compliant with { Emails = [Compliant.Emails[0] with { MessageDate = At(2026, 3, 3, 10) }] };
        var f = Assert.Single(Judge("SS-01", late, At(2026, 3, 3, 11)));
        Assert.Equal("primeira resposta ao cliente chave só em 03/03/2026 10:00 (prazo de 1 dia útil)", f.Detail);
        Assert.Equal([User(8), User(13)], f.Mentions); // the analyst and the Special supervisor
    }

    [Fact]
    public void SS01_AnsweredLateBeforeItsFirstPost_IsToldAsARecord_NotAsSomethingToPrioritise()
    {
        // Reproduced: a breach already met late was posted as "passou do prazo … Favor priorizar", a call to act on what was done.
        var late = Compliant with { Emails = [Compliant.Emails[0] with { MessageDate = At(2026, 3, 3, 10) }] };
        var unanswered = Assert.Single(Judge("SS-01", Unanswered, At(2026, 3, 3, 11)));

        var f = Assert.Single(Judge("SS-01", late, At(2026, 3, 3, 11)));

        Assert.True(f.Settled);
        Assert.StartsWith("late-", f.TemplateId, StringComparison.Ordinal);
        Assert.Contains("o prazo de 03/03/2026 09:00", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("priorizar", f.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("sla-", unanswered.TemplateId, StringComparison.Ordinal); // still open: the alert asks to act
        Assert.Contains("Favor priorizar", unanswered.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SS02_AndSS03_NameTheirDeadlines()
    {
        Assert.Equal("solução do chamado do cliente chave em até 2 dias úteis, sem contar a espera pelo cliente",
            Assert.Single(Judge("SS-02", Compliant, At(2026, 3, 4, 9, 1)), f => f.Kind == FindingKind.SlaBreach).Detail);
        Assert.Equal("resolução em até 7 dias após a data de abertura (02/03/2026 09:00)",
            Assert.Single(Judge("SS-03", Compliant, At(2026, 3, 10, 0, 1))).Detail);
    }

    [Fact]
    public void SS04_TheReportNamesTheAnalystAndTheCap_AndTheNextOneIsTomorrows()
    {
        var f = Assert.Single(Judge("SS-04", Compliant, Monday10, Backlog(5)));

        Assert.Equal("Patrícia Nunes tem 6 chamados de clientes chave em aberto; o limite diário é 5", f.Detail);
        Assert.Equal([User(8), User(13)], f.Mentions);
        Assert.EndsWith("|02/03/2026", f.BreachKey, StringComparison.Ordinal);
        Assert.Equal(At(2026, 3, 3, 0), NextChange(Compliant, Monday10, Backlog(5)));
    }

    [Fact]
    public void SS04_ACaseInAQueueOrWithoutOwner_IsNotCounted_AndExplainSaysWhy()
    {
        Assert.Equal("o proprietário do caso (Special Service) não é um usuário", Reason("SS-04", Compliant with { OwnerId = Queue("Special_Service") }, Monday10));
        Assert.Equal("o caso não tem proprietário", Reason("SS-04", Compliant with { OwnerId = null }, Monday10));
        Assert.Empty(Judge("SS-04", Compliant with { OwnerId = Queue("Special_Service") }, Monday10, Backlog(5)));
    }

    [Fact]
    public void SS05_TheTextsSayWhoIsAwayAndToWhomTheCaseGoes_AndEachAbsenceIsOneBreach()
    {
        var c = Compliant with { OwnerId = User(9), AccountId = Account(3) }; // any account: only SS-05 applies

        var warning = Assert.Single(Judge("SS-05", c, At(2026, 2, 27, 10)));
        Assert.Equal("Bruno Teixeira sai em 02/03/2026 (até 13/03/2026); finalizar o caso ou passá-lo para Patrícia Nunes antes da saída", warning.Detail);
        Assert.EndsWith("|20260302:warn", warning.BreachKey, StringComparison.Ordinal);

        var away = Assert.Single(Judge("SS-05", c, At(2026, 3, 13, 17))); // the last day of the absence
        Assert.Equal("Bruno Teixeira está ausente de 02/03/2026 a 13/03/2026 e ainda tem este caso; direcionar para Patrícia Nunes", away.Detail);
        Assert.EndsWith("|20260302", away.BreachKey, StringComparison.Ordinal);
        Assert.Null(away.DueAt);
    }

    [Fact]
    public void SS05_IsJudgedAgainWhenTheAbsenceStartsAndWhenItEnds()
    {
        var c = Compliant with { OwnerId = User(9), AccountId = Account(3) };
        Assert.Equal("a ausência de Bruno Teixeira começa em 02/03/2026, e o aviso para passar os casos só vale a partir de 27/02/2026", Reason("SS-05", c, At(2026, 2, 26, 10)));
        Assert.Equal(At(2026, 3, 2, 0), NextChange(c, At(2026, 2, 27, 10)));
        Assert.Equal(At(2026, 3, 14, 0), NextChange(c, Monday10));
        Assert.Equal("o caso não tem proprietário", Reason("SS-05", c with { OwnerId = null }, Monday10));
    }

    [Fact]
    public void SS05_AnAbsenceWithoutASubstitute_SendsTheCaseToTheSubstituteAnalyst_AndMentionsTheSupervisor()
    {
        var policy = SfBridge.Mappings.MappingLoader.Load(MappingsCopy.With("absences.csv", t => t.Replace(",005SB0000000008YAA,ferias,", ",,ferias,", StringComparison.Ordinal))).Policy!;

        var f = Assert.Single(new PolicyEngine(policy).Evaluate(Compliant with { OwnerId = User(9) }, Org(), Monday10), f => f.RuleId == "SS-05");

        Assert.EndsWith("direcionar para o analista substituto", f.Detail, StringComparison.Ordinal);
        Assert.Equal([User(13)], f.Mentions); // the supervisor picks one
    }

    /// <summary>The shipped absences plus Patrícia (Bruno's substitute) away from 09/03 to 20/03.</summary>
    private static PolicyEngine SubstituteAwayToo() => new(SfBridge.Mappings.MappingLoader.Load(MappingsCopy.With("absences.csv",
        t => t + "005SB0000000008YAA,2026-03-09,2026-03-20,,ferias,Férias de Patrícia Nunes\n")).Policy!);

    [Fact]
    public void SS05_ASubstituteAwayWhenTheCaseIsToGoToThem_IsNotToldToTakeIt_TheSupervisorPicksAnother()
    {
        var engine = SubstituteAwayToo();
        var c = Compliant with { OwnerId = User(9), AccountId = Account(3) };

        var f = Assert.Single(engine.Evaluate(c, Org(), At(2026, 3, 9, 10)), f => f.RuleId == "SS-05");
        Assert.Equal("Bruno Teixeira está ausente de 02/03/2026 a 13/03/2026 e ainda tem este caso; direcionar para outro analista "
            + "(Patrícia Nunes, o substituto indicado, também estará ausente de 09/03/2026 a 20/03/2026)", f.Detail);
        Assert.Equal([User(13)], f.Mentions); // the supervisor; neither the analyst nor the substitute, both away
    }

    [Fact]
    public void SS05_ASubstituteAwayOnlyLaterInTheAbsence_TakesTheCase_ToldOfTheirOwnDays()
    {
        // Reproduced: Patrícia, at work from 02/03 to 06/03 and away from 09/03, was never told to take Bruno's case (the
        // supervisor alone was), while SS-01 on the same case called her to answer it.
        var engine = SubstituteAwayToo();
        var c = Compliant with { OwnerId = User(9), AccountId = Account(3) };

        var f = Assert.Single(engine.Evaluate(c, Org(), Monday10), f => f.RuleId == "SS-05");
        Assert.Equal("Bruno Teixeira está ausente de 02/03/2026 a 13/03/2026 e ainda tem este caso; direcionar para Patrícia Nunes "
            + "(o substituto indicado, que também estará ausente de 09/03/2026 a 20/03/2026)", f.Detail);
        Assert.Equal([User(8), User(13)], f.Mentions);
        var warning = Assert.Single(engine.Evaluate(c, Org(), At(2026, 2, 27, 10)), f => f.RuleId == "SS-05");
        Assert.Contains("passá-lo para Patrícia Nunes (o substituto indicado", warning.Detail, StringComparison.Ordinal);
        Assert.Equal([User(9), User(8), User(13)], warning.Mentions); // before leaving, the analyst hands the case over
    }

    [Fact]
    public void SS05_ASubstituteAwayToday_IsPassedOver_WhateverTheOrderOfTheirAbsences()
    {
        // Patrícia's day off on 12/03 written before her leave from 02/03 to 04/03: the first row that overlapped Bruno's leave was
        // taken, and on 03/03 she was told to take the case while on leave herself.
        var engine = new PolicyEngine(SfBridge.Mappings.MappingLoader.Load(MappingsCopy.With("absences.csv", t => t.TrimEnd('\n')
            + "\n005SB0000000008YAA,2026-03-12,2026-03-12,,folga,Folga de Patrícia Nunes\n005SB0000000008YAA,2026-03-02,2026-03-04,,ferias,Férias de Patrícia Nunes\n")).Policy!);
        var c = Compliant with { OwnerId = User(9), AccountId = Account(3) };

        var onLeave = Assert.Single(engine.Evaluate(c, Org(), At(2026, 3, 3, 10)), f => f.RuleId == "SS-05");
        Assert.Contains("direcionar para outro analista (Patrícia Nunes, o substituto indicado, também estará ausente de 02/03/2026 a 04/03/2026)", onLeave.Detail, StringComparison.Ordinal);
        Assert.Equal([User(13)], onLeave.Mentions);
        var back = Assert.Single(engine.Evaluate(c, Org(), At(2026, 3, 5, 10)), f => f.RuleId == "SS-05");
        Assert.Contains("direcionar para Patrícia Nunes (o substituto indicado, que também estará ausente de 12/03/2026 a 12/03/2026)", back.Detail, StringComparison.Ordinal);
        Assert.Equal([User(8), User(13)], back.Mentions);
    }

    /// <summary>The shipped absences, Bruno's made a day off (folga) on 02/03.</summary>
    private static PolicyEngine DayOff() => new(SfBridge.Mappings.MappingLoader.Load(MappingsCopy.With("absences.csv",
        t => t.Replace("2026-03-02,2026-03-13,005SB0000000008YAA,ferias", "2026-03-02,2026-03-02,005SB0000000008YAA,folga", StringComparison.Ordinal))).Policy!);

    [Fact]
    public void SS05_BeforeADayOff_ACaseAnsweredAndWaitingOnTheCustomer_IsInOrder()
    {
        // Reproduced: every absence was read as a leave, and a case answered and waiting on the customer was a breach on the
        // analyst's day off; the manual asks, before a folga, to answer or finish the cases still open.
        var waiting = Compliant with { OwnerId = User(9), AccountId = Account(3), Status = "Aguardando Cliente", CreatedDate = At(2026, 2, 26, 9) };
        var open = waiting with { Status = "Em Atendimento" };
        var engine = DayOff();

        Assert.DoesNotContain(engine.Evaluate(waiting, Org(), At(2026, 2, 27, 10)), f => f.RuleId == "SS-05");
        Assert.DoesNotContain(engine.Evaluate(waiting, Org(), At(2026, 3, 2, 10)), f => f.RuleId == "SS-05");
        var before = Assert.Single(engine.Evaluate(open, Org(), At(2026, 2, 27, 10)), f => f.RuleId == "SS-05");
        Assert.Equal("Bruno Teixeira tem folga em 02/03/2026 (até 02/03/2026); responder ao cliente ou finalizar este caso, em aberto, antes da folga", before.Detail);
        Assert.Equal([User(9), User(13)], before.Mentions);
        var during = Assert.Single(engine.Evaluate(open, Org(), At(2026, 3, 2, 10)), f => f.RuleId == "SS-05");
        Assert.StartsWith("Bruno Teixeira está de folga de 02/03/2026 a 02/03/2026 e deixou este caso em aberto", during.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(User(9), during.Mentions);

        // Waiting on the customer when the day off began, answered by the customer during it: not left open.
        var answeredDuring = open with { History = [FieldChange.Status("Aguardando Cliente", "Em Atendimento", At(2026, 3, 2, 9), User(3))] };
        Assert.DoesNotContain(engine.Evaluate(answeredDuring, Org(), At(2026, 3, 2, 10)), f => f.RuleId == "SS-05");
        // Open when it began, moved on by someone during it: left open all the same.
        var movedDuring = open with { Status = "Novo", History = [FieldChange.Status("Em Atendimento", "Novo", At(2026, 3, 2, 9), User(3))] };
        Assert.Single(engine.Evaluate(movedDuring, Org(), At(2026, 3, 2, 10)), f => f.RuleId == "SS-05");
    }

    [Fact]
    public void SS05_ACaseThatReachedTheAnalystDuringTheDayOff_WasNotLeftOpenByThem()
    {
        // Reproduced: a case opened at 09:30 on Bruno's day off and assigned to him was "deixou este caso em aberto".
        var open = Compliant with { OwnerId = User(9), AccountId = Account(3), Status = "Em Atendimento", CreatedDate = At(2026, 2, 26, 9) };
        var engine = DayOff();
        string Reason(CaseSnapshot c) => engine.Explain(c, Org(), At(2026, 3, 2, 10)).Single(e => e.RuleId == "SS-05").Reason;

        var openedDuring = open with { CreatedDate = At(2026, 3, 2, 9, 30) };
        Assert.DoesNotContain(engine.Evaluate(openedDuring, Org(), At(2026, 3, 2, 10)), f => f.RuleId == "SS-05");
        Assert.Equal("o caso chegou a Bruno Teixeira depois do fim do expediente anterior à folga de 02/03/2026: não foi deixado em aberto", Reason(openedDuring));
        // Salesforce writes each owner change twice, a row of names (here first) and a row of ids.
        var passedDuring = open with
        {
            History = [FieldChange.Owner("Lúcia Prado", "Bruno Teixeira", At(2026, 3, 2, 9), User(3)), FieldChange.Owner(User(3), User(9), At(2026, 3, 2, 9), User(3))],
        };
        Assert.DoesNotContain(engine.Evaluate(passedDuring, Org(), At(2026, 3, 2, 10)), f => f.RuleId == "SS-05");
        // His before the day began, passed around and back to him during it: left open all the same.
        var backDuring = open with
        {
            History =
            [
                FieldChange.Owner("Bruno Teixeira", "Lúcia Prado", At(2026, 3, 2, 8), User(3)), FieldChange.Owner(User(9), User(3), At(2026, 3, 2, 8), User(3)),
                FieldChange.Owner(User(3), User(9), At(2026, 3, 2, 9), User(3)),
            ],
        };
        Assert.Single(engine.Evaluate(backDuring, Org(), At(2026, 3, 2, 10)), f => f.RuleId == "SS-05");
    }

    [Fact]
    public void SS05_WhatReachedTheAnalystAfterTheirLastShiftBeforeTheDayOff_WasNotLeftOpenByThem()
    {
        // Reproduced: a case opened at 19:30 on the Friday before Bruno's Monday day off, after Special's 18:00 close, and one
        // the customer answered at 19:00 that Friday, were both "deixou este caso em aberto" on Monday: the day off was taken
        // to begin at Monday's midnight, not when he left on Friday.
        var open = Compliant with { OwnerId = User(9), AccountId = Account(3), Status = "Em Atendimento", CreatedDate = At(2026, 2, 26, 9) };
        var engine = DayOff();
        IEnumerable<Finding> Monday(CaseSnapshot c) => engine.Evaluate(c, Org(), At(2026, 3, 2, 10)).Where(f => f.RuleId == "SS-05");

        Assert.Empty(Monday(open with { CreatedDate = At(2026, 2, 27, 19, 30) }));
        Assert.Empty(Monday(open with { History = [FieldChange.Status("Aguardando Cliente", "Em Atendimento", At(2026, 2, 27, 19), User(3))] }));
        Assert.Empty(Monday(open with
        {
            History = [FieldChange.Owner("Lúcia Prado", "Bruno Teixeira", At(2026, 2, 27, 18, 30), User(3)), FieldChange.Owner(User(3), User(9), At(2026, 2, 27, 18, 30), User(3))],
        }));
        // Before the close it was his to answer: opened at 17:30, or answered by the customer at 17:00, it was left open.
        Assert.Single(Monday(open with { CreatedDate = At(2026, 2, 27, 17, 30) }));
        Assert.Single(Monday(open with { History = [FieldChange.Status("Aguardando Cliente", "Em Atendimento", At(2026, 2, 27, 17), User(3))] }));
    }

    [Fact]
    public void AbsencesCsv_AnUnknownAbsenceType_IsOneLineNamingTheFileLineAndField()
    {
        var result = SfBridge.Mappings.MappingLoader.Load(MappingsCopy.With("absences.csv", t => t.Replace(",ferias,", ",licença,", StringComparison.Ordinal)));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("absences.csv:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("type", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("'licença' is not an absence type: ferias (leave) or folga (day off)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SS06_WhileTheAnalystAndTheirSubstituteAreBothAway_CallsTheSupervisor()
    {
        var engine = SubstituteAwayToo();
        var other = Cases.Protocol() with { AccountId = Account(2) };

        var early = Assert.Single(engine.Evaluate(other, Org(), At(2026, 3, 5, 9)), f => f.RuleId == "SS-06");
        Assert.Equal([User(8)], early.Mentions); // Patrícia is still at work on the 5th
        var both = Assert.Single(engine.Evaluate(other, Org(), At(2026, 3, 10, 9)), f => f.RuleId == "SS-06");
        Assert.Equal([User(13)], both.Mentions);
        Assert.EndsWith("(Bruno Teixeira está ausente até 13/03/2026, e Patrícia Nunes, o substituto indicado, também está ausente)", both.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SS01_ACaseOfAnAnalystOnLeave_IsTheSubstitutesToAnswer_NotTheAbsentAnalysts()
    {
        // Reproduced: a key-account case created on 02/03 and assigned to Bruno, on leave from 02/03 to 13/03, was a
        // breach of SS-01 and SS-02 mentioning Bruno, who could neither answer nor hand over a case that came after he left.
        var c = Compliant with { OwnerId = User(9), Emails = [], Comments = [], Tasks = [] };

        foreach (var f in Judge(c, At(2026, 3, 5, 10)).Where(f => f.RuleId is "SS-01" or "SS-02"))
        {
            Assert.Equal([User(8), User(13)], f.Mentions); // Patrícia Nunes, the substitute, and the supervisor
        }

        Assert.Contains(Judge(c, At(2026, 3, 5, 10)), f => f.RuleId == "SS-01");
    }

    [Fact]
    public void SS02_ACaseForwardedToAnotherSector_IsStillTheAccountsSpecialAnalystsToFollow()
    {
        // Reproduced: a key-account case moved to Carlos Menezes (N2) breached SS-02, and the alert mentioned Carlos; the
        // manual has Special follow the cases it forwards to other sectors.
        var c = Compliant with { OwnerId = User(4), AccountId = Account(1), Emails = [], Comments = [], Tasks = [] };

        var f = Assert.Single(Judge("SS-02", c, At(2026, 3, 4, 9, 1)));

        Assert.Equal([User(8), User(13)], f.Mentions); // Patrícia Nunes, the account's analyst in key_accounts.csv, and the supervisor
    }

    [Fact]
    public void SS02_ACaseForwardedToAnotherSector_OfAnAccountWithNoAnalystListed_TellsTheSupervisor_NotTheOtherSectorsAgent()
    {
        // Reproduced: a key account by its store count (no analyst in key_accounts.csv), moved to Carlos Menezes (N2),
        // breached SS-02 mentioning Carlos, whom Special does not chase.
        var org = Org(accounts: [new AccountInfo(Account(3), "Rede Média", false, 16)]);
        var c = Compliant with { OwnerId = User(4), AccountId = Account(3), Emails = [], Comments = [], Tasks = [] };

        Assert.Equal([User(13)], Assert.Single(Judge("SS-02", c, At(2026, 3, 4, 9, 1), org)).Mentions);
    }

    [Fact]
    public void SS02_ACaseForwardedToAnotherSectorsQueue_IsStillTheAccountsSpecialAnalystsToFollow()
    {
        // Reproduced: owned by the N2 queue, nobody but the supervisor was told; the account's analyst follows it.
        var c = Compliant with { OwnerId = Queue("N2"), AccountId = Account(1), Emails = [], Comments = [], Tasks = [] };

        Assert.Equal([User(8), User(13)], Assert.Single(Judge("SS-02", c, At(2026, 3, 4, 9, 1))).Mentions);
    }

    [Fact]
    public void SS06_AnAnalystWhoLeftTheCompany_WithNobodyStandingIn_LeavesTheSupervisorToBeTold()
    {
        var other = Cases.Protocol() with { AccountId = Account(1) };
        var analyst = User(8); // key_accounts.csv: Patrícia Nunes follows Rede Calçados Paulista
        var users = SampleUsers().Select(u => u.Id == analyst ? u with { IsActive = false, ManagerId = null } : u).ToList();

        var f = Assert.Single(Judge("SS-06", other, At(2026, 3, 4, 9, 1), Org(users: users)));

        Assert.Equal([User(13)], f.Mentions);
    }

    [Fact]
    public void SS06_WhileTheAccountsAnalystIsAway_BringsTheCaseToTheirSubstitute()
    {
        // Reproduced: Mercadinho's analyst Bruno is on leave from 02/03 to 13/03 (absences.csv, substitute Patrícia), and SS-06 mentioned
        // only Bruno: nobody at work was told.
        var other = Cases.Protocol() with { AccountId = Account(2) };

        var away = Assert.Single(Judge("SS-06", other, At(2026, 3, 5, 9)));
        Assert.Equal([User(8)], away.Mentions);
        Assert.EndsWith("(Bruno Teixeira está ausente até 13/03/2026)", away.Detail, StringComparison.Ordinal);
        Assert.Equal([User(9)], Assert.Single(Judge("SS-06", other, At(2026, 3, 16, 9))).Mentions); // back at work
    }

    [Fact]
    public void SS06_NamesTheAccountAndWhoHoldsTheCase_AndWithoutANamedAnalystCallsTheSupervisor()
    {
        var other = Cases.Protocol() with { AccountId = Account(1) };

        Assert.Equal("caso do cliente chave Rede Calçados Paulista com outro setor (Lúcia Ferraz) aberto há mais de 2 dias úteis; acompanhar a solução",
            Assert.Single(Judge("SS-06", other, At(2026, 3, 4, 9, 1))).Detail);

        // An account flagged key in Salesforce, unknown to key_accounts.csv and to the account list: its id stands for its name.
        var flagged = Cases.Protocol() with { AccountId = Account(4) };
        var f = Assert.Single(Judge("SS-06", flagged, At(2026, 3, 4, 9, 1), Org(accounts: [new AccountInfo(Account(4), null, true, 1)])));
        Assert.Equal($"caso do cliente chave {Account(4)} com outro setor (Lúcia Ferraz) aberto há mais de 2 dias úteis; acompanhar a solução", f.Detail);
        Assert.Equal([User(13)], f.Mentions); // no analyst named for it: the Special supervisor
    }

    [Fact]
    public void SS01_AnAnswerAtTheInstantTheCaseWasOpened_IsItsFirstResponse()
    {
        var atOnce = Compliant with { Emails = [Compliant.Emails[0] with { MessageDate = Cases.Opened }] };

        Assert.Empty(Judge("SS-01", atOnce, At(2026, 3, 3, 9, 1)));
    }
}
