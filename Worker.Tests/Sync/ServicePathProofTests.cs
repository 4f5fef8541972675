using System.Text.Json.Nodes;
using SfBridge.Tests.Fixtures;
using static SfBridge.Tests.Sync.ServicePath;
using static SfBridge.Tests.Sync.ServicePathTests;

namespace SfBridge.Tests.Sync;

/// <summary>
/// Rule fixes proven on the path production takes, beyond the engine: each case is held by the Salesforce emulator as an
/// org holds it, synced into the state store by the worker's cycle, judged by the sweep, and its alert posted to the
/// case feed. Each scenario is the one the fix is about, beside the one where the rule must stay quiet.
/// </summary>
public sealed class ServicePathProofTests
{
    private const string Solution = "Agenda liberada na AR.";

    /// <summary>
    /// A GSO case on its first trip to GSO on Monday: routed from Supervisor EPS to GSO at 08:20, accepted in Omni-Channel by
    /// Rafael Lima (GSO analyst) at 08:30, commented by him at 08:40 and returned as "Concluído III" to Marina Costa (or
    /// <paramref name="returnedTo"/>) at 08:50.
    /// </summary>
    private static string ReturnedOnce(ServicePath s) => ReturnedOnce(s, User(1));

    private static string ReturnedOnce(ServicePath s, string returnedTo)
    {
        var id = AcceptedByRafael(s, returnedTo);
        s.Comment(id, "GAR consultado; agenda aberta com a AR.", false, Local(2, 8, 40), User(2));
        s.FieldChange(id, "Status", "Em Atendimento", "Concluído III", Local(2, 8, 50), User(2)).OwnerChange(id, User(2), returnedTo, Local(2, 8, 50), User(2));
        return id;
    }

    /// <summary>
    /// A GSO case routed from Supervisor EPS to GSO at 08:20 and accepted in Omni-Channel by Rafael Lima at 08:30, stored as it
    /// stands once returned as "Concluído III" to <paramref name="heldBy"/> (what happened between is the caller's).
    /// </summary>
    private static string AcceptedByRafael(ServicePath s, string heldBy)
    {
        var id = InGso(s, c =>
        {
            c["OwnerId"] = heldBy;
            c["Status"] = "Concluído III";
            c["Solucao_Nivel_3__c"] = Solution;
        });
        s.AgentWork(id, Queues.Gso, User(2), "Opened", Local(2, 8, 20), Local(2, 8, 30)).OwnerChange(id, Queues.Gso, User(2), Local(2, 8, 30), User(2));
        return id;
    }

    /// <summary>Marina Costa escalates the returned case to GSO again on Tuesday at 09:00.</summary>
    private static void EscalatedAgain(ServicePath s, string id)
    {
        s.OwnerChange(id, User(1), Queues.Gso, Local(3, 9), User(1)).FieldChange(id, "Status", "Concluído III", "Em Atendimento", Local(3, 9), User(1));
        s.Update(id, new JsonObject { ["OwnerId"] = Queues.Gso, ["Status"] = "Em Atendimento" });
    }

    /// <summary><paramref name="userId"/> accepts the case's work from the GSO queue in Omni-Channel at <paramref name="at"/>; the case becomes theirs.</summary>
    private static void AcceptedFromGso(ServicePath s, string id, string userId, DateTimeOffset offered, DateTimeOffset at)
    {
        s.AgentWork(id, Queues.Gso, userId, "Opened", offered, at).OwnerChange(id, Queues.Gso, userId, at, userId);
        s.Update(id, new JsonObject { ["OwnerId"] = userId });
    }

    [Theory]
    [InlineData(90, 1, "roteado à fila GSO em 03/03/2026 09:00 e aceito no Omni-Channel só em 03/03/2026 10:30")]
    [InlineData(30, 0, null)]
    [InlineData(null, 1, "aguardando aceite no Omni-Channel na fila GSO desde 03/03/2026 09:00")]
    public async Task GSO04_ASecondEscalationAfterAReturn_IsTimedAgain_OnTheServicePath(int? acceptedAfterMinutes, int expected, string? detail)
    {
        // Accepted in 10 minutes on Monday and returned; escalated again on Tuesday at 09:00 (due 10:00). Monday's acceptance
        // stood for every later stay in the queue, and a second escalation nobody took up in time went unreported.
        var run = await RunAsync(new Scenario(ReturnedOnce, Local(3, 11), Then: (s, id) =>
        {
            EscalatedAgain(s, id);
            if (acceptedAfterMinutes is { } minutes)
            {
                AcceptedFromGso(s, id, User(2), Local(3, 9), Local(3, 9).AddMinutes(minutes));
            }
        }), "GSO-04");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        Assert.Equal(detail is null ? [] : [detail], run.Details);
    }

