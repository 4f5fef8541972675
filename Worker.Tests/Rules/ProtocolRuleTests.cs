using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

public sealed partial class ProtocolRuleTests
{
    private static readonly CaseSnapshot Compliant = Cases.Protocol();

    [Fact]
    public void CompliantCase_HasNoFindings() => Assert.Empty(Judge(Compliant, Monday10));

    [Fact]
    public void PRO01_RequiredFieldsEmpty_AreListed()
    {
        var c = Compliant.WithFields((LogicalField.Supervisor, null), (LogicalField.Return, " ")) with { AccountId = null };

        var f = Assert.Single(Judge("PRO-01", c, Monday10));

        Assert.Equal("campos obrigatórios vazios: Cliente/Empresa, Supervisor, Retorno", f.Detail);
        Assert.Equal([User(10), User(4)], f.Mentions);
    }

    [Fact]
    public void PRO01_AnOpenProtocolsFieldsMayBeFilledDuringTheCall_AClosedOnesNot()
    {
        // Reproduced: a protocol opened at 09:00, as the manual asks, at the start of the call, was reported at 09:01 to the agent
        // still on the phone and to the supervisor, "campos obrigatórios vazios: Aguardando, Retorno".
        var c = Compliant.WithFields((LogicalField.Awaiting, null), (LogicalField.Return, null));
        var closedAt0910 = c with { IsClosed = true, Status = "Fechado", ClosedDate = Cases.Opened.AddMinutes(10) };

        Assert.Empty(Judge("PRO-01", c, Cases.Opened.AddMinutes(30)));
        Assert.Equal("o protocolo foi aberto em 02/03/2026 09:00, e os campos ainda podem ser preenchidos durante o atendimento (30 minutos)",
            Reason("PRO-01", c, Cases.Opened.AddMinutes(1)));
        Assert.Equal("campos obrigatórios vazios: Aguardando, Retorno", Assert.Single(Judge("PRO-01", c, Cases.Opened.AddMinutes(31))).Detail);
        Assert.Single(Judge("PRO-01", closedAt0910, Cases.Opened.AddMinutes(10))); // closed: judged at its closing
        // Complete when judged: explain said "dentro do prazo de 30 minutos: vence em 09:30" at 10:00.
        Assert.Equal("prazo de 30 minutos atingido em 02/03/2026 09:30; nada a apontar", Reason("PRO-01", Compliant, Cases.Opened.AddHours(1)));
    }

    [Fact]
    public void PRO01_TransferredWithoutExecutor_AndClosedWithoutResolution_AreMissing()
    {
        var transferred = Compliant.WithFields((LogicalField.Awaiting, "N2"));
        var closed = Compliant.WithFields((LogicalField.Resolution, null)) with { IsClosed = true, Status = "Fechado", ClosedDate = Monday10 };

        var executor = Assert.Single(Judge("PRO-01", transferred, Monday10));
        Assert.Equal("campos obrigatórios vazios: Atendente – Executor", executor.Detail); // the manual's en dash
        Assert.EndsWith("Atendente - Executor", executor.BreachKey, StringComparison.Ordinal); // the key it was first released with
        Assert.Contains("Resolução", Assert.Single(Judge("PRO-01", closed, Monday10)).Detail, StringComparison.Ordinal);
    }

    private static CaseSnapshot WithoutScheduledReturn => Compliant.WithFields((LogicalField.Return, "Sim"));

    [Fact]
    public void PRO02_NoCustomerContactByTheCloseOfTheNextWorkingDay_IsOverdue()
    {
        // The last contact was on Monday 02/03 at 10:00: the next is due by Tuesday's close (the protocol hours end at 18:00).
        Assert.Empty(Judge("PRO-02", WithoutScheduledReturn, At(2026, 3, 3, 10, 1)));
        Assert.Empty(Judge("PRO-02", WithoutScheduledReturn, At(2026, 3, 3, 18)));
        var f = Assert.Single(Judge("PRO-02", WithoutScheduledReturn, At(2026, 3, 3, 18, 1)));
        Assert.Equal(FindingKind.CustomerUpdateOverdue, f.Kind);
        Assert.Equal(At(2026, 3, 3, 18), f.DueAt);
        Assert.Equal(At(2026, 3, 3, 18).AddMilliseconds(1), NextChange(WithoutScheduledReturn, At(2026, 3, 3, 10, 1))); // judged again once it is late
    }

