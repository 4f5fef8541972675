using SfBridge.Rules;
using SfBridge.Tests.Builders;
using SfBridge.Rules.Protocol;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

/// <summary>
/// The protocol rules' branches the scenario tests leave unchecked: the reasons explain states, the exact finding
/// texts, breach keys and mentions, the forms of the scheduled return, and the windows around a transfer.
/// </summary>
public sealed partial class ProtocolRuleTests
{
    /// <summary>The protocol owner (Lúcia Ferraz, who opened it) and the protocol supervisor (Carlos Menezes, mentions.csv).</summary>
    private static readonly string[] OwnerAndSupervisor = [User(10), User(4)];

    private static CaseSnapshot Closed(CaseSnapshot c) => c with { IsClosed = true, Status = "Fechado", ClosedDate = Monday10 };

    private static CaseComment Published(string text, DateTimeOffset at) => new(text, true, at, User(10));

    private static CaseComment Private(string text, DateTimeOffset at, string? by = null) => new(text, false, at, by ?? User(10));

    private const string Record = "02/03/2026 / erro reproduzido no ambiente de teste / Desenvolvimento - Rafael";

    /// <summary>Sent to development through the awaiting field at <paramref name="at"/>, with extra comments.</summary>
    private static CaseSnapshot SentToDevAt(DateTimeOffset at, params CaseComment[] comments) =>
        Compliant.WithFields((LogicalField.Awaiting, "Desenvolvimento"), (LogicalField.Executor, "Rafael Lima")) with
        {
            History = [new FieldChange("Aguardando__c", "Cliente", "Desenvolvimento", at, User(10))],
            Comments = [.. Compliant.Comments, .. comments],
        };

    /// <summary>Awaiting N2 now, with no field history telling when it was sent.</summary>
    private static CaseSnapshot TransferredWithoutHistory(string? resolution, params CaseComment[] comments) =>
        Compliant.WithFields((LogicalField.Awaiting, "N2"), (LogicalField.Executor, "Rafael Lima"), (LogicalField.Resolution, resolution)) with
        {
            Comments = [.. Compliant.Comments, .. comments],
        };

    // ---- PRO-01 ----

    [Fact]
    public void PRO01_EveryRequiredFieldEmpty_IsListedInTheSeedsOrder_AndKeyedByTheMissingLabels()
    {
        var c = Compliant.WithFields((LogicalField.Supervisor, null), (LogicalField.Occurrence, null), (LogicalField.Detail, null),
            (LogicalField.ContactChannel, null), (LogicalField.Awaiting, null), (LogicalField.Return, null)) with
        {
            AccountId = null, CreatedById = null, Status = null,
        };

        var f = Assert.Single(Judge("PRO-01", c, Monday10));

        Assert.Equal(FindingKind.MissingField, f.Kind);
        Assert.Equal("campos obrigatórios vazios: Cliente/Empresa, Supervisor, Ocorrência, Atendente - abertura, Detalhamento de ocorrência, Meio de contato, "
                     + "Status, Aguardando, Retorno", f.Detail);
        Assert.Equal($"PRO-01|{c.Id}|Cliente/Empresa+Supervisor+Ocorrência+Atendente - abertura+Detalhamento de ocorrência+Meio de contato+Status+Aguardando+Retorno",
            f.BreachKey);
        Assert.Equal(OwnerAndSupervisor, f.Mentions);
    }

    // ---- PRO-02 ----