    /// <summary>
    /// The case <see cref="ReturnedOnce"/> escalated again on Tuesday, accepted from the GSO queue at 09:30 by
    /// <paramref name="acceptedBy"/>, commented internally on Wednesday at 10:00 by <paramref name="commentedBy"/> (null: no
    /// comment on this trip), and returned by Rafael Lima on Wednesday at 11:00 to Marina Costa; judged at 11:30.
    /// </summary>
    private static Scenario ReturnedTwice(string acceptedBy, string? commentedBy) => new(ReturnedOnce, Local(4, 11, 30), Then: (s, id) =>
    {
        EscalatedAgain(s, id);
        AcceptedFromGso(s, id, acceptedBy, Local(3, 9), Local(3, 9, 30));
        if (commentedBy is not null)
        {
            s.Comment(id, "Nova consulta ao GAR; AR acionada outra vez.", false, Local(4, 10), commentedBy);
        }

        s.FieldChange(id, "Status", "Em Atendimento", "Concluído III", Local(4, 11), User(2)).OwnerChange(id, acceptedBy, User(1), Local(4, 11), User(2));
        s.Update(id, new JsonObject { ["OwnerId"] = User(1), ["Status"] = "Concluído III" });
    });

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task GSO07_EachTripToGso_NeedsAnInternalCommentOfItsOwn_OnTheServicePath(bool commentedAgain, int expected)
    {
        // GSO commented on Monday's trip only; the Monday comment covered Wednesday's return too.
        var run = await RunAsync(ReturnedTwice(User(2), commentedAgain ? User(2) : null), "GSO-07");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        Assert.Equal(expected == 0 ? [] : ["devolvido como Concluído III sem um comentário interno da equipe GSO"], run.Details);
        // GSO's omission tells GSO (Rafael Lima returned it), not Marina Costa, the supervisor the case went back to.
        Assert.Equal(expected == 0 ? [] : [User(2)], run.PostMentionIds);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task GSO07_TheCommentOfWhoeverAcceptedTheCaseFromGso_Counts_OnTheServicePath(bool commenterAccepted, int expected)
    {
        // Eduardo Santos, GSO's manager and no member of the GSO queue, comments on the second trip. It is GSO's comment when he
        // accepted the case from the queue in Omni-Channel; when Rafael Lima did, and also returned it, it is not.
        var run = await RunAsync(ReturnedTwice(commenterAccepted ? User(13) : User(2), User(13)), "GSO-07");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        Assert.Equal(expected == 0 ? [] : ["devolvido como Concluído III sem um comentário interno da equipe GSO"], run.Details);
    }

    [Theory]
    [InlineData("INC0048213", 11)] // the V8 desk's incident: its on-call contact, Rodrigo Calil, as seed 004 names him
    [InlineData("CHG0007781", 12)] // another team's: the CMC coordination, who reads the escalation spreadsheet
    public async Task BIL03_AfterHours_PagesTheV8DesksOnCallContactOnlyForTheV8DesksIncidents_OnTheServicePath(string incident, int paged)
    {
        // Reproduced: the default row of the matrix paged Rodrigo Calil for every incident that was not the V8 desk's.
        var run = await RunAsync(new Scenario(s => Billing(s, Local(2, 21), c => c["Numero_Incidente__c"] = incident), Local(2, 21, 45), Start: Local(2, 21, 1)),
            "BIL-03");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal([User(paged)], run.MentionIds);
    }

    [Theory]
    [InlineData(40, 0)] // handed to the Supervisor EPS queue in the save that returned it (08:40): the return's notice
    [InlineData(50, 1)] // sent there ten minutes after the return: escalated again, an acceptance to make within 2 business hours
    public async Task GSO04Eps_AReturnHandedToTheQueueInItsOwnSave_IsNoEscalationToAccept_OnTheServicePath(int minute, int expected)
    {
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Returned(s);
            s.OwnerChange(id, User(1), Queues.Eps, Local(2, 8, minute), User(2));
            s.Update(id, new JsonObject { ["OwnerId"] = Queues.Eps });
            return id;
        }, Local(2, 11, 30)), "GSO-04-EPS");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData(13, 0)] // Eduardo, GSO's manager and no member of its queue, held the case for GSO and wrote the comment
    [InlineData(3, 1)] // Juliana (N1) wrote it: not GSO's
    public async Task GSO07_ACommentByWhoeverHeldTheCaseForGso_IsGsos_OnTheServicePath(int author, int expected)
    {
        var run = await RunAsync(new Scenario(s =>
        {
            var id = InGso(s, c => { c["Status"] = "Concluído III"; c["OwnerId"] = User(1); c["Solucao_Nivel_3__c"] = "Agenda liberada."; });
            s.OwnerChange(id, Queues.Gso, User(13), Local(2, 8, 25), User(13)).OwnerChange(id, User(13), User(2), Local(2, 8, 35), User(13))
                .Comment(id, "Análise: AR contatada, agenda liberada.", false, Local(2, 8, 30), User(author))
                .FieldChange(id, "Status", "Em Atendimento", "Concluído III", Local(2, 8, 40), User(2));
            return id;
        }, Local(2, 9)), "GSO-07");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    /// <summary>
    /// A clock breach held for its team's hours, of a case closed before they opened: PIT-01's "IS" OC opened on Monday at
    /// 17:40, late at 18:10, after the Pit Stop's close, closed at 23:00; SS-03's key-account case opened on Friday 27 February,
    /// late at Saturday 7 March's midnight, closed that morning.
    /// </summary>
    private static readonly Dictionary<string, Scenario> HeldThenClosed = new()
    {
        ["PIT-01"] = new(s => Pit(s, Local(2, 17, 40), c => c["Nivel_SLA__c"] = "IS"), Local(3, 8, 5), Start: Local(2, 18, 15),
            Then: (s, id) => Closed(s, id, Local(2, 23))),
        ["SS-03"] = new(s => Special(s, Local(27, 10, month: 2)), Local(9, 8, 35), Start: Local(7, 0, 5), Then: (s, id) => Closed(s, id, Local(7, 10))),
    };

    private static void Closed(ServicePath s, string id, DateTimeOffset at)
    {
        s.FieldChange(id, "Status", "Em Atendimento", "Fechado", at, User(3));
        s.Update(id, new JsonObject { ["IsClosed"] = true, ["Status"] = "Fechado", ["ClosedDate"] = Rest(at) });
    }

    [Theory]
    [InlineData("PIT-01")]
    [InlineData("SS-03")]
    public async Task AClockBreachHeldForTheTeamsHours_IsPostedWhenTheyOpen_ThoughTheCaseClosedMeanwhile(string rule)
    {
        // Reproduced: the breach was queued for the morning, the case closed overnight, and the alert was withdrawn: the deadline
        // missed was never told. The clock rules judge a case at its closing too, so the breach stands, met late.
        var run = await RunAsync(HeldThenClosed[rule], rule);

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        if (rule == "SS-03")
        {
            // Seven days from Friday 27 February end at Saturday 7 March's midnight: the end of 6 March, not "07/03/2026 00:00".
            Assert.Contains("06/03/2026 (fim do dia)", Assert.Single(run.PostTexts), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A key-account case of Patrícia Nunes, opened on Friday 27 February, in <paramref name="status"/> on Monday 2 March at
    /// 09:00, the day she is away (absences.csv: a <paramref name="type"/> from 2 to 2 March, no substitute named); the
    /// status changed at 08:45 from <paramref name="statusBefore"/> when that is given; <paramref name="absence"/>: another
    /// absences.csv row in place of that one; <paramref name="records"/>: what else the case records (comments, e-mails, changes).
    /// </summary>
    private static Scenario PatriciaAway(string type, string status, string? statusBefore = null, string? absence = null,
        Action<ServicePath, string>? records = null) => new(s =>
    {
        var id = Special(s, Local(27, 10, month: 2), c => c["Status"] = status);
        if (statusBefore is not null)
        {
            s.FieldChange(id, "Status", statusBefore, status, Local(2, 8, 45), User(3));
        }

        records?.Invoke(s, id);
        return id;
    }, Local(2, 9), Settings: new Dictionary<string, string?>
    {
        ["Mappings:Path"] = MappingsCopy.With("absences.csv", t => t.TrimEnd('\n') + "\n" + (absence ?? $"005SB0000000008YAA,2026-03-02,2026-03-02,,{type},Ausência de Patrícia Nunes") + "\n"),
    });

    /// <summary>Patrícia's answer to the customer, leaving the case waiting on another sector ("Em Atendimento").</summary>
    private const string Answer = "Olá! O ajuste foi encaminhado ao desenvolvimento; aviso assim que liberarem.";

    /// <summary>Lúcia's answer to the customer during Patrícia's day off.</summary>
    private const string SubstituteAnswer = "Olá! Seguimos com o ajuste; retorno até amanhã.";

    private const string LeftOpenOnADayOff =
        "Patrícia Nunes está de folga de 02/03/2026 a 02/03/2026 e deixou este caso em aberto; responder ao cliente ou finalizar o caso";

    [Theory]
    [InlineData("folga", "Aguardando Cliente", null)]
    [InlineData("ferias", "Aguardando Cliente", "Patrícia Nunes está ausente de 02/03/2026 a 02/03/2026 e ainda tem este caso; direcionar para o analista substituto")]
    [InlineData("folga", "Em Atendimento", LeftOpenOnADayOff)]
    [InlineData("ferias", "Em Atendimento", "Patrícia Nunes está ausente de 02/03/2026 a 02/03/2026 e ainda tem este caso; direcionar para o analista substituto")]
    public async Task SS05_ADayOff_AsksOnlyForTheCasesLeftOpen_ALeaveForEveryCase_OnTheServicePath(string type, string status, string? detail)
    {
        // Every absence was read as a leave: a case answered and waiting on the customer was a breach on a day off.
        var run = await RunAsync(PatriciaAway(type, status), "SS-05");

        var expected = detail is null ? 0 : 1;
        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        Assert.Equal(detail is null ? [] : [detail], run.Details);
    }

    [Fact]
    public async Task SS05_ASubstituteWrittenWith15Characters_WhoIsAlsoTheSupervisor_IsMentionedOnce_OnTheServicePath()
    {
        // Reproduced (in review): absences.csv's 15-character id of Eduardo Santos, the substitute, beside the supervisor's
        // 18-character id: "@Eduardo Santos @Eduardo Santos".
        var run = await RunAsync(PatriciaAway("ferias", "Em Atendimento", absence: "005SB0000000008,2026-03-02,2026-03-02,005SB0000000013,ferias,Férias de Patrícia Nunes"), "SS-05");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal([User(13)], run.MentionIds);
    }

    [Fact]
    public async Task SS05_ALeaveWithNoEnd_IsJudged_NotTheCaseQuarantined_OnTheServicePath()
    {
        // Reproduced (in review): a leave written with no end (to = 9999-12-31) made the wake-up for the day after it overflow: the
        // case was set aside as unjudgeable at every sweep, and none of its rules, SS-05 first, ever ran on it again.
        var run = await RunAsync(PatriciaAway("ferias", "Em Atendimento", absence: "005SB0000000008YAA,2026-03-02,9999-12-31,,ferias,Licença de Patrícia Nunes"), "SS-05");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal(["Patrícia Nunes está ausente de 02/03/2026 a 31/12/9999 e ainda tem este caso; direcionar para o analista substituto"], run.Details);
    }

    [Fact]
    public async Task SS05_ACasePassedToTheAnalystDuringHerDayOff_WasNotLeftOpenByHer_OnTheServicePath()
    {
        // Reproduced: Lúcia Prado passed the case to Patrícia at 08:30 on her day off; it was "deixou este caso em aberto". The
        // owner history holds a row of names and a row of ids for the change, as Salesforce writes it.
        var scenario = PatriciaAway("folga", "Em Atendimento", records: (s, id) =>
            s.OwnerChange(id, User(3), User(8), Local(2, 8, 30), User(3)));

        var run = await RunAsync(scenario, "SS-05");

        Assert.Equal((0, 0), (run.Findings, run.Posted));
    }

    [Fact]
    public async Task SS05_ACaseHersBeforeHerDayOff_PassedAroundAndBackDuringIt_WasLeftOpenByHer_OnTheServicePath()
    {
        // Passed to Lúcia Prado at 08:00 on the day off and back to Patrícia at 09:00: hers when the day began. The owner
        // history's row of names comes first, and its old value is no one's id.
        var scenario = PatriciaAway("folga", "Em Atendimento", records: (s, id) =>
            s.OwnerChange(id, User(8), User(3), Local(2, 8), User(3)).OwnerChange(id, User(3), User(8), Local(2, 8, 30), User(3)));

        var run = await RunAsync(scenario, "SS-05");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal([LeftOpenOnADayOff], run.Details);
    }

    [Theory]
    [InlineData(17, 30, 1)] // before Special's 18:00 close on the Friday: hers to answer before leaving
    [InlineData(19, 30, 0)] // after it: she had left for her Monday day off
    public async Task SS05_ACaseOpenedAfterTheAnalystsLastShiftBeforeHerDayOff_WasNotLeftOpenByHer_OnTheServicePath(int hour, int minute, int expected)
    {
        // Reproduced: a case opened and given to Patrícia at 19:30 on Friday, after she left, was "deixou este caso em aberto"
        // on her Monday day off: the day off was taken to begin at Monday's midnight.
        var scenario = PatriciaAway("folga", "Em Atendimento") with
        {
            Seed = s => Special(s, Local(27, hour, minute, month: 2), c => c["Status"] = "Em Atendimento"),
        };

        var run = await RunAsync(scenario, "SS-05");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData(null, 0)] // answered on Friday at 17:00, waiting on another sector since ("Em Atendimento")
    [InlineData(17, 1)] // the customer wrote again at 17:30, before she left: left unanswered
    [InlineData(19, 0)] // the customer wrote again at 19:30, after she had left: not hers to answer before leaving
    public async Task SS05_ADayOff_ACaseAnsweredBeforeItThoughNotWaitingOnTheCustomer_WasNotLeftOpen_OnTheServicePath(int? customerWroteAtHour, int expected)
    {
        // Reproduced (in review): Patrícia answered the customer on Friday at 17:00 ("o ajuste foi encaminhado ao desenvolvimento")
        // and the case stayed "Em Atendimento", waiting on development; on her Monday day off she was told she had left it open,
        // "responder ao cliente".
        var scenario = PatriciaAway("folga", "Em Atendimento", records: (s, id) =>
        {
            s.Comment(id, Answer, published: true, Local(27, 17, month: 2), User(8));
            if (customerWroteAtHour is { } hour)
            {
                s.Email(id, incoming: true, Local(27, hour, 30, month: 2), "suporte@empresa.com.br");
            }
        });

        var run = await RunAsync(scenario, "SS-05");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        Assert.Equal(expected == 1 ? [LeftOpenOnADayOff] : [], run.Details);
    }

    [Theory]
    [InlineData(false)] // answered at 18:20 on Friday, still waiting on another sector ("Em Atendimento")
    [InlineData(true)] // answered at 18:20 and set to wait on the customer, who wrote back on Saturday: "Em Atendimento" again
    public async Task SS05_ADayOff_ACaseAnsweredAfterTheCloseOfTheLastDayBeforeIt_WasNotLeftOpen_OnTheServicePath(bool customerWroteBack)
    {
        // Reproduced (in review): Patrícia answered at 18:20 on Friday, after Special's 18:00 close; her answer was not counted, the
        // case was judged as it stood at 18:00, and on her Monday day off she was told she had left it open.
        var scenario = PatriciaAway("folga", "Em Atendimento", records: (s, id) =>
        {
            s.Comment(id, Answer, published: true, Local(27, 18, 20, month: 2), User(8));
            if (customerWroteBack)
            {
                s.FieldChange(id, "Status", "Em Atendimento", "Aguardando Cliente", Local(27, 18, 20, month: 2), User(8))
                    .Email(id, incoming: true, Local(28, 10, month: 2), "suporte@empresa.com.br")
                    .FieldChange(id, "Status", "Aguardando Cliente", "Em Atendimento", Local(28, 10, month: 2), User(8));
            }
        });

        var run = await RunAsync(scenario, "SS-05");

        Assert.Equal((0, 0), (run.Findings, run.Posted));
    }

    [Fact]
    public async Task SS05_ADayOff_APrivateCommentByAnIntegration_IsNotTheCustomerWriting_OnTheServicePath()
    {
        // Reproduced (in review): Patrícia answered at 13:00 on Friday; an integration's private note at 14:00 ("Pedido sincronizado
        // com o ERP") counted as the customer writing after her answer, and she was told she had left the case open.
        var scenario = PatriciaAway("folga", "Em Atendimento", records: (s, id) =>
            s.Comment(id, Answer, published: true, Local(27, 13, month: 2), User(8))
                .Comment(id, "Pedido sincronizado com o ERP.", published: false, Local(27, 14, month: 2), "005SB0000000099YAA"));

        var run = await RunAsync(scenario, "SS-05");

        Assert.Equal((0, 0), (run.Findings, run.Posted));
    }

    [Fact]
    public async Task SS05_ADayOff_ACaseLeftOpenAndAnsweredBeforeItsFirstPost_IsPostedAsARecordOfTheDeadlineMissed_OnTheServicePath()
    {
        // Reproduced (in review): answered by Lúcia at 08:15 on the day off, before the breach's first post, the case was posted as
        // a record ("late" template) of "o prazo de -": the settled breach had no deadline to name.
        var scenario = PatriciaAway("folga", "Em Atendimento", records: (s, id) =>
            s.Comment(id, SubstituteAnswer, published: true, Local(2, 8, 15), User(10)));

        var run = await RunAsync(scenario, "SS-05");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        var post = Assert.Single(run.PostTexts);
        Assert.DoesNotContain("prazo de -", post, StringComparison.Ordinal);
        Assert.Contains("01/03/2026 (fim do dia)", post, StringComparison.Ordinal); // the start of the day off: an answer until then counted
    }

    [Fact]
    public async Task SS05_ADayOff_ACaseLeftOpenThatTheSubstituteAnswered_StaysOnRecord_WithoutReminders_OnTheServicePath()
    {
        // Reproduced (in review): Lúcia answered the customer at 09:30 on Patrícia's day off, the case still "Em Atendimento"; the
        // breach kept asking "responder ao cliente" and its reminders went on all day.
        var scenario = PatriciaAway("folga", "Em Atendimento") with
        {
            Now = Local(2, 12),
            Then = (s, id) => s.Comment(id, SubstituteAnswer, published: true, Local(2, 9, 30), User(10)),
        };

        var run = await RunAsync(scenario, "SS-05");

        Assert.Equal((1, 1), (run.Findings, run.Posted)); // the breach posted at 09:00, no reminder at 11:00
        Assert.Equal(["Patrícia Nunes está de folga de 02/03/2026 a 02/03/2026 e deixou este caso em aberto; o cliente foi respondido em 02/03/2026 09:30"], run.Details);
    }

    [Theory]
    [InlineData("Aguardando Cliente", "Em Atendimento", null)] // the customer answered during the day off
    [InlineData("Em Atendimento", "Novo", LeftOpenOnADayOff)] // left open, moved on by someone during the day off
    public async Task SS05_ADayOff_JudgesTheStatusTheCaseHadWhenItBegan_OnTheServicePath(string before, string now, string? detail)
    {
        var run = await RunAsync(PatriciaAway("folga", now, statusBefore: before), "SS-05");

        var expected = detail is null ? 0 : 1;
        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        Assert.Equal(detail is null ? [] : [detail], run.Details);
    }

    [Theory]
    [InlineData(false, 30, 1)]
    [InlineData(false, 29, 0)] // the wait ends at 18:29
    [InlineData(true, 30, 0)] // the V8 desk acted at 18:20, within the wait
    public async Task BIL03_AWaitThatRunsIntoTheNight_CallsTheOnCallContact_OnTheServicePath(bool acted, int judgedAtMinute, int expected)
    {
        // Opened Monday 17:49: BIL-02's deadline at 17:59 fell inside the hours, so the after-hours chain never applied, and
        // nobody was called all night.
        // The desk's comment is in the org from the start, dated 18:20: added only after the clock had passed 18:29, the
        // wake-up at BIL-03's deadline could judge the case before it existed, as it would not in an org.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Billing(s, Local(2, 17, 49));
            if (acted)
            {
                s.Comment(id, "Plantão V8 acionado; base em análise.", false, Local(2, 18, 20), User(12));
            }

            return id;
        }, Local(2, 18, judgedAtMinute), Start: Local(2, 17, 50)), "BIL-03");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        if (expected == 1)
        {
            Assert.Equal(["prazo da primeira ação vencido em 02/03/2026 17:59 e o incidente segue sem ação 30 minutos depois, fora do horário comercial; contato de plantão acionado por este aviso"],
                run.Details);
            Assert.Equal([User(11)], run.MentionIds); // Rodrigo Calil, the on-call contact
            Assert.Equal([User(11)], run.PostMentionIds);
        }
    }

    [Fact]
    public async Task BIL03_AnEarlyIncidentLeftUntilTheHoursOpen_CallsTheTeam_NotTheOnCallContact_OnTheServicePath()
    {
        // Opened Tuesday 07:45, untouched at 08:26: the team is at work, and nobody had called the V8 desk at 07:55.
        var run = await RunAsync(new Scenario(s => Billing(s, Local(3, 7, 45)), Local(3, 8, 26), Start: Local(3, 7, 46)), "BIL-03");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal(["prazo da primeira ação vencido em 03/03/2026 07:55, fora do horário comercial, e o incidente segue sem ação 30 minutos depois, já no horário comercial; "
                      + "acionar Mesa de atendimento V8"], run.Details);
        Assert.Equal([User(12)], run.MentionIds); // Tatiane Reis, the matrix's business-hours contact
    }

    [Theory]
    [InlineData(49, 0)]
    [InlineData(51, 1)] // 10 minutes after its arrival at the CMC
    public async Task BIL02_ACaseMovedToTheCmcLater_IsTimedFromItsArrival_OnTheServicePath(int judgedAtMinute, int expected)
    {
        // A support case opened Monday 09:00 in N1 Filiais and moved to the CMC's queue at 09:40 (billing by packs.csv's queue
        // row). Reproduced: judged at its arrival, it was an incident "sem nenhuma ação nos primeiros 10 minutos".
        var run = await RunAsync(new Scenario(s => MovedToTheCmc(s, "INC0048213"), Local(2, 9, judgedAtMinute), Start: Local(2, 9, 41)), "BIL-02");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData("status", 1)] // the N1 agent set the status in the save that moved it
    [InlineData("note", 1)] // and wrote a handover note with it
    [InlineData("later", 1)] // and a note at 09:45: she is none of the CMC queue's members
    [InlineData("cmc", 0)] // the CMC's analyst wrote a note at 09:45: work on the incident
    [InlineData("pulled", 0)] // the CMC's analyst pulled the case into the queue and wrote a note in the same save
    public async Task BIL02_WhatTheTeamThatMovedTheCaseToTheCmcSavedWithTheMove_IsNotTheCmcsAction_OnTheServicePath(string what, int expected)
    {
        // Reproduced: a status change or a note the N1 agent saved with the move into the CMC's queue counted as the CMC's
        // first action, and BIL-02 never fired though nobody at the CMC did anything.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = MovedToTheCmc(s, "INC0048213", mover: what == "pulled" ? 12 : 3);
            _ = what switch
            {
                "status" => s.FieldChange(id, "Status", "Novo", "Em Atendimento", Local(2, 9, 40), User(3)),
                "note" => s.Comment(id, "Transferido ao CMC: cliente sem faturar desde as 08h.", false, Local(2, 9, 40), User(3)),
                "later" => s.Comment(id, "Cliente ligou de novo, reforçado ao CMC.", false, Local(2, 9, 45), User(3)),
                "pulled" => s.Comment(id, "Incidente aberto, mesa V8 acionada.", false, Local(2, 9, 40), User(12)),
                _ => s.Comment(id, "Mesa V8 acionada por telefone, prioridade pedida.", false, Local(2, 9, 45), User(12)),
            };
            return id;
        }, Local(2, 9, 51), Start: Local(2, 9, 41)), "BIL-02");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData(true, 0)] // the CMC asked the customer for a print at 08:45 and awaits it
    [InlineData(false, 1)]
    public async Task BIL01_WhileTheCaseAwaitsTheCustomer_TheReturnIsNotOverdue_OnTheServicePath(bool awaiting, int expected)
    {
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Billed(s, updateAt: null);
            if (awaiting)
            {
                s.FieldChange(id, "Status", "Em Atendimento", "Aguardando Cliente", Local(2, 8, 45), User(12));
                s.Update(id, new JsonObject { ["Status"] = "Aguardando Cliente" });
            }

            return id;
        }, Local(2, 9, 30)), "BIL-01");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Fact]
    public async Task AnAlertHeldForTheMorning_IsPostedAsTheCaseNowStands_NotAsItStoodWhenQueued_OnTheServicePath()
    {
        // Reproduced: escalated to Supervisor EPS without the media type and the phone, and first judged at 18:35, after GSO's
        // close, the GSO-02 alert waited for the morning; the agent filled the media type meanwhile, and at 08:05 the post
        // still asked for it.
        var run = await RunAsync(new Scenario(s => Gso(s, c => { c["Tipo_Midia__c"] = null; c["Telefone_Cliente__c"] = null; }), Local(3, 8, 5),
            Start: Local(2, 18, 35), Then: (s, id) =>
        {
            s.Update(id, new JsonObject { ["Tipo_Midia__c"] = "Token" });
        }), "GSO-02");

        var text = Assert.Single(run.PostTexts);
        Assert.Contains("telefone do cliente", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tipo de mídia", text, StringComparison.Ordinal);
    }

    /// <summary>A support case opened Monday 09:00 in N1 Filiais, answered there at 09:05, moved to the CMC's queue at 09:40 (by Juliana, N1, unless <paramref name="mover"/> says who).</summary>
    private static string MovedToTheCmc(ServicePath s, string? incident, int mover = 3)
    {
        var id = s.Case("Suporte", Local(2, 9), c =>
        {
            c["OwnerId"] = Queues.Cmc;
            c["Origin"] = "Telefone";
            c["Numero_Incidente__c"] = incident;
        });
        s.Comment(id, "Olá Carlos, recebemos sua solicitação e vamos encaminhar ao time de faturamento.", true, Local(2, 9, 5), User(3))
            .OwnerChange(id, Queues.N1Filiais, Queues.Cmc, Local(2, 9, 40), User(mover));
        return id;
    }

    [Theory]
    [InlineData("BIL-05", 5, 0)] // 35 minutes after its opening, 25 after its arrival
    [InlineData("BIL-05", 11, 1)] // no incident number 30 minutes after its arrival
    [InlineData("BIL-01", 11, 0)] // the N1 agent's answer is not the CMC's first message
    [InlineData("BIL-04", 11, 0)]
    public async Task BIL_ACaseMovedToTheCmcLater_IsTheCmcsFromItsArrival_OnTheServicePath(string rule, int judgedAtMinute, int expected)
    {
        var run = await RunAsync(new Scenario(s => MovedToTheCmc(s, incident: null), Local(2, 10, judgedAtMinute), Start: Local(2, 9, 41)), rule);

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        if (expected == 1)
        {
            Assert.Equal(["caso de faturamento sem o número do incidente 30 minutos após chegar à fila do faturamento (02/03/2026 09:40)"], run.Details);
        }
    }

    [Theory]
    [InlineData(3, 3)] // Juliana (N1) sent it: she is told, not Supervisor EPS, who never had the case to check GAR (GSO-09 tells them)
    [InlineData(990, 1)] // an automation nobody can mention sent it: Supervisor EPS (Marina) is told, rather than nobody
    public async Task GSO05_AnUndueEscalationThatSkippedSupervisorEps_TellsWhoSentIt_OnTheServicePath(int sender, int told)
    {
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Gso(s, c => { c["OwnerId"] = Queues.Gso; c["Categoria_Escalonamento__c"] = ReleaseCategory; c["Numero_Pedido__c"] = "48377001"; }, escalate: false);
            s.OwnerChange(id, Queues.N1Rapida, Queues.Gso, Local(2, 8, 5), User(sender));
            return id;
        }, Local(2, 9), Gar: g => g.Add("48377001", "APROVADO", "2026-02-20T10:00:00Z", "2026-02-21T10:00:00Z")), "GSO-05");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal([User(told)], run.MentionIds);
    }

    [Theory]
    [InlineData("GSO-01", "Escalonamento de casos Críticos", 0)] // the critical cases' heading alone is that category, not an invalid escalation
    [InlineData("GSO-06", "Escalonamento de casos Críticos", 1)] // and it calls for the critical mark
    [InlineData("GSO-01", "Escalonamento de casos Críticos – Ouvidoria/Corporativo", 0)] // its two kinds parted by a slash
    [InlineData("GSO-06", "Escalonamento de casos Críticos – Ouvidoria/Corporativo", 1)]
    public async Task TheCriticalCategorysHeadingAlone_IsThatCategory_OnTheServicePath(string rule, string category, int expected)
    {
        var run = await RunAsync(new Scenario(s => Gso(s, c => c["Categoria_Escalonamento__c"] = category), Local(2, 9)), rule);

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData("Av. Paulista, 1.578 - Bela Vista, São Paulo/SP", "Endereço: Av. Paulista 1578, Bela Vista.", 0)] // a thousands dot in the field
    [InlineData("Av. Paulista, 1.578 - Bela Vista, São Paulo/SP", "Endereço: Av. Paulista 1, Bela Vista.", 1)] // not the number "1"
    [InlineData("CEP 01310-200, Av. Paulista, 1578", "Enviar para Av. Paulista, 1578.", 0)] // a field that opens with its postcode
    [InlineData("CEP 01310-200, Av. Paulista, 1578", "Enviar para Av. Paulista, 1587.", 1)]
    public async Task GSO02_TheShippingAddressIsFound_ThoughTheFieldWritesItsNumberWithADotOrOpensWithThePostcode_OnTheServicePath(
        string field, string written, int expected)
    {
        // Reproduced: "1.578" was read as number 1, and a field opening with "CEP 01310-200" asked the comment for "cep" and
        // "01310": a comment giving the address was told "faltam nos comentários: endereço para envio da mídia".
        var comment = "Tipo de solicitação: Atraso no envio da mídia. Pedido 48100221, mídia token. Cliente: José Pereira, jose.pereira@cliente.example, " +
                      $"(19) 99876-1122. Cliente reclama que a AR Central não enviou a mídia. {written}";
        var run = await RunAsync(new Scenario(s => Gso(s, c =>
        {
            c["Categoria_Escalonamento__c"] = "Atraso no envio da mídia";
            c["Endereco_Cliente__c"] = field;
            c["Nome_AR__c"] = "AR Central";
        }, comment: comment), Local(2, 9)), "GSO-02");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        Assert.Equal(expected == 0 ? [] : ["faltam nos comentários: endereço para envio da mídia"], run.Details);
    }

    [Theory]
    [InlineData(false, 14, 0)] // the routing of 14:00 not read yet (the Omni-Channel sync runs apart from the case sync)
    [InlineData(true, 14, 0)] // read: due at 15:00
    [InlineData(true, 15, 1)] // and late after it
    public async Task GSO04_WithoutOwnerHistory_TheArrivalIsTheRouting_NeverTheCreation_OnTheServicePath(bool routingRead, int hour, int expected)
    {
        // Reproduced (in review): in an org that keeps no owner history, a case created at 09:00 and escalated to GSO at 14:00 was
        // judged, before its routing was read, as waiting since 09:00: a breach due at 10:00, posted, then a resolution note.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = s.Case("GSO", Local(2, 9), c =>
            {
                c["OwnerId"] = Queues.Gso;
                c["Categoria_Escalonamento__c"] = "Não tem agenda disponível";
            });
            if (routingRead)
            {
                s.Pending(id, Queues.Gso, Local(2, 14));
            }

            return id;
        }, Local(2, hour, 5)), "GSO-04");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData(null, 0)] // the routing into GSO not read yet: when it was escalated is unknown, so GSO-05 waits
    [InlineData(34, 0)] // routed on Tuesday 10:00, 38 hours after the validation: not premature
    [InlineData(12, 1)] // routed on Monday 12:00, 16 hours after it: premature
    public async Task GSO05_WithoutOwnerHistory_GarIsJudgedAtTheRoutingIntoGso_NeverAtTheCreation_OnTheServicePath(int? routedAtHour, int expected)
    {
        // Reproduced (in review): in an org that keeps no owner history, a case opened on Monday 09:00, 13 hours after its order's
        // validation on Sunday 20:00, and escalated to GSO on Tuesday 10:00 was told "escalado ao GSO 13h00 após a validação ...
        // (escalonamento prematuro)": the escalation dated at the case's creation.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = s.Case("GSO", Local(2, 9), c =>
            {
                c["OwnerId"] = Queues.Gso;
                c["Categoria_Escalonamento__c"] = ReleaseCategory;
                c["Numero_Pedido__c"] = "48100299";
            });
            if (routedAtHour is { } hour)
            {
                s.Pending(id, Queues.Gso, Local(2, 0).AddHours(hour));
            }

            return id;
        }, Local(3, 11), Start: Local(3, 10, 30), Gar: g => g.Add("48100299", "AGUARDANDO_VERIFICACAO", "2026-03-01T23:00:00Z", "2026-03-01T23:00:00Z")), "GSO-05");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        if (expected == 1)
        {
            Assert.Equal(["o caso foi escalado ao GSO 16h00 após a validação de 01/03/2026 20:00, antes das 24 horas (escalonamento prematuro)"], run.Details);
        }
    }

    [Theory]
    [InlineData(1, 1)] // Marina Costa (Supervisor EPS) took it back to fix it at 08:30 and sent it again at 09:00: due at 10:00
    [InlineData(2, 0)] // Rafael Lima (GSO) took it and put it back: the same escalation, met when he took it
    public async Task GSO04_ACaseSentAgainAfterItLeftGso_IsANewEscalationToAccept_OnTheServicePath(int holder, int expected)
    {
        // Reproduced (in review): any departure from the GSO queue ended the escalation, so a case the supervisor took back and
        // sent again sat unaccepted all day with "cumprido em 02/03/2026 08:30".
        var run = await RunAsync(new Scenario(s =>
        {
            var id = InGso(s);
            s.OwnerChange(id, Queues.Gso, User(holder), Local(2, 8, 30), User(holder)).OwnerChange(id, User(holder), Queues.Gso, Local(2, 9), User(holder));
            s.Update(id, new JsonObject { ["OwnerId"] = Queues.Gso });
            return id;
        }, Local(2, 10, 5)), "GSO-04");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Fact]
    public async Task AQueueSettingInAnotherCase_StillFindsItsMentionRoute_OnTheServicePath()
    {
        // Reproduced (in review): settings.csv finds the queue ignoring case, but the mention route was looked up with the
        // setting's own spelling: with gso.eps_queue written "supervisor_eps", GSO-06's critical alert mentioned nobody.
        var mappings = MappingsCopy.With("settings.csv", t => t.Replace("gso.eps_queue,Supervisor_EPS", "gso.eps_queue,supervisor_eps", StringComparison.Ordinal));
        var run = await RunAsync(new Scenario(s => Gso(s, c => c["Categoria_Escalonamento__c"] = "Escalonamento de casos Críticos"), Local(2, 9),
            Settings: new Dictionary<string, string?> { ["Mappings:Path"] = mappings }), "GSO-06");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Contains(User(1), run.PostMentionIds); // Marina Costa, Supervisor EPS
    }

    [Fact]
    public async Task GSO04_ACaseAcceptedByGso_SentBackToSupervisorEps_AndSentAgain_IsANewEscalation_OnTheServicePath()
    {
        // Reproduced (in review): only the first move out of the queue was looked at, the Omni-Channel acceptance by Rafael (GSO),
        // so the case he sent back to Supervisor EPS for missing data and Marina sent again at 09:00 was never timed again.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = InGso(s);
            s.AgentWork(id, Queues.Gso, User(2), "Opened", Local(2, 8, 20), Local(2, 8, 30)).OwnerChange(id, Queues.Gso, User(2), Local(2, 8, 30), User(2));
            s.OwnerChange(id, User(2), Queues.Eps, Local(2, 8, 40), User(2)).OwnerChange(id, Queues.Eps, User(1), Local(2, 8, 50), User(1))
                .OwnerChange(id, User(1), Queues.Gso, Local(2, 9), User(1));
            s.Update(id, new JsonObject { ["OwnerId"] = Queues.Gso });
            return id;
        }, Local(2, 10, 5)), "GSO-04");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal(["aguardando aceite no Omni-Channel na fila GSO desde 02/03/2026 09:00"], run.Details);
    }

    [Theory]
    [InlineData("INCF0001", "Mesa Fiscal")] // the row added below INC, whose prefix is longer
    [InlineData("INC0048213", "Mesa de atendimento V8")]
    public async Task BIL02_TheLongestPrefixOfTheMatrixNamesTheTeam_OnTheServicePath(string incident, string team)
    {
        // Reproduced (in review): the first prefix in file order won, so the fiscal desk's incidents went to the V8 desk.
        var mappings = MappingsCopy.With("escalation_matrix.csv", t => t.TrimEnd('\n') + "\nMesa Fiscal,INCF,005SB0000000012YAA,005SB0000000012YAA,cmc,30m\n");
        var run = await RunAsync(new Scenario(s => Billing(s, Local(2, 9), c => c["Numero_Incidente__c"] = incident), Local(2, 9, 15),
            Settings: new Dictionary<string, string?> { ["Mappings:Path"] = mappings }), "BIL-02");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal([$"incidente sem nenhuma ação nos primeiros 10 minutos; acionar {team} e solicitar prioridade"], run.Details);
    }

    [Fact]
    public async Task PIT03_NobodyAvailableAfterOffersWereDeclined_SaysBoth_OnTheServicePath()
    {
        // Reproduced (in review): with Otávio away after declining twice, the alert said only that nobody was available.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = s.Case("PitStop", Local(2, 8, 55), c => c["OwnerId"] = Queues.N1Filiais);
            s.Pending(id, Queues.N1Filiais, Local(2, 8, 55))
                .AgentWork(id, Queues.N1Filiais, User(14), "Declined", Local(2, 8, 56))
                .AgentWork(id, Queues.N1Filiais, User(14), "DeclinedOnPushTimeout", Local(2, 8, 58))
                .Presence(User(14), "0N5SB00000000030AA", Local(2, 8, 59), away: true);
            return id;
        }, Local(2, 9, 6)), "PIT-03");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.EndsWith("nenhum membro da fila está disponível no Omni-Channel, e 2 ofertas foram recusadas ou expiraram", Assert.Single(run.Details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFieldMappedInAnotherCase_IsReadAsTheOrgSpellsIt_OnTheServicePath()
    {
        // Reproduced: SOQL takes "numero_pedido__c" and Salesforce answers "Numero_Pedido__c"; matched byte for byte, the field
        // read as empty on every case, and every complete escalation was "campos do caso a preencher: número do pedido".
        var mappings = MappingsCopy.With("fields.csv", t => t
            .Replace("order_number,Numero_Pedido__c", "order_number,numero_pedido__c", StringComparison.Ordinal)
            .Replace("customer_email,Email_Cliente__c", "customer_email,EMAIL_CLIENTE__C", StringComparison.Ordinal));
        var run = await RunAsync(new Scenario(s => Gso(s), Local(2, 9), Settings: new Dictionary<string, string?> { ["Mappings:Path"] = mappings }), "GSO-02");

        Assert.Equal((0, 0), (run.Findings, run.Posted));
    }

    [Fact]
    public async Task GSO05_TheAdviceBeforeAnEscalation_IsToldOnce_NotRemindedUpToTheManagers_OnTheServicePath()
    {
        // Reproduced (in review): an order already issued in GAR while the case sits with Supervisor EPS is advice ("não há o que
        // escalar ao GSO"); Supervisor EPS, holding the case as the manual asks, was reminded every two hours, then their manager.
        var run = await RunAsync(new Scenario(s => Gso(s, c => { c["Categoria_Escalonamento__c"] = ReleaseCategory; c["Numero_Pedido__c"] = "48377001"; }),
            Local(2, 13), Gar: g => g.Add("48377001", "EMITIDO", "2026-02-20T10:00:00Z", "2026-02-21T10:00:00Z")), "GSO-05");

        Assert.Equal((1, 1), (run.Findings, run.Posted)); // posted at 09:00; no reminder at 13:00
        Assert.Contains("não há o que escalar ao GSO", Assert.Single(run.Details), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-02T08:45:00", 0)] // GSO released it at 08:45 São Paulo time, after the 08:20 escalation
    [InlineData("2026-03-02T08:10:00", 1)] // released at 08:10: the escalation at 08:20 was undue
    public async Task GSO05_GarsTimesWithoutAnOffset_AreTheMappingsLocalTime_OnTheServicePath(string updatedAt, int expected)
    {
        // Reproduced: "2026-03-02T08:45:00" was read as 08:45 UTC (05:45 in São Paulo), so an order GSO released after the
        // escalation counted as released before it, and Marina was told the escalation was undue.
        var run = await RunAsync(new Scenario(s => InGso(s, c => { c["Categoria_Escalonamento__c"] = ReleaseCategory; c["Numero_Pedido__c"] = "48377001"; }),
            Local(2, 9), Gar: g => g.Add("48377001", "EMITIDO", "2026-02-20T10:00:00", updatedAt)), "GSO-05");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData(20, 0)] // opened at 09:05, the fields still being filled during the call
    [InlineData(36, 1)] // half an hour on, "Aguardando" and "Retorno" still empty
    public async Task PRO01_AnOpenProtocolIsJudgedHalfAnHourAfterItsOpening_OnTheServicePath(int minutes, int expected)
    {
        var run = await RunAsync(new Scenario(s => Protocol(s, Local(2, 9, 5), c => { c["Aguardando__c"] = null; c["Retorno__c"] = null; }),
            Local(2, 9, minutes), Start: Local(2, 9, 6)), "PRO-01");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData(true, 0)] // Rafael was the executor from 08:30 to 08:50: the sync reads the executor field's history
    [InlineData(false, 1)] // nothing shows Rafael worked on the protocol
    public async Task PRO03_AnEntryNamingAnEarlierExecutor_IsNamed_ThroughTheExecutorHistory_OnTheServicePath(bool history, int expected)
    {
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Protocol(s, Local(2, 8), c =>
            {
                c["Resolucao__c"] = "Teste 02/03/2026 Rafael reproduziu o erro em homologação";
                c["Atendente_Executor__c"] = "Lúcia Ferraz";
            });
            if (history)
            {
                s.FieldChange(id, "Atendente_Executor__c", null, "Rafael Lima", Local(2, 8, 30), User(10))
                    .FieldChange(id, "Atendente_Executor__c", "Rafael Lima", "Lúcia Ferraz", Local(2, 8, 50), User(10));
            }

            return id;
        }, Local(2, 9)), "PRO-03");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData(2, 1)] // Rafael, of GSO's queue, set "Concluído III" and still holds the case: Marina (Supervisor EPS), who sent it to GSO, closes it
    [InlineData(10, 10)] // handed to Lúcia, N2: hers to close
    public async Task GSO08_AReturnedCaseStillHeldByGso_CallsTheN2WhoEscalatedIt_NotGsosAnalyst_OnTheServicePath(int owner, int called)
    {
        // Reproduced (in review): Rafael returned the case ("Concluído III") without handing it over, and GSO-08 told him that N2
        // had not closed it; the manual has the case go back to "o responsável N2 que escalou o caso" (Supervisor EPS, who sent it
        // to GSO), whose duty closing is; Juliana, the N1 agent who first escalated it, is not told either.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = InGso(s, c => { c["Status"] = "Concluído III"; c["OwnerId"] = User(owner); c["Solucao_Nivel_3__c"] = "Agenda liberada."; });
            s.OwnerChange(id, Queues.Gso, User(2), Local(2, 8, 25), User(2))
                .Comment(id, "Agenda liberada com a AR.", false, Local(2, 8, 30), User(2))
                .FieldChange(id, "Status", "Em Atendimento", "Concluído III", Local(2, 8, 40), User(2));
            if (owner != 2)
            {
                s.OwnerChange(id, User(2), User(owner), Local(2, 8, 40), User(2));
            }

            return id;
        }, Local(3, 8, 41)), "GSO-08");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal(new[] { User(1), User(called) }.Distinct().Order(StringComparer.Ordinal), run.MentionIds);
    }

    [Fact]
    public async Task GSO08_ACaseSentToGsoASecondTime_CallsWhoSentItThisTime_OnTheServicePath()
    {
        // Reproduced (in review): Marina sent the case to GSO at 08:20; it came back to Otávio, who sent it again at 10:00; Rafael
        // returned it at 11:00 and kept it. GSO-08 named the first trip's sender, and Otávio, whose case it was, was not told.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = InGso(s, c => { c["Status"] = "Concluído III"; c["OwnerId"] = User(2); c["Solucao_Nivel_3__c"] = "Agenda liberada."; });
            s.OwnerChange(id, Queues.Gso, User(14), Local(2, 8, 50), User(2))
                .OwnerChange(id, User(14), Queues.Gso, Local(2, 10), User(14))
                .OwnerChange(id, Queues.Gso, User(2), Local(2, 10, 30), User(2))
                .OwnerChange(id, User(2), Queues.Gso, Local(2, 10, 35), User(2)) // put back in GSO's queue by Rafael himself, and taken again
                .OwnerChange(id, Queues.Gso, User(2), Local(2, 10, 40), User(2))
                .Comment(id, "Agenda liberada com a AR.", false, Local(2, 10, 45), User(2))
                .FieldChange(id, "Status", "Em Atendimento", "Concluído III", Local(2, 11), User(2));
            return id;
        }, Local(3, 11, 1)), "GSO-08");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal([User(1), User(14)], run.MentionIds); // Otávio, and Supervisor EPS's queue
    }

    [Theory]
    [InlineData(false, 1)] // returned Monday 08:40 and left open: due Tuesday 08:40
    [InlineData(true, 0)] // escalated again through the Supervisor EPS queue at 10:00: not N2's to close
    public async Task GSO08_ACaseEscalatedAgainThroughTheSupervisorEpsQueue_IsNotN2sToClose_OnTheServicePath(bool again, int expected)
    {
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Returned(s);
            if (again)
            {
                s.OwnerChange(id, User(1), Queues.Eps, Local(2, 10), User(1));
                s.Update(id, new JsonObject { ["OwnerId"] = Queues.Eps });
            }

            return id;
        }, Local(3, 8, 41)), "GSO-08");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData(false, 1)] // returned Monday 08:40 and left open: due Tuesday 08:40
    [InlineData(true, 0)] // Marina awaits the customer's answer since 08:45: five minutes of the day counted
    public async Task GSO08_TheClockStopsWhileN2AwaitsTheCustomer_OnTheServicePath(bool awaiting, int expected)
    {
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Returned(s);
            if (awaiting)
            {
                s.FieldChange(id, "Status", "Concluído III", "Aguardando Cliente", Local(2, 8, 45), User(1));
                s.Update(id, new JsonObject { ["Status"] = "Aguardando Cliente" });
            }

            return id;
        }, Local(3, 8, 41)), "GSO-08");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData(false)] // the rows of one save sent in the order they were made
    [InlineData(true)] // sent the other way round, as Salesforce may for rows of the same second
    public async Task GSO08_TwoStatusRowsOfOneSave_AreReadInTheOrderTheyChain_OnTheServicePath(bool reversed)
    {
        // Reproduced: Marina reopened the returned case at 08:45 and a flow set "Aguardando Cliente" in the same save. Read in
        // the order sent, "Em Atendimento → Aguardando Cliente" then "Concluído III → Em Atendimento", the case had awaited the
        // customer for no time, and the clock that stops while N2 awaits the customer ran on to a breach on Tuesday.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Returned(s);
            var reopened = () => s.FieldChange(id, "Status", "Concluído III", "Em Atendimento", Local(2, 8, 45), User(1));
            var awaiting = () => s.FieldChange(id, "Status", "Em Atendimento", "Aguardando Cliente", Local(2, 8, 45), User(1));
            (reversed ? awaiting : reopened)();
            (reversed ? reopened : awaiting)();
            s.Update(id, new JsonObject { ["Status"] = "Aguardando Cliente" });
            return id;
        }, Local(3, 8, 41)), "GSO-08");

        Assert.Equal((0, 0), (run.Findings, run.Posted));
    }

    [Fact]
    public async Task SS01_ASupervisorWrittenWith15CharactersInTheMentions_WhoOwnsTheCase_IsMentionedOnce_By18Characters_OnTheServicePath()
    {
        // mentions.csv's 15-character id of Eduardo Santos beside the 18-character id the case carries for its owner: one mention,
        // under the id Salesforce sends (ids from the mappings are taken in their 18-character form).
        var run = await RunAsync(new Scenario(s => Special(s, Local(26, 10, month: 2), c => c["OwnerId"] = User(13)), Local(2, 10),
            Settings: new Dictionary<string, string?>
            {
                ["Mappings:Path"] = MappingsCopy.With("mentions.csv", t => t.Replace("role:special_supervisor,1,005SB0000000013YAA", "role:special_supervisor,1,005SB0000000013", StringComparison.Ordinal)),
            }), "SS-01");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal([User(8), User(13)], run.MentionIds); // the account's Special analyst, and Eduardo once
    }

    [Theory]
    [InlineData(false, 0)] // Patrícia answered the key-account case on Thursday 26 February at 11:00
    [InlineData(true, 1)] // and the e-mail was deleted from the case on Monday: no answer is left on it
    public async Task SS01_AnAnswerDeletedFromTheCase_IsNoAnswer_OnTheServicePath(bool deleted, int expected)
    {
        // Reproduced: read again through queryAll, the case's subqueries brought the deleted e-mail back, and it still counted
        // as the first response; read by the backfill (query) it did not: one case, two verdicts by how it was read.
        await using var h = await SyncHarness.StartAsync(e => e with { SnapshotPath = RepoPaths.SampleOrg, SnapshotExclude = OrgOnly });
        var s = new ServicePath(h);
        var id = Special(s, Local(26, 9, month: 2));
        var answer = h.Emulator.Org.Insert("EmailMessage", new JsonObject
        {
            ["ParentId"] = id, ["Incoming"] = false, ["Status"] = "3", ["MessageDate"] = Rest(Local(26, 11, month: 2)), ["ToAddress"] = "compras@calcados.example",
            ["Subject"] = "Retorno", ["TextBody"] = "Segue o retorno.", ["HasAttachment"] = false, ["CreatedById"] = User(8), ["CreatedDate"] = Rest(Local(26, 11, month: 2)),
        });
        Assert.True(await h.Cycle.RunOnceAsync(default)); // Monday 09:00: answered in time
        h.Salesforce.Time.Advance(TimeSpan.FromMinutes(5));
        if (deleted)
        {
            h.Emulator.Org.Delete(answer);
        }

        s.Update(id, new JsonObject { ["Priority"] = "Alta" }); // an edit: the case is read again, through queryAll
        Assert.True(await h.Cycle.RunOnceAsync(default));

        Assert.Equal(expected, await h.ScalarAsync($"SELECT COUNT(*) FROM findings WHERE case_id = '{id}' AND rule_id = 'SS-01' AND cleared_at IS NULL"));
    }

    [Theory]
    [InlineData("005SB0000000008YAA", 1)] // Patrícia Nunes, a Special analyst, with six open key-account cases
    [InlineData("005SB0000000004YAA", 0)] // Carlos Menezes (N2), holding six Special forwarded to him
    public async Task SS04_OnlySpecialsAnalystsAreHeldToTheCap_OnTheServicePath(string owner, int expected)
    {
        var run = await RunAsync(new Scenario(s =>
        {
            var oldest = Special(s, Local(2, 7), c => c["OwnerId"] = owner);
            for (var i = 1; i < 6; i++)
            {
                Special(s, Local(2, 7, i), c => c["OwnerId"] = owner);
            }

            return oldest;
        }, Local(2, 9)), "SS-04");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData(2, 1)] // four of Special's and two protocols: six key-account cases, over the cap of five
    [InlineData(1, 0)] // four and one: five, within it
    public async Task SS04_AKeyAccountProtocolTheAnalystHolds_IsInHerBacklog_OnTheServicePath(int protocols, int expected)
    {
        // Reproduced (in review): Patrícia held four Special cases and three key-account protocols of Rede Calçados Paulista, seven
        // open in all, and SS-04 counted only the four the Special pack follows.
        var run = await RunAsync(new Scenario(s =>
        {
            var oldest = Special(s, Local(2, 7, 10));
            for (var i = 1; i < 4; i++)
            {
                Special(s, Local(2, 7, 10 + i));
            }

            for (var i = 0; i < protocols; i++)
            {
                Protocol(s, Local(2, 7, i), c => { c["OwnerId"] = User(8); c["AccountId"] = "001SB0000000001YAA"; }); // older than any of them
            }

            return oldest;
        }, Local(2, 9)), "SS-04");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        Assert.Equal(expected == 1 ? ["Patrícia Nunes tem 6 chamados de clientes chave em aberto; o limite diário é 5"] : [], run.Details);
    }

    [Theory]
    [InlineData("005SB0000000010YAA", 1)] // Lúcia Ferraz, of the protocol team: another sector
    [InlineData("005SB0000000008YAA", 0)] // Patrícia Nunes, Special's own analyst
    public async Task SS06_AKeyAccountCaseSpecialItselfHolds_IsWithNoOtherSector_OnTheServicePath(string owner, int expected)
    {
        var run = await RunAsync(new Scenario(s => Protocol(s, Local(25, 9, month: 2), c => { c["AccountId"] = "001SB0000000001YAA"; c["OwnerId"] = owner; }),
            Local(2, 9)), "SS-06");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData(false, 0)] // still awaiting the customer: nothing is the CMC's delay
    [InlineData(true, 1)] // answered at 09:20: 5 minutes before the wait and 25 after it make the 30
    public async Task BIL05_TheClockStopsWhileTheCaseAwaitsTheCustomer_OnTheServicePath(bool answered, int expected)
    {
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Billed(s, updateAt: null, c =>
            {
                c["Numero_Incidente__c"] = null;
                c["Status"] = answered ? "Em Atendimento" : "Aguardando Cliente";
            });
            s.FieldChange(id, "Status", "Em Atendimento", "Aguardando Cliente", Local(2, 8, 43), User(12));
            if (answered)
            {
                s.FieldChange(id, "Status", "Aguardando Cliente", "Em Atendimento", Local(2, 9, 20), User(12));
            }

            return id;
        }, Local(2, 9, 46), Start: Local(2, 9, 44)), "BIL-05");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Fact]
    public async Task BIL03_AReminderTheNextMorning_CallsTheTeam_NotTheOnCallContactAgain_OnTheServicePath()
    {
        // Opened Monday 21:00, untouched: the on-call contact is called at 21:41. Reproduced: the reminder at 08:30, the
        // team at work, called the on-call contact again.
        var run = await RunAsync(new Scenario(s => Billing(s, Local(2, 21)), Local(3, 8, 30), Start: Local(2, 21, 41)), "BIL-03");

        Assert.Equal((1, 2), (run.Findings, run.Posted)); // the breach, then its reminder
        Assert.Equal(["prazo da primeira ação vencido em 02/03/2026 21:10, fora do horário comercial, e o incidente segue sem ação desde 02/03/2026 21:40; "
                      + "já no horário comercial, acionar Mesa de atendimento V8"], run.Details);
        Assert.Equal([User(11), User(12)], run.PostMentionIds); // Rodrigo Calil at night, Tatiane Reis in the morning
        // BIL-03's own alerts, not the morning post's other findings (BIL-02 also tells Tatiane): the reminder told her.
        Assert.Equal([User(11), User(12)], run.MentionIds);
    }

    [Fact]
    public async Task BIL03_AnIncidentTakenUpAfterTheWait_IsRecorded_WakingNobody_OnTheServicePath()
    {
        // Opened Monday 21:00; BIL-02's deadline 21:10, the wait over at 21:40; the V8 desk acted at 22:05. Reproduced: the record
        // was posted at once, at night, mentioning the on-call contact about an incident someone was working on.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Billing(s, Local(2, 21));
            s.Comment(id, "Plantão V8 acionado; base em análise.", false, Local(2, 22, 5), User(12));
            return id;
        }, Local(2, 23), Start: Local(2, 21, 1)), "BIL-03");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Contains("a primeira ação no incidente só veio em 02/03/2026 22:05", Assert.Single(run.Details), StringComparison.Ordinal);
        Assert.Empty(run.MentionIds);
        Assert.Empty(run.PostMentionIds);
    }

    [Theory]
    [InlineData("005SB0000000099YAA", new[] { 2 })] // one of the queue's two people is unknown to the org: the other is told
    [InlineData(null, new[] { 13 })] // nobody of the level is left: the next level, the manager
    public async Task GSO04_APersonOfTheLevelGone_TheOthersAreTold_NotTheLevelAbove_OnTheServicePath(string? gone, int[] told)
    {
        // Reproduced (in review): one inactive or unknown id among a level's people brought the next level (the manager) into
        // every first alert, although the rest of the level could answer.
        var mappings = MappingsCopy.With("mentions.csv", t => t.Replace("queue:GSO,1,005SB0000000002YAA,Rafael Lima (Analista GSO)",
            gone is null ? "queue:GSO,1,005SB0000000098YAA,Analista que saiu" : $"queue:GSO,1,005SB0000000002YAA,Rafael Lima\nqueue:GSO,1,{gone},Analista que saiu",
            StringComparison.Ordinal));
        var run = await RunAsync(new Scenario(s => InGso(s), Local(2, 9, 30), Settings: new Dictionary<string, string?> { ["Mappings:Path"] = mappings }), "GSO-04");

        Assert.Equal(1, run.Findings);
        Assert.Equal(told.Select(User).Order(StringComparer.Ordinal), run.MentionIds);
    }

    [Fact]
    public async Task BIL01_AReturnSentLate_KeepsTheBreachOnRecord_AndIsNotToldResolved_OnTheServicePath()
    {
        // Reproduced (in review): only the last contact's deadline was judged, so the return that came 25 minutes late cleared
        // the breach posted at 09:00, and a note told the CMC "a pendência … foi resolvida" of a deadline it had missed.
        var run = await RunAsync(new Scenario(s => Billed(s, updateAt: null), Local(2, 9, 30), Start: Local(2, 9),
            Then: (s, id) => s.Comment(id, "Carlos, acionamos o analista responsável pelo atendimento e o incidente continua em análise.", true, Local(2, 9, 20), User(12))), "BIL-01");

        Assert.Equal((1, 1), (run.Findings, run.Posted)); // the breach posted at 09:00, and nothing since
        Assert.DoesNotContain(run.PostTexts, p => p.Contains("resolvida", StringComparison.Ordinal));
        Assert.Contains("a primeira mensagem ao cliente foi em 02/03/2026 08:40, e o retorno era devido em até 15 minutos", Assert.Single(run.Details), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 20, 0)]
    [InlineData(10, 26, 1)] // 90 minutes after 08:55
    public async Task BIL01_APromiseOfAnHourAndAHalf_IsDueWhenPromised_OnTheServicePath(int hour, int minute, int expected)
    {
        // Reproduced: "em até 1 hora e 30 minutos" was read as one hour, and the CMC was late at 09:56.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Billed(s, updateAt: null);
            s.Comment(id, "Carlos, seguimos com o time responsável. Faremos novo contato em até 1 hora e 30 minutos.", true, Local(2, 8, 55), User(12));
            return id;
        }, Local(2, hour, minute), Start: Local(2, 9)), "BIL-01");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData("Carlos, seguimos com o time responsável. Favor aguardar novo contato em até 15 mins.", 1)]
    [InlineData("Carlos, a operadora informou previsão de normalização em até 4 horas; seguimos no privado.", 0)]
    [InlineData("Carlos, aguardamos novo retorno da operadora em até 2 horas.", 0)]
    public async Task BIL01_OnlyTheCmcsOwnPromiseOfContact_StartsADeadline_OnTheServicePath(string update, int expected)
    {
        // Greeted at 08:40, the update at 08:50, judged at 09:06: a promise of 15 minutes is overdue; a forecast or a third
        // party's answer awaited promises nothing.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Billed(s, updateAt: null);
            s.Comment(id, update, true, Local(2, 8, 50), User(12));
            return id;
        }, Local(2, 9, 6)), "BIL-01");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        if (expected == 1)
        {
            Assert.Equal(["o retorno ao cliente de 02/03/2026 08:50 prometeu novo contato em até 15 minutos"], run.Details);
        }
    }

    [Theory]
    [InlineData(13, 1, 1)]
    [InlineData(12, 59, 0)]
    public async Task PIT01_AShorterTierThatWouldEndLater_KeepsTheDeadline_OnTheServicePath(int hour, int minute, int expected)
    {
        // "4 Horas" from Monday 09:00 (due 13:00), made "2 Horas" at 12:00, which would end at 14:00. Reproduced: the case was not
        // late at 13:01, and the 14:01 alert said the change had shortened the deadline.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Pit(s, Local(2, 9), c => c["Nivel_SLA__c"] = "2 Horas");
            s.FieldChange(id, "Nivel_SLA__c", "4 Horas", "2 Horas", Local(2, 12), User(14));
            return id;
        }, Local(2, hour, minute), Start: Local(2, 9, 5)), "PIT-01");

        Assert.Equal(expected, run.Kinds.Count(k => k == "sla-breach"));
        if (expected == 1)
        {
            Assert.Equal(["resolução no SLA 4 Horas (4 horas): o nível do caso até 02/03/2026 12:00, quando passou a 2 Horas, que daria um prazo mais longo"],
                run.Details);
        }
    }

    [Theory]
    [InlineData("Nenhum", 0)]
    [InlineData("N/A", 0)]
    [InlineData("Não houve transferência", 0)]
    [InlineData("Devolvido ao proprietário", 0)]
    [InlineData("Lúcia (N1)", 0)] // the owner, beside her team
    [InlineData("Devolvido para Lúcia", 0)]
    [InlineData("Lúcia (N2)", 1)] // someone of N2 with her first name
    [InlineData("Rafael Lima", 1)]
    public async Task PRO05_AnExecutorFieldThatNamesNobody_AccusesNobody_OnTheServicePath(string executor, int expected)
    {
        // Open while the first cycle reads it, closed at 09:30 by the agent who opened it, never transferred.
        var run = await RunAsync(new Scenario(s => Protocol(s, Local(2, 8), c => c["Atendente_Executor__c"] = executor), Local(2, 9, 31),
            Then: (s, id) => Close(s, id, new JsonObject { ["Resolucao__c"] = "Análise 02/03/2026 Lúcia / Solução 02/03/2026 Lúcia" })), "PRO-05");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData("Análise 02/03/2026 Lúcia - log verificado; Teste 02/03/2026 Lúcia - ok; Solução 02/03/2026 Lúcia - boleto regerado", 0)]
    [InlineData("Análise 02/03/2026 Lúcia: log verificado; teste realizado com sucesso\nSolução 02/03/2026 Lúcia", 0)] // prose after ";"
    [InlineData("Análise 02/03/2026 Lúcia - log verificado; boleto regerado", 1)] // no Solução at the closing
    public async Task PRO03_EntriesOnOneLineApartBySemicolons_AreEntriesOfTheirOwn_OnTheServicePath(string resolution, int expected)
    {
        // Closed at 09:30 with the resolution written on one line: its Solução after a ";" is an entry of its own.
        var run = await RunAsync(new Scenario(s => Protocol(s, Local(2, 8)), Local(2, 9, 31),
            Then: (s, id) => Close(s, id, new JsonObject { ["Resolucao__c"] = resolution })), "PRO-03");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        Assert.Equal(expected == 0 ? [] : ["resolução fora do padrão (falta a entrada \"Solução dd/mm/aaaa\")"], run.Details);
    }

    [Theory]
    [InlineData(false, 0)] // N2 asked the customer by the awaiting field and had the answer back: no new forwarding
    [InlineData(true, 1)] // N2 gave it back by its status first: the next send to N2 is a forwarding of its own
    public async Task PRO04_AWaitOnTheCustomerByTheAwaitingFieldAlone_IsNoNewTransfer_OnTheServicePath(bool givenBack, int expected)
    {
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Protocol(s, Local(2, 7), c => { c["Status"] = "Em Atendimento"; c["Aguardando__c"] = "N2"; c["Atendente_Executor__c"] = "Rafael Lima"; });
            s.FieldChange(id, "Aguardando__c", "Cliente", "N2", Local(2, 8), User(10))
                .Comment(id, "02/03/2026 / boleto não gera após atualização / N2 - Rafael", false, Local(2, 8, 5), User(10));
            if (givenBack)
            {
                s.FieldChange(id, "Status", "Aguardando N2", "Em Atendimento", Local(2, 8, 30), User(2));
            }

            s.FieldChange(id, "Aguardando__c", "N2", "Cliente", Local(2, 8, 30), User(2)).FieldChange(id, "Aguardando__c", "Cliente", "N2", Local(2, 8, 50), User(2));
            return id;
        }, Local(2, 11)), "PRO-04");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData("Sr(a). José Pereira", "Cliente informa que não encontra agenda há 10 dias.")]
    [InlineData("Nome completo: José Pereira", "Cliente informa que não encontra agenda há 10 dias.")]
    [InlineData("Contato: José Pereira", "Cliente informa que não encontra agenda há 10 dias.")]
    [InlineData("Cliente: José Pereira", "Cliente reclamando que não encontra agenda há 10 dias.")]
    public async Task GSO02_TheNameAndTheComplaint_AsAgentsWriteThem_AreRead_OnTheServicePath(string name, string complaint)
    {
        var comment = $"Tipo de solicitação: Não tem agenda disponível. Pedido 48100221, mídia token. {name}, jose.pereira@cliente.example, (19) 99876-1122. {complaint}";
        var run = await RunAsync(new Scenario(s => Gso(s, comment: comment), Local(2, 9)), "GSO-02");

        Assert.Equal((0, 0), (run.Findings, run.Posted));

        // The same comment without the name is told so.
        var without = await RunAsync(new Scenario(s => Gso(s, comment: comment.Replace(name + ", ", "", StringComparison.Ordinal)), Local(2, 9)), "GSO-02");
        Assert.Equal(["faltam nos comentários: nome do cliente"], without.Details);
    }

    [Theory]
    [InlineData("(19) 3333-4444 ramal 21", "(19) 3333-4444 ramal 21", 0)] // the field word for word
    [InlineData("(19) 3333-4444 ramal 21", "(19) 3333-4444", 0)] // the number without its extension
    [InlineData("(19) 3333-4444 ramal 21", "(19) 3333-4421", 1)]
    public async Task GSO02_APhoneFieldWithAnExtension_IsFoundByItsNumber_OnTheServicePath(string field, string written, int expected)
    {
        // Reproduced: the field's extension was read as the number's last digits, and a comment giving the phone was told
        // "faltam nos comentários: telefone do cliente".
        var comment = "Tipo de solicitação: Não tem agenda disponível. Pedido 48100221, mídia token. Cliente: José Pereira, jose.pereira@cliente.example, " +
                      $"{written}. Cliente reclama que não encontra agenda há 10 dias.";
        var run = await RunAsync(new Scenario(s => Gso(s, c => c["Telefone_Cliente__c"] = field, comment: comment), Local(2, 9)), "GSO-02");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
        Assert.Equal(expected == 0 ? [] : ["faltam nos comentários: telefone do cliente"], run.Details);
    }

    [Theory]
    [InlineData("005SB0000000013YAA", 0)] // Eduardo, GSO's manager, given the case to finish and holding it at the return
    [InlineData("005SB0000000003YAA", 1)] // Juliana, the N1 agent who opened it: not GSO's comment
    public async Task GSO07_TheInternalCommentOfGsosManager_HoldingTheCaseAtTheReturn_IsGsos_OnTheServicePath(string commenter, int expected)
    {
        // Accepted by Rafael from the GSO queue at 08:30 and given to Eduardo at 08:35; the comment at 08:40; Rafael sets
        // "Concluído III" and gives the case to Marina in one save at 08:50. Reproduced: Eduardo, the last holder, was taken for
        // the N2 the case went back to, and his comment did not count.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = AcceptedByRafael(s, User(1));
            s.OwnerChange(id, User(2), User(13), Local(2, 8, 35), User(2));
            s.Comment(id, "Análise: AR contatada, pedido liberado.", false, Local(2, 8, 40), commenter);
            s.FieldChange(id, "Status", "Em Atendimento", "Concluído III", Local(2, 8, 50), User(2)).OwnerChange(id, User(13), User(1), Local(2, 8, 50), User(2));
            return id;
        }, Local(2, 9)), "GSO-07");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Theory]
    [InlineData("2026-03-12", "2026-03-12", true)] // Patrícia, Bruno's substitute, has a day off on 12/03: she takes the case
    [InlineData("2026-03-02", "2026-03-03", false)] // away today too: the supervisor picks another analyst
    public async Task SS05_ASubstituteAwayOnlyLaterInTheLeave_IsToldToTakeTheCase_OnTheServicePath(string from, string to, bool substituteTold)
    {
        // Bruno Teixeira on leave from 02/03 to 13/03 (the shipped absences.csv), Patrícia Nunes his substitute. Reproduced: her
        // one day off on 12/03 kept her out of the handover for the whole leave, while SS-01 on the same case called her.
        var run = await RunAsync(new Scenario(s => Special(s, Local(27, 10, month: 2), c => c["OwnerId"] = User(9)), Local(2, 9),
            Settings: new Dictionary<string, string?>
            {
                ["Mappings:Path"] = MappingsCopy.With("absences.csv", t => t.TrimEnd('\n') + $"\n005SB0000000008YAA,{from},{to},,folga,Folga de Patrícia Nunes\n"),
            }), "SS-05");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal(substituteTold, run.MentionIds.Contains(User(8)));
        Assert.StartsWith("Bruno Teixeira está ausente de 02/03/2026 a 13/03/2026 e ainda tem este caso; direcionar para " + (substituteTold ? "Patrícia Nunes" : "outro analista"),
            Assert.Single(run.Details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PIT02_ThroughApoioN1_TellsTheAgentWhoSentItThere_OnTheServicePath()
    {
        // Otávio sends the OC to APOIO N1 at 09:10 without the manager's validation; Zenaide (APOIO) takes it at 09:15 and directs
        // it to N2 at 09:20. Reproduced: the agent who owed the validation was not told; Zenaide, who did as the manual says, was.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Pit(s, Local(2, 9), c => c["OwnerId"] = Queues.N2);
            s.OwnerChange(id, User(14), Queues.ApoioN1, Local(2, 9, 10), User(14)).OwnerChange(id, Queues.ApoioN1, User(5), Local(2, 9, 15), User(5))
                .OwnerChange(id, User(5), Queues.N2, Local(2, 9, 20), User(5));
            return id;
        }, Local(2, 9, 30)), "PIT-02");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal([User(4), User(5), User(14)], run.MentionIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("005SB0000000001YAA", 1)] // Marina, who sent Monday's trip to GSO: N2's side, her comment is not GSO's
    [InlineData("005SB0000000002YAA", 0)] // Rafael, GSO's analyst
    public async Task GSO07_OnASecondTrip_TheN2WhoSentTheFirstTripAndIsHandedItBack_IsNotGsos_OnTheServicePath(string commenter, int expected)
    {
        // Marina sent Monday's trip to GSO; Rafael returned it to Juliana, who sent it to GSO again on Tuesday, where Rafael accepted
        // it. On Wednesday Rafael hands it to Marina at 10:55, the comment is written at 10:56, and Rafael sets "Concluído III" at
        // 10:58. Reproduced: read only since Monday's return, Marina counted as GSO's and her comment stood for GSO's.
        var run = await RunAsync(new Scenario(s => ReturnedOnce(s, User(3)), Local(4, 11, 30), Then: (s, id) =>
        {
            s.OwnerChange(id, User(3), Queues.Gso, Local(3, 9), User(3)).FieldChange(id, "Status", "Concluído III", "Em Atendimento", Local(3, 9), User(3));
            s.Update(id, new JsonObject { ["OwnerId"] = Queues.Gso, ["Status"] = "Em Atendimento" });
            AcceptedFromGso(s, id, User(2), Local(3, 9), Local(3, 9, 30));
            s.OwnerChange(id, User(2), User(1), Local(4, 10, 55), User(2));
            s.Comment(id, "Cliente cobrou retorno; aguardando GSO.", false, Local(4, 10, 56), commenter);
            s.FieldChange(id, "Status", "Em Atendimento", "Concluído III", Local(4, 10, 58), User(2));
            s.Update(id, new JsonObject { ["OwnerId"] = User(1), ["Status"] = "Concluído III" });
        }), "GSO-07");

        Assert.Equal((expected, expected), (run.Findings, run.Posted));
    }

    [Fact]
    public async Task PIT02_ACaseOpenedStraightIntoApoioN1_TellsWhoOpenedIt_OnTheServicePath()
    {
        // Opened by Juliana in APOIO N1's queue (no owner row shows it arriving there), taken by Zenaide at 09:15 and sent to N2 at
        // 09:20 without the manager's validation: Juliana opened the occurrence for APOIO, and is told with Zenaide.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Pit(s, Local(2, 9), c => c["OwnerId"] = Queues.N2);
            s.OwnerChange(id, Queues.ApoioN1, User(5), Local(2, 9, 15), User(5)).OwnerChange(id, User(5), Queues.N2, Local(2, 9, 20), User(5));
            return id;
        }, Local(2, 9, 30)), "PIT-02");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal([User(3), User(4), User(5)], run.MentionIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(12, 59, 0)]
    [InlineData(13, 1, 1)]
    public async Task PIT01_ATierClearedAndSetAgain_IsComparedWithTheTierTheCaseRanBy_OnTheServicePath(int hour, int minute, int expected)
    {
        // "4 Horas" from 09:00 (due 13:00); "2 Horas" at 11:30 (kept: it would end at 13:30), cleared at 11:40, "4 Horas" again at
        // 11:50. Reproduced: the 2 hours the case never ran by were counted from the opening, a breach due at 11:00.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Pit(s, Local(2, 9));
            s.FieldChange(id, "Nivel_SLA__c", "4 Horas", "2 Horas", Local(2, 11, 30), User(14)).FieldChange(id, "Nivel_SLA__c", "2 Horas", null, Local(2, 11, 40), User(14))
                .FieldChange(id, "Nivel_SLA__c", null, "4 Horas", Local(2, 11, 50), User(14));
            return id;
        }, Local(2, hour, minute), Start: Local(2, 9, 5)), "PIT-01");

        Assert.Equal(expected, run.Kinds.Count(k => k == "sla-breach"));
    }

    [Fact]
    public async Task SS05_ASubstituteAwayToday_IsPassedOver_WhateverTheOrderOfTheirAbsences_OnTheServicePath()
    {
        // Patrícia's day off on 12/03 written before her leave from 02/03 to 04/03: the first row overlapping Bruno's leave was
        // taken, and she was told to take his case while on leave herself.
        var run = await RunAsync(new Scenario(s => Special(s, Local(27, 10, month: 2), c => c["OwnerId"] = User(9)), Local(2, 9),
            Settings: new Dictionary<string, string?>
            {
                ["Mappings:Path"] = MappingsCopy.With("absences.csv", t => t.TrimEnd('\n')
                    + "\n005SB0000000008YAA,2026-03-12,2026-03-12,,folga,Folga de Patrícia Nunes\n005SB0000000008YAA,2026-03-02,2026-03-04,,ferias,Férias de Patrícia Nunes\n"),
            }), "SS-05");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.DoesNotContain(User(8), run.MentionIds);
        Assert.Contains("direcionar para outro analista (Patrícia Nunes, o substituto indicado, também estará ausente de 02/03/2026 a 04/03/2026)", Assert.Single(run.Details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PIT02_ACaseApoioTurnedAway_AndSomeoneElseSentToN2_DoesNotTellWhoSentItToApoio_OnTheServicePath()
    {
        // Otávio sent it to APOIO N1 at 09:10; Zenaide gave it back to him at 09:20; Juliana sent it to N2 at 09:40 without the
        // manager's validation: the trip into N2 was not APOIO's, and Otávio is not told.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Pit(s, Local(2, 9), c => c["OwnerId"] = Queues.N2);
            s.OwnerChange(id, User(14), Queues.ApoioN1, Local(2, 9, 10), User(14)).OwnerChange(id, Queues.ApoioN1, User(5), Local(2, 9, 15), User(5))
                .OwnerChange(id, User(5), User(14), Local(2, 9, 20), User(5)).OwnerChange(id, User(14), Queues.N2, Local(2, 9, 40), User(3));
            return id;
        }, Local(2, 9, 50)), "PIT-02");

        Assert.Equal((1, 1), (run.Findings, run.Posted));
        Assert.Equal([User(3), User(4)], run.MentionIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(14, 29, 0)]
    [InlineData(14, 31, 1)]
    public async Task PIT01_AShorterTierSetWhileTheCaseAwaitsTheCustomer_IsComparedByTheTimeLeft_OnTheServicePath(int hour, int minute, int expected)
    {
        // "4 Horas" from 09:00, awaiting the customer from 12:30 to 14:00 (30 minutes left), made "2 Horas" at 13:00: the 4 hours
        // stand, due at 14:30. Neither deadline was known while paused, and the clock restarted at 13:00, due at 16:00.
        var run = await RunAsync(new Scenario(s =>
        {
            var id = Pit(s, Local(2, 9), c => c["Nivel_SLA__c"] = "2 Horas");
            s.FieldChange(id, "Status", "Em Atendimento", "Aguardando Cliente", Local(2, 12, 30), User(14))
                .FieldChange(id, "Nivel_SLA__c", "4 Horas", "2 Horas", Local(2, 13), User(14))
                .FieldChange(id, "Status", "Aguardando Cliente", "Em Atendimento", Local(2, 14), User(14));
            return id;
        }, Local(2, hour, minute), Start: Local(2, 9, 5)), "PIT-01");

        Assert.Equal(expected, run.Kinds.Count(k => k == "sla-breach"));
    }
}