    [Fact]
    public void PRO02_OneContactEachDay_IsInTime_WhateverTheHourOfEach()
    {
        // Reproduced: a contact on Monday at 09:00 and the next on Tuesday at 16:00 were accused at Tuesday 09:00, though the
        // customer had news each day.
        var monday = WithoutScheduledReturn with { Comments = [new CaseComment("Retorno: em análise.", true, At(2026, 3, 2, 9), User(10))] };
        var tuesday = monday with { Comments = [.. monday.Comments, new CaseComment("Retorno: boleto regerado.", true, At(2026, 3, 3, 16), User(10))] };

        Assert.Empty(Judge("PRO-02", monday, At(2026, 3, 3, 9, 1)));
        Assert.Equal("dentro do prazo de 1 dia útil: vence em 03/03/2026 18:00", Reason("PRO-02", monday, At(2026, 3, 3, 15, 59)));
        Assert.Empty(Judge("PRO-02", tuesday, At(2026, 3, 3, 16, 1)));
        Assert.Empty(Judge("PRO-02", tuesday, At(2026, 3, 4, 18)));
        Assert.Equal(At(2026, 3, 4, 18), Assert.Single(Judge("PRO-02", tuesday, At(2026, 3, 4, 18, 1))).DueAt); // and then by Wednesday's close
    }