    [Fact]
    public void PRO02_NoContactSinceOpening_SaysSo_WithTheTargetAndTheOpeningAsItsInstance()
    {
        var c = WithoutScheduledReturn with { Comments = [] };

        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 3, 18)));
        var f = Assert.Single(Judge("PRO-02", c, At(2026, 3, 3, 18, 1)));

        Assert.Equal(FindingKind.CustomerUpdateOverdue, f.Kind);
        Assert.Equal("nenhum retorno ao cliente desde a abertura em 02/03/2026 09:00; o retorno é devido ao menos a cada 1 dia útil, até o fim do expediente", f.Detail);
        Assert.Equal(At(2026, 3, 3, 18), f.DueAt);
        Assert.Equal($"PRO-02|{c.Id}|20260302T120000", f.BreachKey);
        Assert.Equal(OwnerAndSupervisor, f.Mentions);
    }

    [Fact]
    public void PRO02_TellsTheAgentWhoOpenedTheProtocol_WhoeverHoldsItNow()
    {
        // Reproduced: Lúcia opened the protocol and owes the customer the update; after the case passed to Rafael, or to the N2 queue, only
        // Rafael and the supervisor (or only the supervisor) were told.
        var c = WithoutScheduledReturn with { Comments = [] };

        Assert.Equal([User(10), User(2), User(4)], Assert.Single(Judge("PRO-02", c with { OwnerId = User(2) }, At(2026, 3, 3, 18, 1))).Mentions);
        Assert.Equal([User(10), User(4)], Assert.Single(Judge("PRO-02", c with { OwnerId = Queue("N2") }, At(2026, 3, 3, 18, 1))).Mentions);
    }

    [Fact]
    public void PRO02_AContactAtTheOpeningInstant_IsTheLastContact()
    {
        var c = WithoutScheduledReturn with { Comments = [Published("Retorno ao cliente: recebemos o chamado.", Cases.Opened)] };

        var f = Assert.Single(Judge("PRO-02", c, At(2026, 3, 3, 18, 1)));

        Assert.Equal("último retorno ao cliente em 02/03/2026 09:00; o retorno é devido ao menos a cada 1 dia útil, até o fim do expediente", f.Detail);
    }

    [Fact]
    public void PRO02_AContactAtTheInstantJudgedCounts_OneAfterItDoesNot()
    {
        // The compliant case's last contact is 02/03 10:00, so the daily return is due by the close of 03/03, 18:00.
        var now = At(2026, 3, 3, 18, 1);
        var justNow = WithoutScheduledReturn with { Comments = [.. Compliant.Comments, Published("Retorno: boleto em análise.", now)] };
        var later = WithoutScheduledReturn with { Comments = [.. Compliant.Comments, Published("Retorno: boleto em análise.", At(2026, 3, 3, 19))] };

        Assert.Empty(Judge("PRO-02", justNow, now));
        Assert.Equal(At(2026, 3, 3, 18), Assert.Single(Judge("PRO-02", later, now)).DueAt); // a replay at 18:01 does not see the 19:00 call
    }

    [Fact]
    public void PRO02_AScheduledReturnAhead_IsNotApplicable_AndTheCaseIsJudgedAgainWhenItsDayEnds()
    {
        Assert.Equal("o retorno ao cliente está agendado para 03/03/2026 10:00, e até o fim desse dia nada está atrasado", Reason("PRO-02", Compliant, Monday10));
        Assert.Equal(At(2026, 3, 4, 0).AddMilliseconds(1), NextChange(Compliant, Monday10));
    }

    [Fact]
    public void PRO02_AScheduledReturnIsMissedOnceItsDayIsOver_WhenTheWorkerJudgesItAgain()
    {
        // As every deadline: at the end of the promised day the return is due, not missed; the worker judges again just after it.
        var c = Compliant.WithFields((LogicalField.Return, "05/03/2026 14:00"));

        Assert.Equal(At(2026, 3, 6, 0).AddMilliseconds(1), NextChange(c, At(2026, 3, 5, 13, 59)));
        Assert.Equal(At(2026, 3, 6, 0).AddMilliseconds(1), NextChange(c, At(2026, 3, 5, 14, 1)));
        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 6, 0)));
        Assert.Equal(At(2026, 3, 6, 0), Assert.Single(Judge("PRO-02", c, At(2026, 3, 6, 0).AddMilliseconds(1))).DueAt);
    }

    [Fact]
    public void PRO02_AScheduledReturnOnADayTheCaseSpentClosed_IsNotMissed_TheDailyContactJudgesTheReopenedCase()
    {
        // Reproduced: closed on the 4th, reopened on the 9th, the return promised for the 5th was reported as missed at the
        // reopening, though nobody owed news on a closed case.
        var c = Compliant.WithFields((LogicalField.Return, "05/03/2026 14:00")) with
        {
            History = [FieldChange.Status("Em Atendimento", "Fechado", At(2026, 3, 4, 10), User(10)), FieldChange.Status("Fechado", "Em Atendimento", At(2026, 3, 9, 9), User(10))],
        };

        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 9, 9, 5)));
        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 10, 18)));
        var daily = Assert.Single(Judge("PRO-02", c, At(2026, 3, 10, 18, 1))); // a contact owed each day again from the reopening
        Assert.StartsWith("nenhum retorno ao cliente desde a reabertura em 09/03/2026 09:00", daily.Detail, StringComparison.Ordinal);
        Assert.Single(Judge("PRO-02", Compliant.WithFields((LogicalField.Return, "05/03/2026 14:00")), At(2026, 3, 9, 9, 5))); // open throughout: missed
    }

    [Theory]
    [InlineData("31/12/9999")]
    [InlineData("31/12/9999 10:00")]
    [InlineData("9999-12-31T23:00:00.000+0000")]
    public void PRO02_AReturnInAYearNoReturnIsScheduledIn_IsNoDate_AndTheCaseIsStillJudged(string value)
    {
        // Reproduced: the day after 31/12/9999 does not exist; the case was set aside as bad data and none of its rules judged.
        var c = Compliant.WithFields((LogicalField.Return, value));
        var failed = new List<Exception>();

        var judged = new PolicyEngine(Scenario.Policy).JudgeEach([c], Org(), At(2026, 3, 3, 18, 1), (_, ex) => failed.Add(ex));

        Assert.Empty(failed);
        Assert.Equal(Judge("PRO-02", WithoutScheduledReturn, At(2026, 3, 3, 18, 1)).Select(f => f.DueAt), Assert.Single(judged).Findings.Where(f => f.RuleId == "PRO-02").Select(f => f.DueAt));
    }

    [Fact]
    public void PRO02_AMissedScheduledReturn_IsKeyedByThePromisedInstant()
    {
        var c = Compliant.WithFields((LogicalField.Return, "05/03/2026 14:00"));

        var f = Assert.Single(Judge("PRO-02", c, At(2026, 3, 6, 9)));

        Assert.Equal($"PRO-02|{c.Id}|return:20260305T170000", f.BreachKey);
        Assert.Equal(OwnerAndSupervisor, f.Mentions);
    }

    [Fact]
    public void PRO02_AContactAtMidnightOfThePromisedDay_KeepsThePromise_OneAMinuteBeforeDoesNot()
    {
        var c = Compliant.WithFields((LogicalField.Return, "05/03/2026 14:00"));
        CaseSnapshot ContactAt(DateTimeOffset at) => c with { Comments = [.. Compliant.Comments, Published("Retorno: o boleto foi regerado.", at)] };

        Assert.Empty(Judge("PRO-02", ContactAt(At(2026, 3, 5, 0)), At(2026, 3, 6, 0, 1)));
        Assert.Single(Judge("PRO-02", ContactAt(At(2026, 3, 4, 23, 59)), At(2026, 3, 6, 0, 1)));
    }

    [Theory]
    [InlineData("5/3/2026 14:00")]
    [InlineData("05/3/2026 14:00")]
    [InlineData("2026-03-05 14:00")]
    [InlineData("2026-03-05T17:00:00.000+0000")]
    public void PRO02_TheReturnWithATime_IsReadInEachForm(string text)
    {
        var c = Compliant.WithFields((LogicalField.Return, text));

        AssertNotJudged("PRO-02", c, At(2026, 3, 5, 13, 59), "o retorno ao cliente está agendado para 05/03/2026 14:00, e até o fim desse dia nada está atrasado");
        Assert.Empty(Judge("PRO-02", c, At(2026, 3, 5, 23, 59)));
        var f = Assert.Single(Judge("PRO-02", c, At(2026, 3, 6, 0, 1)));
        Assert.Equal("o retorno agendado para 05/03/2026 14:00 passou sem contato com o cliente", f.Detail);
        Assert.Equal(At(2026, 3, 6, 0), f.DueAt);
    }

    [Theory]
    [InlineData("05/03/2026")]
    [InlineData("5/3/2026")]
    [InlineData("2026-03-05")]
    public void PRO02_TheReturnAsADateAlone_PassesWhenThatDayEnds(string text)
    {
        var c = Compliant.WithFields((LogicalField.Return, text));

        AssertNotJudged("PRO-02", c, At(2026, 3, 5, 23, 59), "o retorno ao cliente está agendado para 05/03/2026, e até o fim desse dia nada está atrasado");
        var f = Assert.Single(Judge("PRO-02", c, At(2026, 3, 6, 0, 1)));
        Assert.Equal(FindingKind.CustomerUpdateOverdue, f.Kind);
        Assert.Equal(At(2026, 3, 6, 0), f.DueAt);
        Assert.Equal("o retorno agendado para 05/03/2026 passou sem contato com o cliente", f.Detail); // the day promised, not the midnight after it
        Assert.Equal($"PRO-02|{c.Id}|return:20260306T030000", f.BreachKey);
    }

    [Theory]
    [InlineData("Sim")]
    [InlineData("05/03/2O26")] // a letter O typed for a zero
    [InlineData("31/02/2026")]
    public void PRO02_AReturnFieldThatIsNoDate_PromisesNothing_TheDailyReturnApplies(string text)
    {
        // No contact yet: the daily return counts from the opening (Monday 09:00), due by Tuesday's close.
        var c = Compliant.WithFields((LogicalField.Return, text)) with { Comments = [] };

        AssertNotJudged("PRO-02", c, Monday10, "dentro do prazo de 1 dia útil: vence em 03/03/2026 18:00");
        Assert.Equal(At(2026, 3, 3, 18), Assert.Single(Judge("PRO-02", c, At(2026, 3, 3, 18, 1))).DueAt);
    }

    // ---- PRO-03 ----

    [Fact]
    public void PRO03_NoResolutionYet_IsNotApplicable()
    {
        var c = Compliant.WithFields((LogicalField.Resolution, null));

        AssertNotJudged("PRO-03", c, Monday10, "a resolução do protocolo ainda não foi preenchida");
    }

    [Fact]
    public void PRO03_UndatedEntries_AreNamedByTheirKeyword_AndTheFindingIsKeyedOpen()
    {
        var c = Compliant.WithFields((LogicalField.Resolution, "Análise Lúcia - log do servidor verificado\nSolução Lúcia - boleto regerado"));

        var f = Assert.Single(Judge("PRO-03", c, Monday10));

        Assert.Equal("resolução fora do padrão (sem data: Análise, Solução)", f.Detail);
        Assert.Equal($"PRO-03|{c.Id}|open", f.BreachKey);
        Assert.Equal(OwnerAndSupervisor, f.Mentions);
    }

    [Theory]
    [InlineData("Análise 02-03-2026 Lúcia - log do servidor verificado")]
    [InlineData("Análise 02.03.2026 Lúcia - log do servidor verificado")]
    [InlineData("Análise 02-03-26 Lúcia - log do servidor verificado")]
    [InlineData("Análise 2026-03-02 Lúcia - log do servidor verificado")]
    [InlineData("Análise 02/03/2026 Lúcia - log do servidor verificado")]
    public void PRO03_AnEntryDatedWithDashesOrDots_IsDated(string entry)
    {
        // Reproduced: "Análise 02-03-2026 Lúcia" was reported "sem data".
        Assert.Empty(Judge("PRO-03", Compliant.WithFields((LogicalField.Resolution, entry)), Monday10));
    }

    [Theory]
    [InlineData("Análise versão 2.5 Lúcia - log do servidor verificado")]
    [InlineData("Análise lotes 10-12 Lúcia - log do servidor verificado")]
    [InlineData("Análise telefone 9876-1122 Lúcia - log do servidor verificado")]
    [InlineData("Análise 45.12.2026 Lúcia - log do servidor verificado")]
    public void PRO03_AVersionARangeOrAPhone_IsNoDate(string entry)
    {
        Assert.Equal("resolução fora do padrão (sem data: Análise)", Assert.Single(Judge("PRO-03", Compliant.WithFields((LogicalField.Resolution, entry)), Monday10)).Detail);
    }

    [Fact]
    public void PRO03_OnAClosedProtocol_TheFindingIsKeyedClosed()
    {
        var c = Closed(Compliant);

        Assert.Equal($"PRO-03|{c.Id}|closed", Assert.Single(Judge("PRO-03", c, Monday10)).BreachKey);
    }

    [Fact]
    public void PRO03_AnEntryNamingTheN2AnalystWhoExecutedIt_StaysNamed_AfterTheExecutorIsHandedBack()
    {
        // Reproduced: "Teste 03/03/2026 Rafael reproduziu o erro" passed while Rafael was the executor; once the executor went
        // back to Lúcia and she closed the protocol, the entry was "sem o nome de quem executou".
        var resolution = "Teste 02/03/2026 Rafael reproduziu o erro em homologação\nSolução 02/03/2026 Lúcia - boleto regerado";
        var c = Closed(Compliant.WithFields((LogicalField.Resolution, resolution), (LogicalField.Executor, "Lúcia Ferraz"))) with
        {
            History =
            [
                new FieldChange("Atendente_Executor__c", null, "Rafael Lima", At(2026, 3, 2, 9, 30), User(10)),
                new FieldChange("Atendente_Executor__c", "Rafael Lima", "Lúcia Ferraz", At(2026, 3, 2, 9, 50), User(10)),
            ],
        };

        Assert.Empty(Judge("PRO-03", c, Monday10));
    }

    [Theory]
    [InlineData("Análise 02/03/2026 Lúcia - log verificado\n02/03/2026 Solução Lúcia - boleto regerado")]
    [InlineData("Análise 02/03/2026 Lúcia - log verificado\n02/03/2026 - Solução: Lúcia regerou o boleto")]
    [InlineData("Análise 02/03/2026 Lúcia - log verificado\n02/03/2026 14:20 Solução Lúcia - boleto regerado")]
    [InlineData("Análise 02/03/2026 Lúcia - log verificado\n02/03/2026 Solução Marcos - boleto regerado")]
    [InlineData("Análise 02/03/2026 Lúcia - bloco C duplicado; Teste 02/03/2026 Lúcia - ok; Solução 02/03/2026 Lúcia - orientado")] // reproduced (in review), as the next
    [InlineData("Análise 02/03/2026 Lúcia - bloco C duplicado | Solução 02/03/2026 Lúcia - orientado")]
    [InlineData("Análise 02/03/2026 Lúcia: XML verificado; teste realizado com sucesso em homologação\nSolução 02/03/2026 Lúcia")] // prose after ";" (review)
    [InlineData("Análise 02/03/2026 Lúcia\nSolução 02/03/2026 Lúcia - boleto regerado | solução paliativa até a correção")]
    public void PRO03_AnEntryWithItsDateBeforeTheKeyword_IsDatedAndCounts(string resolution)
    {
        // Reproduced: "02/03/2026 Solução Lúcia - boleto regerado" closed the protocol and was reported as "falta a entrada Solução".
        Assert.Empty(Judge("PRO-03", Closed(Compliant.WithFields((LogicalField.Resolution, resolution))), Monday10));
    }

    [Fact]
    public void PRO03_AKeywordAloneOnItsLine_IsAnEntryWithoutDateOrName()
    {
        var c = Compliant.WithFields((LogicalField.Resolution, "Análise 02/03/2026 Lúcia - log do servidor verificado\nSolução\nboleto regerado e enviado"));

        Assert.Equal("resolução fora do padrão (sem data: Solução; sem o nome de quem executou: Solução)", Assert.Single(Judge("PRO-03", c, Monday10)).Detail);
    }

    [Fact]
    public void PRO03_TheFirstNameOfSomeoneWhoWorkedOnTheCase_NamesTheExecutor()
    {
        // Rafael is neither owner, creator nor executor: the case knows him from his comment.
        var resolution = "Análise 02/03/2026 Lúcia - log do servidor verificado / Teste 02/03/2026 - boleto emitido em homologação e conferido com Rafael";
        var c = Compliant.WithFields((LogicalField.Resolution, resolution)) with
        {
            Comments = [.. Compliant.Comments, Private("Boleto reproduzido em homologação.", Cases.Opened.AddMinutes(30), User(2))],
        };

        Assert.Empty(Judge("PRO-03", c, Monday10));
        Assert.Single(Judge("PRO-03", c with { Comments = Compliant.Comments }, Monday10)); // nobody named Rafael on the case
    }

    [Fact]
    public void PRO03_AThreeLetterFirstName_NamesTheExecutor()
    {
        var c = Compliant.WithFields((LogicalField.Executor, "Ana Souza"),
            (LogicalField.Resolution, "Análise 02/03/2026 Lúcia - log do servidor verificado / Teste 02/03/2026 - boleto emitido e conferido com Ana"));

        Assert.Empty(Judge("PRO-03", c, Monday10));
    }

    [Theory]
    [InlineData("Análise 02/03/2026/ Lúcia verificou o log\nSolução 03/03/2026/ Lúcia regerou o boleto")] // the manual's "Análise Data/ … Solução Data/"
    [InlineData("Análise 02/03/2026 14:20 Lúcia - log verificado\nSolução 03/03/2026 às 09h10 - Lúcia regerou o boleto")]
    [InlineData("Análise 02/03/2026/ Lúcia - log verificado / Solução 03/03/2026 / Lúcia - boleto regerado")]
    public void PRO03_EntriesWrittenAsTheManualsTemplate_OrWithTheTime_AreDatedAndNamed(string resolution)
    {
        // Reproduced: "sem data: Análise, Solução" for the manual's own template, and "sem o nome de quem executou" when a time stood before the name.
        var c = Closed(Compliant.WithFields((LogicalField.Resolution, resolution)));

        Assert.Empty(Judge("PRO-03", c, Monday10));
    }

    [Fact]
    public void PRO03_ATimeBeforeAName_NamesSomeoneTheCaseDoesNotKnow()
    {
        Assert.True(Assert.Single(ResolutionLog.Read("Teste 02/03/2026 14:20 Marcos - erro reproduzido", [])).Named);
        Assert.False(Assert.Single(ResolutionLog.Read("Teste 02/03/2026 14:20 - erro reproduzido", [])).Named);
        Assert.False(Assert.Single(ResolutionLog.Read("Teste 02/03/2026/2027 Marcos", [])).Dated); // not a date
    }

    [Theory]
    [InlineData("02/03/2026 13:50 / erro na emissão do boleto / N2 - Carlos")]
    [InlineData("02/03 às 13h50 - erro na emissão do boleto - N2")]
    [InlineData("02/03/2026, 13:50 | erro na emissão do boleto | desenvolvimento")]
    [InlineData("Encaminhamento 02/03/2026 Lúcia / erro na emissão / Desenvolvimento")] // reproduced: the executor's name, as PRO-03 asks, made it no record
    [InlineData("02/03/2026 13:50 Lúcia Prado - erro na emissão do boleto - N2")]
    public void PRO04_ARecordWithTheTimeOfTheTransfer_IsARecord(string text) => Assert.True(TransferRecord.IsRecord(text), text);

    /// <summary>
    /// Where the "/" and "|" of a record in order may stand: in the separator before the destination or in its "p/", never in
    /// the reason or the destination. The record reader takes "none left" and "one in the separator" each by itself, so that a
    /// long line is not split every way.
    /// </summary>
    [Theory]
    [InlineData("02/03 - erro no boleto - N2", true)] // no "/" after the date's separator
    [InlineData("02/03 - erro no boleto ; N2", true)]
    [InlineData("02/03 - erro no boleto / N2", true)] // the separator before the destination is the one
    [InlineData("02/03 / erro no boleto | p/ N2", true)] // that and the destination's "p/"
    [InlineData("02/03 - erro no boleto - p/ N2", true)] // only the "p/" (read as the separator after "… - p")
    [InlineData("02/03 - erro - no - boleto - N2", true)] // a separator inside the reason
    [InlineData("02/03 - erro no boleto / N2 / Carlos", false)] // a "/" in the destination
    [InlineData("02/03 - erro no boleto - N2 /", false)] // a "/" ending the line
    [InlineData("02/03 - erro no boleto / / N2", false)] // an empty part
    [InlineData("02/03 - 123 / N2", false)] // a reason without a letter
    [InlineData("02/03 - erro no boleto -", false)] // no destination
    public void PRO04_SlashesAndBarsOfARecordInOrder(string text, bool isRecord) => Assert.Equal(isRecord, TransferRecord.IsRecord(text));

    // ---- PRO-04 ----

    [Fact]
    public void PRO04_NotTransferred_IsNotApplicable()
    {
        AssertNotJudged("PRO-04", Compliant, Cases.Opened.AddHours(4), "o protocolo não foi transferido ao N2 nem ao desenvolvimento");
    }

    [Fact]
    public void PRO04_StatusAndAwaitingChangesThatAreNoTransfer_AreNotTransfers()
    {
        var c = Compliant with
        {
            History =
            [
                FieldChange.Status("Novo", "Em Atendimento", Cases.Opened.AddMinutes(10), User(10)),
                new FieldChange("Aguardando__c", "Interno", "Cliente", Cases.Opened.AddMinutes(20), User(10)),
            ],
        };

        AssertNotJudged("PRO-04", c, Cases.Opened.AddHours(4), "o protocolo não foi transferido ao N2 nem ao desenvolvimento");
    }

    [Fact]
    public void PRO04_TransferredWithoutHistoryOrAnyRecord_IsIncomplete()
    {
        // No resolution at all, and a resolution whose blank line is no record.
        foreach (var c in new[] { TransferredWithoutHistory(null), TransferredWithoutHistory("Análise 02/03/2026 Lúcia - log verificado\n\nTeste 02/03/2026 Lúcia - erro reproduzido") })
        {
            var f = Assert.Single(Judge("PRO-04", c, Cases.Opened.AddHours(4)));

            Assert.Equal(FindingKind.CommentIncomplete, f.Kind);
            Assert.Equal("transferência sem o registro \"data / motivo / departamento ou pessoa\"", f.Detail);
            Assert.Equal($"PRO-04|{c.Id}|transfer", f.BreachKey);
            Assert.Equal(OwnerAndSupervisor, f.Mentions);
        }
    }

    [Fact]
    public void PRO04_OpenedAlreadyAwaitingN2_WithNoHistoryOfIt_HasTheWindowFromItsOpening()
    {
        // Reproduced: a protocol opened already awaiting N2 (no history row is written for a value set at creation) was reported
        // a minute after its opening; its record may be written within the window from the opening (09:00 to 11:00).
        var c = TransferredWithoutHistory(null);

        AssertNotJudged("PRO-04", c, Cases.Opened.AddMinutes(1), "o registro da transferência ainda pode ser feito até 02/03/2026 11:00");
        var f = Assert.Single(Judge("PRO-04", c, Cases.Opened.AddHours(2)));
        Assert.Equal(Cases.Opened.AddHours(2), f.DueAt);
        // Closed within the window without a record: judged at its closing, as nobody records a closed protocol.
        var closed = c with { IsClosed = true, Status = "Fechado", ClosedDate = Cases.Opened.AddMinutes(50) };
        Assert.Equal(Cases.Opened.AddMinutes(50), Assert.Single(Judge("PRO-04", closed, Cases.Opened.AddHours(1))).DueAt);
    }

    [Fact]
    public void PRO04_TransferredWithoutHistory_ARecordInACommentOrInTheResolution_Suffices()
    {
        var inComment = TransferredWithoutHistory(null, Private(Record, Cases.Opened.AddHours(2)));
        var onASecondLine = TransferredWithoutHistory(null,
            Private("Encaminhado ao desenvolvimento.\n02/03/2026 / erro na emissão do boleto / Desenvolvimento - Rafael", Cases.Opened.AddHours(2)));
        var inResolution = TransferredWithoutHistory("Análise 02/03/2026 Lúcia - log verificado / Encaminhamento 02/03/2026 / erro na emissão / Desenvolvimento");

        Assert.Empty(Judge("PRO-04", inComment, Cases.Opened.AddHours(4)));
        Assert.Empty(Judge("PRO-04", onASecondLine, Cases.Opened.AddHours(4)));
        Assert.Empty(Judge("PRO-04", inResolution, Cases.Opened.AddHours(4)));
    }

    [Fact]
    public void PRO04_WithinTheRecordWindow_Waits_AndTheCaseIsJudgedAgainWhenItCloses()
    {
        var c = SentToDevAt(Cases.Opened.AddHours(1)); // 10:00, window until 12:00
        var now = Cases.Opened.AddHours(2);

        AssertNotJudged("PRO-04", c, now, "o registro da transferência de 02/03/2026 10:00 ainda pode ser feito até 02/03/2026 12:00");
        Assert.Equal(Cases.Opened.AddHours(3), NextChange(c, now));
    }

    [Fact]
    public void PRO04_AProtocolClosedWithinTheWindowOfItsTransfer_IsJudgedAtTheClosing()
    {
        // Reproduced: sent to development at 10:00, closed at 10:50, never recorded: nothing was said, at the closing or after;
        // the same protocol left open was reported at 12:01.
        var c = SentToDevAt(At(2026, 3, 2, 10)) with { IsClosed = true, Status = "Fechado", ClosedDate = At(2026, 3, 2, 10, 50) };

        var f = Assert.Single(Judge("PRO-04", c, At(2026, 3, 2, 11)));
        Assert.Equal("a transferência de 02/03/2026 10:00 não tem o registro \"data / motivo / departamento ou pessoa\"", f.Detail);
        Assert.Equal(At(2026, 3, 2, 10, 50), f.DueAt);
        Assert.Empty(Judge("PRO-04", SentToDevAt(At(2026, 3, 2, 10), Private(Record, At(2026, 3, 2, 10, 20))) with
        {
            IsClosed = true, Status = "Fechado", ClosedDate = At(2026, 3, 2, 10, 50),
        }, At(2026, 3, 2, 11)));
    }

    [Fact]
    public void PRO04_TheTransferIsJudgedTheInstantItsWindowCloses_DueThen_KeyedByTheTransfer()
    {
        var transfer = At(2026, 3, 2, 14);
        var c = SentToDevAt(transfer);

        var f = Assert.Single(Judge("PRO-04", c, transfer.AddHours(2)));

        Assert.Equal("a transferência de 02/03/2026 14:00 não tem o registro \"data / motivo / departamento ou pessoa\"", f.Detail);
        Assert.Equal(transfer.AddHours(2), f.DueAt);
        Assert.Equal($"PRO-04|{c.Id}|20260302T170000", f.BreachKey);
        Assert.Equal(OwnerAndSupervisor, f.Mentions);
    }

    /// <summary>A protocol whose awaiting field moved as given (each by its owner), awaiting where the last move left it.</summary>
    private static CaseSnapshot Moved((string From, string To, DateTimeOffset At)[] moves, params CaseComment[] comments) =>
        Compliant.WithFields((LogicalField.Awaiting, moves[^1].To), (LogicalField.Executor, "Rafael Lima")) with
        {
            History = moves.Select(m => new FieldChange("Aguardando__c", m.From, m.To, m.At, User(10))).ToList(),
            Comments = [.. Compliant.Comments, .. comments],
        };

    /// <summary>The record of a transfer to N2 at 10:00, written at 10:05.</summary>
    private static readonly CaseComment N2Record = Private("02/03/2026 / erro reproduzido / N2 - Rafael", At(2026, 3, 2, 10, 5));

    [Fact]
    public void PRO04_ARecordedTransferThenAnotherStillInItsWindow_WaitsForTheSecondRecord()
    {
        var c = Moved([("Cliente", "N2", At(2026, 3, 2, 10)), ("N2", "Cliente", At(2026, 3, 2, 11)), ("Cliente", "Desenvolvimento", At(2026, 3, 2, 14))], N2Record);

        AssertNotJudged("PRO-04", c, At(2026, 3, 2, 15), "o registro da transferência de 02/03/2026 14:00 ainda pode ser feito até 02/03/2026 16:00");
    }

    /// <summary>Sent to N2 at 10:00 (recorded at 10:05), then on from N2 to development at 14:00.</summary>
    private static CaseSnapshot FromN2ToDev(params CaseComment[] comments) =>
        Moved([("Cliente", "N2", At(2026, 3, 2, 10)), ("N2", "Desenvolvimento", At(2026, 3, 2, 14))], [N2Record, .. comments]);

    [Fact]
    public void PRO04_FromN2OnToDevelopment_IsATransferOfItsOwn_ThatNeedsItsOwnRecord()
    {
        // Seed 003, step 4: N2 forwards to development with the forwarding written down as for the first transfer.
        var f = Assert.Single(Judge("PRO-04", FromN2ToDev(), At(2026, 3, 2, 16, 1)));

        Assert.Equal("a transferência de 02/03/2026 14:00 não tem o registro \"data / motivo / departamento ou pessoa\"", f.Detail);
        Assert.Empty(Judge("PRO-04", FromN2ToDev(Private(Record, At(2026, 3, 2, 14, 10))), At(2026, 3, 2, 16, 1)));
    }

    [Fact]
    public void PRO04_ForwardedToDevelopmentWithinTheWindowOfTheN2Transfer_NeedsItsOwnRecord_AndNamesWhoForwardedIt()
    {
        // Reproduced: Rafael (N2) forwarded the case to development at 11:30, an hour and a half after it reached N2; the move
        // was folded into the N2 transfer recorded at 10:05, and nobody was told the forwarding had no record.
        var c = Moved([("Cliente", "N2", At(2026, 3, 2, 10)), ("N2", "Desenvolvimento", At(2026, 3, 2, 11, 30))], N2Record);
        c = c with { History = [c.History[0], c.History[1] with { ById = User(2) }] };

        var f = Assert.Single(Judge("PRO-04", c, At(2026, 3, 2, 13, 31)));

        Assert.Equal("a transferência de 02/03/2026 11:30 não tem o registro \"data / motivo / departamento ou pessoa\"", f.Detail);
        Assert.Equal([User(2), .. OwnerAndSupervisor], f.Mentions);
    }

    [Theory]
    [InlineData("02-03-2026 / erro reproduzido no ambiente de teste / Desenvolvimento - Rafael")]
    [InlineData("02.03.2026 - erro reproduzido - Desenvolvimento")]
    [InlineData("2026-03-02 | erro reproduzido | Desenvolvimento")]
    [InlineData("02/03/2026; erro na emissão do boleto; Desenvolvimento")]
    [InlineData("Data: 02.03.2026; Motivo: erro na emissão; Departamento: Desenvolvimento")]
    public void PRO04_ARecordDatedAsPro03ReadsDates_IsARecord(string record)
    {
        // Reproduced: PRO-03 read "02-03-2026" as a date, PRO-04 did not, and the transfer was reported without its record.
        var transfer = At(2026, 3, 2, 14);

        Assert.Empty(Judge("PRO-04", SentToDevAt(transfer, Private(record, transfer.AddMinutes(5))), transfer.AddHours(4)));
        var inResolution = SentToDevAt(transfer).WithFields((LogicalField.Resolution, "Análise 02/03/2026 Lúcia - log verificado\nEncaminhamento " + record));
        Assert.Empty(Judge("PRO-04", inResolution, transfer.AddHours(4)));
    }

    [Fact]
    public void PRO04_BackFromDevelopmentToN2_IsNoNewTransfer()
    {
        var c = Moved([("Cliente", "Desenvolvimento", At(2026, 3, 2, 10)), ("Desenvolvimento", "N2", At(2026, 3, 2, 14))], Private(Record, At(2026, 3, 2, 10, 5)));

        Assert.Equal("nada a apontar", Reason("PRO-04", c, At(2026, 3, 2, 16, 1)));
    }

    [Fact]
    public void PRO04_ARecordedTransfer_OnceItsWindowCloses_HasNothingToPointOut()
    {
        var transfer = At(2026, 3, 2, 14);
        var c = SentToDevAt(transfer, Private(Record, transfer.AddMinutes(5)));

        Assert.Equal("nada a apontar", Reason("PRO-04", c, transfer.AddHours(2)));
    }

    [Fact]
    public void PRO04_ARecordWrittenUpToTheWindowBeforeOrAfterTheTransfer_Counts()
    {
        var transfer = At(2026, 3, 2, 14);
        var now = transfer.AddHours(4);

        Assert.Empty(Judge("PRO-04", SentToDevAt(transfer, Private(Record, transfer.AddHours(-2))), now));
        Assert.Empty(Judge("PRO-04", SentToDevAt(transfer, Private(Record, transfer.AddHours(2))), now));
        Assert.Single(Judge("PRO-04", SentToDevAt(transfer, Private(Record, transfer.AddHours(2).AddMinutes(1))), now));
    }

    [Fact]
    public void PRO04_AStatusTransferSavedWithTheAwaitingField_IsOneTransfer()
    {
        var transfer = At(2026, 3, 2, 14);
        var c = Compliant.WithFields((LogicalField.Awaiting, "N2"), (LogicalField.Executor, "Rafael Lima")) with
        {
            Status = "Aguardando N2",
            History =
            [
                FieldChange.Status("Em Atendimento", "Aguardando N2", transfer, User(10)),
                new FieldChange("Aguardando__c", "Cliente", "N2", transfer.AddMinutes(1), User(10)),
            ],
        };

        var f = Assert.Single(Judge("PRO-04", c, transfer.AddHours(4)));

        Assert.Equal("a transferência de 02/03/2026 14:00 não tem o registro \"data / motivo / departamento ou pessoa\"", f.Detail);
        Assert.Single(Judge("PRO-04", c with { History = [c.History[0], c.History[1] with { At = transfer.AddHours(2) }] }, transfer.AddHours(5))); // still within the window
    }

    /// <summary>The awaiting field set to N2 and the status to "Aguardando N2", saved together by <paramref name="by"/>.</summary>
    private static FieldChange[] SentToN2(string by, DateTimeOffset at, string fromStatus = "Em Atendimento") =>
        [new FieldChange("Aguardando__c", "Cliente", "N2", at, by), FieldChange.Status(fromStatus, "Aguardando N2", at, by)];

    /// <summary>A protocol in "Aguardando N2", its awaiting field at <paramref name="awaiting"/>, with this history and a transfer record written at <paramref name="recorded"/>.</summary>
    private static CaseSnapshot InN2(string awaiting, DateTimeOffset recorded, params FieldChange[] history) =>
        Compliant.WithFields((LogicalField.Awaiting, awaiting), (LogicalField.Executor, "Rafael Lima")) with
        {
            Status = "Aguardando N2", History = history, Comments = [.. Compliant.Comments, Private(Record, recorded)],
        };

    [Fact]
    public void PRO04_TheStatusAndTheAwaitingFieldSetHoursApart_AreOneForwarding()
    {
        // Reproduced: status "Aguardando N2" at 10:00 with its record at 10:05, the awaiting field set to N2 at 13:00: "a
        // transferência de 13:00 não tem o registro", about the forwarding already recorded.
        var c = InN2("N2", At(2026, 3, 2, 10, 5),
            FieldChange.Status("Em Atendimento", "Aguardando N2", At(2026, 3, 2, 10), User(10)),
            new FieldChange("Aguardando__c", "Cliente", "N2", At(2026, 3, 2, 13), User(10)));

        Assert.Empty(Judge("PRO-04", c, At(2026, 3, 2, 17)));
    }

    [Fact]
    public void PRO04_AForwardingToDevelopmentAfterAStatusOnlyTransfer_NeedsItsOwnRecord()
    {
        // Reproduced: status "Aguardando N2" at 10:00 with its record; Rafael set the awaiting field to Desenvolvimento at 11:00
        // without one, and the forwarding was folded into the status transfer.
        var c = InN2("Desenvolvimento", At(2026, 3, 2, 9, 55),
            FieldChange.Status("Em Atendimento", "Aguardando N2", At(2026, 3, 2, 10), User(10)),
            new FieldChange("Aguardando__c", "Cliente", "Desenvolvimento", At(2026, 3, 2, 11), User(2)));

        var f = Assert.Single(Judge("PRO-04", c, At(2026, 3, 2, 13, 1)));
        Assert.Equal("a transferência de 02/03/2026 11:00 não tem o registro \"data / motivo / departamento ou pessoa\"", f.Detail);
    }

    [Fact]
    public void PRO04_TwoRecordsForTwoTransfers_CoverBoth_WhicheverTransferEachIsNearer()
    {
        // Reproduced: N2 at 10:00 and development at 11:30, recorded at 10:50 and 11:35; the 10:50 record is nearer 11:30, was
        // given to it, and the 10:00 transfer was reported without a record.
        var c = Moved([("Cliente", "N2", At(2026, 3, 2, 10)), ("N2", "Desenvolvimento", At(2026, 3, 2, 11, 30))],
            Private("02/03/2026 / erro reproduzido / N2 - Rafael", At(2026, 3, 2, 10, 50)), Private(Record, At(2026, 3, 2, 11, 35)));

        Assert.Empty(Judge("PRO-04", c, At(2026, 3, 2, 14)));
    }

    [Fact]
    public void PRO04_ALoneRecordAfterTheSecondTransfer_IsItsRecord_AndTheFirstIsReported()
    {
        // Lúcia sent the case to N2 at 10:00 without a record; Rafael forwarded it to development at 11:30 and recorded that at 11:35.
        var c = Moved([("Cliente", "N2", At(2026, 3, 2, 10)), ("N2", "Desenvolvimento", At(2026, 3, 2, 11, 30))], Private(Record, At(2026, 3, 2, 11, 35), User(2)));
        c = c with { History = [c.History[0], c.History[1] with { ById = User(2) }] };

        var f = Assert.Single(Judge("PRO-04", c, At(2026, 3, 2, 14)));
        Assert.Equal("a transferência de 02/03/2026 10:00 não tem o registro \"data / motivo / departamento ou pessoa\"", f.Detail);
        Assert.DoesNotContain(User(2), f.Mentions);
    }

    [Fact]
    public void PRO04_SentAgainByStatus_AfterN2GaveTheCaseBack_IsANewTransfer_ThoughTheAwaitingFieldStayedAtN2()
    {
        var c = InN2("N2", At(2026, 3, 2, 9, 5), [
            .. SentToN2(User(10), At(2026, 3, 2, 9)),
            FieldChange.Status("Aguardando N2", "Em Atendimento", At(2026, 3, 2, 10), User(2)),
            FieldChange.Status("Em Atendimento", "Aguardando N2", At(2026, 3, 2, 14), User(10))]);

        var f = Assert.Single(Judge("PRO-04", c, At(2026, 3, 2, 16, 1)));
        Assert.Equal("a transferência de 02/03/2026 14:00 não tem o registro \"data / motivo / departamento ou pessoa\"", f.Detail);
    }

    [Fact]
    public void PRO04_RecordsThatCanCoverEveryTransfer_DoCoverThem()
    {
        // N2 at 10:00 recorded at 11:40, development at 11:30 recorded at 13:20: both within their windows.
        var c = Moved([("Cliente", "N2", At(2026, 3, 2, 10)), ("N2", "Desenvolvimento", At(2026, 3, 2, 11, 30))],
            Private("02/03/2026 / erro reproduzido / N2 - Rafael", At(2026, 3, 2, 11, 40)), Private(Record, At(2026, 3, 2, 13, 20)));

        Assert.Empty(Judge("PRO-04", c, At(2026, 3, 2, 16)));
    }

    [Fact]
    public void PRO04_WaitingOnTheCustomerAndBackToN2_IsNoNewTransfer()
    {
        var c = InN2("N2", At(2026, 3, 2, 9, 5), [
            .. SentToN2(User(10), At(2026, 3, 2, 9)),
            FieldChange.Status("Aguardando N2", "Aguardando Cliente", At(2026, 3, 2, 10), User(2)),
            FieldChange.Status("Aguardando Cliente", "Aguardando N2", At(2026, 3, 2, 11), User(2))]);

        Assert.Empty(Judge("PRO-04", c, At(2026, 3, 2, 16)));
    }

    [Fact]
    public void PRO04_WaitingOnTheCustomer_WithTheAwaitingFieldSetToTheCustomer_AndBackToN2_IsNoNewTransfer()
    {
        // Reproduced: N2 asked the customer, setting the status and the awaiting field to the customer; the customer answered
        // and N2 set both back: "a transferência de 03/03/2026 15:00 não tem o registro", though nothing was forwarded.
        var c = InN2("N2", At(2026, 3, 2, 10, 5), [
            .. SentToN2(User(10), At(2026, 3, 2, 10)),
            FieldChange.Status("Aguardando N2", "Aguardando Cliente", At(2026, 3, 3, 11), User(4)),
            new FieldChange("Aguardando__c", "N2", "Cliente", At(2026, 3, 3, 11), User(4)),
            .. SentToN2(User(4), At(2026, 3, 3, 15), fromStatus: "Aguardando Cliente")]);

        Assert.Empty(Judge("PRO-04", c, At(2026, 3, 3, 17)));

        // Sent on to development after the customer answered: deeper than it stood before the wait, a transfer of its own.
        var onToDevelopment = c with { History = [.. c.History, new FieldChange("Aguardando__c", "N2", "Desenvolvimento", At(2026, 3, 3, 15, 30), User(4))] };
        Assert.Equal("a transferência de 03/03/2026 15:30 não tem o registro \"data / motivo / departamento ou pessoa\"",
            Assert.Single(Judge("PRO-04", onToDevelopment, At(2026, 3, 3, 18))).Detail);
    }

    [Fact]
    public void PRO04_WaitingOnTheCustomer_ByTheAwaitingFieldAlone_AndBackToN2_IsNoNewTransfer()
    {
        // Reproduced (in review): the status left "Em Atendimento" throughout, N2 set the awaiting field to the customer at 12:00
        // and back to N2 at 13:30 when the customer answered: "a transferência de 03/03/2026 13:30 não tem o registro", naming
        // Rafael first, though nothing was forwarded.
        var c = InN2("N2", At(2026, 3, 3, 11, 25),
            new FieldChange("Aguardando__c", "Cliente", "N2", At(2026, 3, 3, 11, 20), User(10)),
            new FieldChange("Aguardando__c", "N2", "Cliente", At(2026, 3, 3, 12), User(2)),
            new FieldChange("Aguardando__c", "Cliente", "N2", At(2026, 3, 3, 13, 30), User(2))) with { Status = "Em Atendimento" };

        Assert.Empty(Judge("PRO-04", c, At(2026, 3, 3, 17)));

        // N2 gave it back by its status and set the awaiting field to the customer: the wait is N1's, and the next send to N2 a
        // forwarding of its own (reproduced in review: nothing was reported).
        var handedBack = InN2("N2", At(2026, 3, 2, 10, 5), [
            .. SentToN2(User(10), At(2026, 3, 2, 10)),
            FieldChange.Status("Aguardando N2", "Em Atendimento", At(2026, 3, 3, 9), User(2)),
            new FieldChange("Aguardando__c", "N2", "Cliente", At(2026, 3, 3, 9), User(2)),
            new FieldChange("Aguardando__c", "Cliente", "N2", At(2026, 3, 3, 14), User(10))]) with { Status = "Em Atendimento" };
        Assert.Equal("a transferência de 03/03/2026 14:00 não tem o registro \"data / motivo / departamento ou pessoa\"", Assert.Single(Judge("PRO-04", handedBack, At(2026, 3, 3, 17))).Detail);

        // Given back to N1 in between ("N1", no customer), a later send to N2 is a forwarding of its own.
        var givenBack = c with { History = [c.History[0], new FieldChange("Aguardando__c", "N2", "N1", At(2026, 3, 3, 12), User(2)), new FieldChange("Aguardando__c", "N1", "N2", At(2026, 3, 3, 13, 30), User(10))] };
        Assert.Equal("a transferência de 03/03/2026 13:30 não tem o registro \"data / motivo / departamento ou pessoa\"", Assert.Single(Judge("PRO-04", givenBack, At(2026, 3, 3, 17))).Detail);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PRO04_BackFromAWaitOnTheCustomer_ToDevelopment_IsNoNewTransfer_WhicheverChangeOfTheSaveComesFirst(bool statusFirst)
    {
        // At development, waiting on the customer from 11:00; back at 15:00 with the status and the awaiting field saved
        // together, in an order Salesforce does not promise.
        FieldChange[] back =
        [
            FieldChange.Status("Aguardando Cliente", "Aguardando N2", At(2026, 3, 3, 15), User(4)),
            new FieldChange("Aguardando__c", "Cliente", "Desenvolvimento", At(2026, 3, 3, 15), User(4)),
        ];
        var c = InN2("Desenvolvimento", At(2026, 3, 2, 10, 5),
            [
                new FieldChange("Aguardando__c", "Cliente", "Desenvolvimento", At(2026, 3, 2, 10), User(10)),
                FieldChange.Status("Em Atendimento", "Aguardando N2", At(2026, 3, 2, 10), User(10)),
                FieldChange.Status("Aguardando N2", "Aguardando Cliente", At(2026, 3, 3, 11), User(4)),
                new FieldChange("Aguardando__c", "Desenvolvimento", "Cliente", At(2026, 3, 3, 11), User(4)),
                .. statusFirst ? back : back.Reverse(),
            ]);

        Assert.Empty(Judge("PRO-04", c, At(2026, 3, 3, 17)));
    }

    [Fact]
    public void PRO04_AtTheClosing_AFieldFilledAfterItIsNoTransfer()
    {
        var c = Moved([("Cliente", "N2", At(2026, 3, 2, 10, 5))]) with { IsClosed = true, Status = "Fechado", ClosedDate = At(2026, 3, 2, 10) };

        Assert.Empty(Judge("PRO-04", c, At(2026, 3, 2, 10, 10)));
    }

    [Fact]
    public void PRO04_TwoTransfersHoursApart_EachNeedsItsOwnRecord()
    {
        var first = At(2026, 3, 2, 10);
        var second = At(2026, 3, 2, 15);
        var history = new[]
        {
            new FieldChange("Aguardando__c", "Cliente", "N2", first, User(10)),
            new FieldChange("Aguardando__c", "N2", "Cliente", first.AddHours(1), User(2)),
            new FieldChange("Aguardando__c", "Cliente", "Desenvolvimento", second, User(10)),
        };
        var c = SentToDevAt(first) with { History = history };

        Assert.Equal(
            [
                "a transferência de 02/03/2026 10:00 não tem o registro \"data / motivo / departamento ou pessoa\"",
                "a transferência de 02/03/2026 15:00 não tem o registro \"data / motivo / departamento ou pessoa\"",
            ],
            Judge("PRO-04", c, At(2026, 3, 2, 18)).Select(f => f.Detail));
        var onlyFirstRecorded = c with { Comments = [.. c.Comments, Private("02/03/2026 / boleto não gera / N2 - Carlos", first.AddMinutes(5))] };
        Assert.Equal("a transferência de 02/03/2026 15:00 não tem o registro \"data / motivo / departamento ou pessoa\"",
            Assert.Single(Judge("PRO-04", onlyFirstRecorded, At(2026, 3, 2, 18))).Detail);
    }

    // ---- PRO-05 ----

    [Fact]
    public void PRO05_ClosedWhileTheExecutorHeldIt_NamesTheExecutor_MentionsOwnerAndSupervisor()
    {
        var c = Closed(Compliant.WithFields((LogicalField.Executor, "Rafael Lima"), (LogicalField.Resolution, "Solução 02/03/2026 Lúcia")));

        var f = Assert.Single(Judge("PRO-05", c, Monday10));

        Assert.Equal("encerrado com o executor Rafael Lima; o executor devolve o protocolo ao proprietário, que encerra após o contato com o cliente", f.Detail);
        Assert.Equal($"PRO-05|{c.Id}|executor", f.BreachKey);
        Assert.Equal(OwnerAndSupervisor, f.Mentions);

        // Closed by the executor himself: the status history names him, and he is told first.
        var byRafael = c with { History = [FieldChange.Status("Em Atendimento", "Fechado", Monday10.AddMinutes(-5), User(2))] };
        Assert.Equal([User(2), .. OwnerAndSupervisor], Assert.Single(Judge("PRO-05", byRafael, Monday10)).Mentions);
    }

    [Fact]
    public void PRO05_ClosedWithoutExecutor_OrByTheOwnersFullName_IsFine()
    {
        var c = Closed(Compliant.WithFields((LogicalField.Resolution, "Solução 02/03/2026 Lúcia")));

        Assert.Empty(Judge("PRO-05", c, Monday10));
        Assert.Empty(Judge("PRO-05", c.WithFields((LogicalField.Executor, "Lúcia de Souza Ferraz")), Monday10)); // the owner, "Lúcia Ferraz", named longer
    }

    [Theory]
    [InlineData("Nenhum")]
    [InlineData("N/A")]
    [InlineData("-")]
    [InlineData("Não transferido")]
    [InlineData("sem executor")]
    [InlineData("Não houve transferência")] // reproduced (in review), as the five below
    [InlineData("Não foi transferido")]
    [InlineData("N/A - atendido no N1")]
    [InlineData("Atendido pelo N1")]
    [InlineData("N1")]
    [InlineData("Própria")] // these three reproduced in review
    [InlineData("Devolvido ao proprietário")]
    [InlineData("Devolvido para o N1")]
    public void PRO05_AnExecutorFieldThatNamesNobody_IsNoExecutor(string executor)
    {
        // Reproduced: a question closed within the call, never transferred, its executor field filled with "Nenhum": "encerrado
        // com o executor Nenhum", mentioning the agent and the supervisor.
        var c = Closed(Compliant.WithFields((LogicalField.Resolution, "Solução 02/03/2026 Lúcia"), (LogicalField.Executor, executor)));

        Assert.Empty(Judge("PRO-05", c, Monday10));
        // A name beside such a word is someone.
        Assert.Single(Judge("PRO-05", c.WithFields((LogicalField.Executor, "Nenhum - Rafael")), Monday10));
    }

    [Fact]
    public void PRO05_AnExecutorFieldHoldingAUserId_IsNamedByTheUsersName()
    {
        var c = Closed(Compliant.WithFields((LogicalField.Resolution, "Solução 02/03/2026 Lúcia"), (LogicalField.Executor, User(2))));

        Assert.StartsWith("encerrado com o executor Rafael Lima;", Assert.Single(Judge("PRO-05", c, Monday10)).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lúcia Ferraz.")]
    [InlineData("Ferraz, Lúcia")]
    [InlineData("Lúcia F.")]
    [InlineData("Lúcia (N1)")] // reproduced (in review), as the three below: "encerrado com o executor Lúcia (N1)", mentioning Lúcia
    [InlineData("Lúcia - N1")]
    [InlineData("Lúcia (própria)")]
    [InlineData("Devolvido para Lúcia")]
    public void PRO05_TheOwnersNameWrittenWithPunctuationOrAnInitial_IsTheOwner(string executor)
    {
        var c = Closed(Compliant.WithFields((LogicalField.Resolution, "Solução 02/03/2026 Lúcia"), (LogicalField.Executor, executor)));

        Assert.Empty(Judge("PRO-05", c, Monday10));
        // Someone of N2 or N3 with her first name is someone else.
        Assert.Single(Judge("PRO-05", c.WithFields((LogicalField.Executor, "Lúcia (N2)")), Monday10));
        Assert.Single(Judge("PRO-05", c.WithFields((LogicalField.Executor, "Lúcia - N3")), Monday10));
    }

    [Fact]
    public void PRO05_AnExecutorHandedBackToTheAgentWhoOpenedIt_IsHandedBack_WhoeverOwnsTheRecordNow()
    {
        // Reproduced: Lúcia opened the protocol, the N2 queue became its Salesforce owner, and the executor went back to
        // "Lúcia Ferraz" before she closed it: "encerrado com o executor Lúcia Ferraz", mentioning Lúcia.
        var c = Closed(Compliant.WithFields((LogicalField.Resolution, "Solução 02/03/2026 Lúcia"), (LogicalField.Executor, "Lúcia Ferraz"))) with { OwnerId = Queue("N2") };

        Assert.Empty(Judge("PRO-05", c, Monday10));
        Assert.Single(Judge("PRO-05", c.WithFields((LogicalField.Executor, "Rafael Lima")), Monday10));
    }

    [Fact]
    public void PRO05_AnOpenProtocolThatIsNoQuestion_IsNotApplicable_EvenWithAnExecutor()
    {
        var c = Compliant.WithFields((LogicalField.Executor, "Rafael Lima"));
        var now = Cases.Opened.AddHours(3);

        AssertNotJudged("PRO-05", c, now, "o protocolo ainda está aberto, e a ocorrência não é \"Dúvida\"");
    }

    [Fact]
    public void PRO05_AQuestionOpenOverAnHour_SaysWhenItOpened_AndTheTolerance()
    {
        var c = Compliant.WithFields((LogicalField.Occurrence, "Dúvida"));

        var f = Assert.Single(Judge("PRO-05", c, Cases.Opened.AddMinutes(61)));

        Assert.Equal(FindingKind.ClosurePending, f.Kind);
        Assert.Equal("dúvida aberta em 02/03/2026 09:00; dúvidas são encerradas ao fim da chamada (tolerância de 1 hora)", f.Detail);
        Assert.Equal(Cases.Opened.AddHours(1), f.DueAt);
        Assert.Equal($"PRO-05|{c.Id}|20260302T120000", f.BreachKey);
        Assert.Equal(OwnerAndSupervisor, f.Mentions);
    }

    // ---- PRO-06 ----

    [Fact]
    public void PRO06_ACreatorWhoIsNoSalesforceUser_IsNotJudged_AndExplainSaysWhy()
    {
        var c = Compliant with { CreatedById = null };

        AssertNotJudged("PRO-06", c, Monday10, "o protocolo não foi aberto por um usuário do Salesforce");
    }

    [Fact]
    public void PRO06_ACreatorWhoIsNotAnAgent_IsNotJudged_AndExplainSaysWhy()
    {
        var portal = new UserInfo(User(40), "Cliente Portal", null, true) { UserType = "PowerCustomerSuccess" };
        var org = Org(users: [.. SampleUsers(), portal]);
        var c = Compliant with { CreatedById = User(40) };

        AssertNotJudged("PRO-06", c, Monday10, "quem abriu o protocolo (Cliente Portal) não é um atendente", org);
    }

    [Fact]
    public void PRO06_ACreatorWhoLeft_ExplainSaysTheCreatorIsNoLongerActive()
    {
        var org = Org(users: SampleUsers().Select(u => u.Id == User(10) ? u with { IsActive = false } : u).ToList());

        Assert.Equal("quem abriu o protocolo (Lúcia Ferraz) não está mais ativo no Salesforce", Reason("PRO-06", Compliant with { OwnerId = User(2) }, Monday10, org));
    }

    [Fact]
    public void PRO06_WithoutUserData_WaitsToKnowWhetherTheCreatorIsActive()
    {
        var org = Org(users: []);
        var c = Compliant with { OwnerId = User(2) };

        AssertNotJudged("PRO-06", c, Monday10,
            $"o usuário que abriu o protocolo ({User(10)}) não está entre os usuários conhecidos, e não se sabe se ainda está ativo", org);
    }

    [Fact]
    public void PRO06_NoOwner_IsNotApplicable()
    {
        var c = Compliant with { OwnerId = null };

        AssertNotJudged("PRO-06", c, Monday10, "o protocolo não tem proprietário");
    }

    [Fact]
    public void PRO06_MovedToAQueue_NamesTheQueue_MentionsTheCreatorAndSupervisor_KeyedByTheOwner()
    {
        var c = Compliant with { OwnerId = Queue("N2") };

        var f = Assert.Single(Judge("PRO-06", c, Monday10));

        Assert.Equal("o protocolo aberto por Lúcia Ferraz está agora com N2; transferências usam o campo Atendente – Executor e o protocolo continua de quem o abriu", f.Detail);
        Assert.Equal($"PRO-06|{c.Id}|{Queue("N2")}", f.BreachKey);
        Assert.Equal(OwnerAndSupervisor, f.Mentions);
    }

    [Fact]
    public void PRO06_TakenByAnotherAgent_TellsWhoTookIt_First()
    {
        var c = Compliant with { OwnerId = User(2), History = [FieldChange.Owner(User(10), User(2), Monday10.AddMinutes(-30), User(2))] };

        Assert.Equal([User(2), .. OwnerAndSupervisor], Assert.Single(Judge("PRO-06", c, Monday10)).Mentions);
    }
}