    [Fact]
    public void PRO02_LastContactOnFriday_IsDueAtMondaysClose()
    {
        var c = WithoutScheduledReturn with { Comments = [new CaseComment("Retorno: em análise.", true, At(2026, 3, 6, 10), User(10))] };

        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 7, 11)));
        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 9, 18)));
        Assert.Equal(At(2026, 3, 9, 18), Assert.Single(Judge("PRO-02", c, At(2026, 3, 9, 18, 1))).DueAt);
    }

    [Fact]
    public void PRO02_LastContactBeforeAHoliday_IsDueAtTheCloseOfTheNextWorkingDay()
    {
        // Thursday 02/04/2026; Friday 03/04 is Sexta-feira Santa, a national holiday of the protocol calendar.
        var c = WithoutScheduledReturn with { CreatedDate = At(2026, 4, 1, 9), Comments = [new CaseComment("Retorno: em análise.", true, At(2026, 4, 2, 10), User(10))] };

        Assert.Empty(Judge("PRO-02", c, At(2026, 4, 6, 18)));
        Assert.Equal(At(2026, 4, 6, 18), Assert.Single(Judge("PRO-02", c, At(2026, 4, 6, 18, 1))).DueAt);
    }

    [Fact]
    public void PRO02_ScheduledReturnAhead_IsNotLate_MissedOnceItsDayEndsWithoutContact()
    {
        var c = Compliant.WithFields((LogicalField.Return, "05/03/2026 14:00"));

        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 4, 18))); // two days without contact, but the return was agreed for the 5th
        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 5, 23, 59))); // a contact any time that day keeps it
        var f = Assert.Single(Judge("PRO-02", c, At(2026, 3, 6, 0, 1)));
        Assert.Equal("o retorno agendado para 05/03/2026 14:00 passou sem contato com o cliente", f.Detail);
        Assert.Equal(At(2026, 3, 6, 0), f.DueAt);
    }

    [Fact]
    public void PRO02_AScheduledReturnKeptLaterThatDay_IsNotAccused()
    {
        // Reproduced: a return scheduled for 05/03 at 14:00 and made at 16:00 that day was accused at 14:00.
        var c = Compliant.WithFields((LogicalField.Return, "05/03/2026 14:00"));
        var keptAt16 = c with { Comments = [.. Compliant.Comments, new CaseComment("Retorno: certificado liberado.", true, At(2026, 3, 5, 16), User(10))] };
        var keptAt20 = c with { Comments = [.. Compliant.Comments, new CaseComment("Retorno: certificado liberado.", true, At(2026, 3, 5, 20), User(10))] };

        AssertNotJudged("PRO-02", c, At(2026, 3, 5, 14, 1), "o retorno ao cliente está agendado para 05/03/2026 14:00, e até o fim desse dia nada está atrasado");
        Assert.Empty(Judge("PRO-02", keptAt16, At(2026, 3, 5, 16, 1)));
        Assert.Empty(Judge("PRO-02", keptAt16, At(2026, 3, 6, 0, 1)));
        Assert.Equal(At(2026, 3, 6, 18), Assert.Single(Judge("PRO-02", keptAt16, At(2026, 3, 6, 18, 1))).DueAt); // then once a day again
        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 5, 19, 59))); // after the protocol hours, still that day
        Assert.Empty(Judge("PRO-02", keptAt20, At(2026, 3, 6, 0, 1)));
    }

    [Fact]
    public void PRO02_ADateAloneIsKeptByAnyContactThatDay_AndPassesWhenTheDayEnds()
    {
        // Reproduced: a return promised for "05/03/2026" and made at 10:00 that day was reported as missed at midnight.
        var promised = Compliant.WithFields((LogicalField.Return, "05/03/2026"));
        var kept = promised with { Comments = [.. Compliant.Comments, new CaseComment("Retorno: certificado liberado.", true, At(2026, 3, 5, 10), User(10))] };

        Assert.Empty(Judge("PRO-02", promised, At(2026, 3, 5, 23, 59)));
        Assert.Equal(At(2026, 3, 6, 0), Assert.Single(Judge("PRO-02", promised, At(2026, 3, 6, 0, 1))).DueAt);
        Assert.Empty(Judge("PRO-02", kept, At(2026, 3, 6, 0, 1)));
    }

    [Fact]
    public void PRO02_TheCustomersOwnComment_IsNotAContact()
    {
        // Reproduced: a customer's published comment reset the clock. The portal user is not an internal user.
        var customer = new UserInfo(User(40), "Cliente Portal", null, true) { UserType = "PowerCustomerSuccess" };
        var c = WithoutScheduledReturn with { Comments = [.. Compliant.Comments, new CaseComment("Alguma novidade?", true, At(2026, 3, 3, 9), User(40))] };

        Assert.Equal(At(2026, 3, 3, 18), Assert.Single(Judge("PRO-02", c, At(2026, 3, 3, 18, 1), Org(users: [.. SampleUsers(), customer]))).DueAt);
    }

    [Fact]
    public void PRO02_ALoggedCall_IsAContact()
    {
        var c = WithoutScheduledReturn with { Tasks = [new CaseTask("Call", true, At(2026, 3, 3, 9), User(10))] };

        Assert.Single(Judge("PRO-02", WithoutScheduledReturn, At(2026, 3, 4, 9)));
        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 4, 9)));
    }

    [Fact]
    public void PRO03_UndatedOrUnnamedResolutionEntries_AreIncomplete()
    {
        var c = Compliant.WithFields((LogicalField.Resolution, "Análise 02/03/2026 Lúcia - log ok / Teste - emitido boleto de teste / Encaminhamento 02/03/2026 - enviado ao N2"));

        var f = Assert.Single(Judge("PRO-03", c, Monday10));

        Assert.Equal(FindingKind.CommentIncomplete, f.Kind);
        // A forwarding names where it went, not who executed it (seed 003's "Data/motivo/departamento ou pessoa encaminhada").
        Assert.Equal("resolução fora do padrão (sem data: Teste; sem o nome de quem executou: Teste)", f.Detail);
    }

    [Fact]
    public void PRO03_TestInProse_IsNotAnEntry() =>
        Assert.Empty(Judge("PRO-03", Compliant.WithFields((LogicalField.Resolution, "Análise 02/03/2026 Lúcia - reproduzido no ambiente de teste, sem erro.")), Monday10));

    [Fact]
    public void PRO03_ClosedWithoutDatedSolution_IsIncomplete()
    {
        var c = Compliant with { IsClosed = true, Status = "Fechado", ClosedDate = Monday10 };

        Assert.Contains("Solução dd/mm/aaaa", Assert.Single(Judge("PRO-03", c, Monday10)).Detail, StringComparison.Ordinal);
        Assert.Empty(Judge("PRO-03", c.WithFields((LogicalField.Resolution, "Análise 02/03/2026 Lúcia / Solução 02/03/2026 Lúcia - boleto regerado")), Monday10));
    }

    private static CaseSnapshot SentToDev(params CaseComment[] comments) => SentToDevAt(Cases.Opened.AddHours(1), comments);

    [Fact]
    public void PRO04_TransferWithoutItsRecord_IsIncomplete()
    {
        var f = Assert.Single(Judge("PRO-04", SentToDev(), Cases.Opened.AddHours(4)));

        Assert.Equal(FindingKind.CommentIncomplete, f.Kind);
        Assert.Equal("a transferência de 02/03/2026 10:00 não tem o registro \"data / motivo / departamento ou pessoa\"", f.Detail);
    }

    [Fact]
    public void PRO04_RecordWrittenAtTheTransfer_IsFine_AnOldRecordDoesNotCoverANewTransfer()
    {
        var record = new CaseComment("02/03/2026 / erro reproduzido no ambiente de teste / Desenvolvimento - Rafael", false, Cases.Opened.AddHours(1).AddMinutes(5), User(10));
        var old = new CaseComment("01/03/2026 / primeira análise / N2 - Carlos", false, Cases.Opened.AddHours(-20), User(10));

        Assert.Empty(Judge("PRO-04", SentToDev(record), Cases.Opened.AddHours(4)));
        Assert.Single(Judge("PRO-04", SentToDev(old), Cases.Opened.AddHours(4)));
    }

    [Theory]
    [InlineData("Análise 01/03/2026 Lúcia / Encaminhamento 02/03/2026 / erro na emissão / Desenvolvimento")]
    [InlineData("Análise 01/03/2026 Lúcia; Encaminhamento 02/03/2026 / erro na emissão / Desenvolvimento")] // reproduced (in review), as the next
    [InlineData("Análise 01/03/2026 Lúcia | Encaminhamento 02/03/2026 / erro na emissão / Desenvolvimento")]
    [InlineData("Análise 01/03/2026 Lúcia\n02/03/2026; teste de emissão falhou; Desenvolvimento")] // a record's own parts apart by ";" (review)
    [InlineData("Análise 01/03/2026 Lúcia\nEncaminhamento 02/03/2026; análise do código necessária; Desenvolvimento")]
    public void PRO04_ARecordInTheResolutionField_IsReadEntryByEntry(string resolution)
    {
        // Reproduced: two dated entries on one line; the line's first date (the analysis) hid the transfer record's.

        Assert.Empty(Judge("PRO-04", SentToDev().WithFields((LogicalField.Resolution, resolution)), Cases.Opened.AddHours(4)));
        Assert.Single(Judge("PRO-04", SentToDev().WithFields((LogicalField.Resolution, "Análise 01/03/2026 Lúcia / Encaminhamento 01/03/2026 / erro na emissão / Desenvolvimento")),
            Cases.Opened.AddHours(4)));
    }

    [Fact]
    public void PRO05_ClosedWhileTheExecutorStillHoldsIt_IsClosurePending()
    {
        var c = Compliant.WithFields((LogicalField.Executor, "Rafael Lima"), (LogicalField.Resolution, "Solução 02/03/2026 Lúcia")) with
        {
            IsClosed = true, Status = "Fechado", ClosedDate = Monday10,
        };

        Assert.Equal(FindingKind.ClosurePending, Assert.Single(Judge("PRO-05", c, Monday10)).Kind);
        Assert.Empty(Judge("PRO-05", c.WithFields((LogicalField.Executor, "Lúcia Ferraz")), Monday10));
        Assert.Empty(Judge("PRO-05", c.WithFields((LogicalField.Executor, "lucia")), Monday10)); // the owner by her first name
        Assert.Single(Judge("PRO-05", c.WithFields((LogicalField.Executor, "Lúcia Andrade")), Monday10)); // someone else
    }

    [Fact]
    public void PRO05_QuestionOpenOverAnHour_IsClosurePending()
    {
        var c = Compliant.WithFields((LogicalField.Occurrence, "Duvida"));

        Assert.Empty(Judge("PRO-05", c, Cases.Opened.AddMinutes(60)));
        Assert.Single(Judge("PRO-05", c, Cases.Opened.AddMinutes(61)));
    }

    [Fact]
    public void PRO06_OwnerIsNoLongerTheCreator_IsInvalidEscalation()
    {
        var f = Assert.Single(Judge("PRO-06", Compliant with { OwnerId = User(2) }, Monday10));

        Assert.Equal(FindingKind.InvalidEscalation, f.Kind);
        Assert.StartsWith("o protocolo aberto por Lúcia Ferraz está agora com Rafael Lima", f.Detail, StringComparison.Ordinal);
        Assert.Equal([User(10), User(4)], f.Mentions);
    }

    [Fact]
    public void PRO06_ACreatorWhoLeft_DoesNotKeepTheProtocol()
    {
        var users = SampleUsers().Select(u => u.Id == User(10) ? u with { IsActive = false } : u).ToList();

        Assert.Empty(Judge("PRO-06", Compliant with { OwnerId = User(2) }, Monday10, Org(users: users)));
    }

    [Fact]
    public void ClosedCases_AreNotJudgedByTheRulesForOpenCases()
    {
        AssertJudgedOnlyWhileOpen("PRO-02", WithoutScheduledReturn, At(2026, 3, 3, 18, 1));
        AssertJudgedOnlyWhileOpen("PRO-06", Compliant with { OwnerId = User(2) }, Monday10);
    }
}
