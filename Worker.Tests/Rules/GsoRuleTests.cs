using SfBridge.Rules;
using SfBridge.Rules.Gso;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

public sealed partial class GsoRuleTests
{
    private static readonly CaseSnapshot Compliant = Cases.Gso();

    /// <summary>Escalated to GSO at 09:20 (Cases.Gso's owner history).</summary>
    private static readonly DateTimeOffset EscalatedToGso = Cases.Opened.AddMinutes(20);

    [Fact]
    public void CompliantCase_HasNoFindings() => Assert.Empty(Judge(Compliant, Monday10));

    [Fact]
    public void GSO01_CategoryOutsideTheTwelveSituations_IsInvalidEscalation()
    {
        var f = Assert.Single(Judge("GSO-01", Compliant.WithFields((LogicalField.EscalationCategory, "Cancelamento de pedido")), Monday10));

        Assert.Equal(FindingKind.InvalidEscalation, f.Kind);
        Assert.Equal([User(3), User(1)], f.Mentions); // the opening agent and Supervisor EPS
    }

    [Fact]
    public void GSO01_CloseMiss_SuggestsTheClosestCategory()
    {
        var f = Assert.Single(Judge("GSO-01", Compliant.WithFields((LogicalField.EscalationCategory, "Priorizacao do AC")), Monday10));

        Assert.EndsWith("(você quis dizer \"Priorização de AC (Chamados de Alô Canais)\"?)", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GSO01_EmptyCategory_IsInvalidEscalation() =>
        Assert.Single(Judge("GSO-01", Compliant.WithFields((LogicalField.EscalationCategory, null)), Monday10));

    [Theory]
    [InlineData("Liberação de pedido - Aguardando Verificação (acima de 24 horas da validação)")]
    [InlineData("Priorização de AC (Chamados de Alô Canais)")]
    [InlineData("Aguardando Validação / Aguardando Preparação")]
    [InlineData("Liberação de pedido – Aguardando Validação / Aguardando Preparação")]
    [InlineData("Liberação de pedido \u2011 Aguardando Verificação")]
    [InlineData("PRIORIZACAO DE AP")]
    [InlineData("nao tem agenda disponivel")]
    [InlineData("Escalonamento de casos Críticos — Ouvidoria, Corporativo")]
    [InlineData("Escalonamento de casos Críticos")] // the heading without its two kinds, or with one of them
    [InlineData("Escalonamento de casos Críticos – Ouvidoria")]
    [InlineData("Escalonamento de casos Criticos - Corporativo")]
    [InlineData("Escalonamento de casos Críticos - Ouvidoria/Corporativo")] // the two kinds parted by a slash, not a comma
    [InlineData("Ouvidoria / Corporativo")]
    [InlineData("Solicitação de validação por videoconferência (para produtos sem cartão/token)")]
    [InlineData("Solicitação de validação por videoconferência (para produtos sem cartão/token) em casos de exceção para atendimento interno (AR Certisign)")]
    [InlineData("Solicitação de validação por videoconferência")]
    public void GSO01_TheSeedsOwnWordingAndShortForms_AreAccepted(string category) =>
        Assert.Empty(Judge("GSO-01", Compliant.WithFields((LogicalField.EscalationCategory, category)), Monday10));

    [Fact]
    public void GSO01_CaseStillWithTheN1Agent_IsNotJudgedYet() =>
        Assert.Empty(Judge("GSO-01", NotEscalated().WithFields((LogicalField.EscalationCategory, null)), Monday10));

    [Theory]
    [InlineData(null, "número do pedido")]
    [InlineData("48-100", "número do pedido \"48-100\" fora do formato")]
    public void GSO02_OrderNumberFieldEmptyOrMalformed_IsMissingField(string? order, string expected)
    {
        var findings = Judge("GSO-02", Compliant.WithFields((LogicalField.OrderNumber, order)), Monday10);

        Assert.Contains(findings, f => f.Kind == FindingKind.MissingField && f.Detail.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void GSO02_DedicatedFieldsEmpty_AreListedOnce()
    {
        var c = Compliant.WithFields((LogicalField.MediaType, null), (LogicalField.CustomerEmail, "jose.pereira"), (LogicalField.CustomerPhone, null));

        var f = Assert.Single(Judge("GSO-02", c, Monday10), x => x.Kind == FindingKind.MissingField);

        Assert.Equal("campos do caso a preencher: tipo de mídia, e-mail do cliente \"jose.pereira\" inválido, telefone do cliente", f.Detail);
    }

    [Fact]
    public void GSO02_CommentsWithoutContactData_AreIncomplete()
    {
        var c = Compliant with { Comments = [new CaseComment("Tipo de solicitação: Não tem agenda disponível. Pedido 48100221. Cliente: José reclama.", false, Cases.Opened, User(3))] };

        var f = Assert.Single(Judge("GSO-02", c, Monday10));

        Assert.Equal(FindingKind.CommentIncomplete, f.Kind);
        Assert.Equal("faltam nos comentários: e-mail do cliente (jose.pereira@cliente.example), telefone do cliente", f.Detail);
    }

    [Fact]
    public void GSO02_ProseThatCarriesTheCasesOwnData_IsComplete()
    {
        // Reproduced: "faltam nos comentários: nome do cliente" on a comment that names the customer in prose.
        var c = Compliant.WithFields((LogicalField.CustomerName, "Joana Lima"), (LogicalField.CustomerEmail, "joana@cliente.example"),
            (LogicalField.CustomerPhone, "+55 11 98888-7777")) with
        {
            Comments =
            [
                new CaseComment("Sem agenda disponível. Pedido 48.100.221. Cliente Joana Lima, joana@cliente.example, +55 11 98888-7777, Rua das Flores 120. Informa que tenta agendar há 10 dias.",
                    false, Cases.Opened.AddMinutes(2), User(3)),
            ],
        };

        Assert.Empty(Judge("GSO-02", c, Monday10));
    }

    [Theory]
    [InlineData("Cliente menciona que agendou várias vezes, mas não obteve sucesso.")] // the manual's own example
    [InlineData("Cliente tentou agendar várias vezes sem sucesso.")]
    [InlineData("A AR não enviou a mídia até hoje.")]
    [InlineData("Cliente foi mal atendido no posto.")]
    [InlineData("Cliente agendou três vezes e a AR cancelou todas.")]
    public void GSO02_TheComplaintToldAsTheManualTellsIt_IsADescription(string complaint)
    {
        // Reproduced: "faltam nos comentários: descrição da reclamação" on a comment ending with the manual's example of one.
        var c = Compliant with
        {
            Comments =
            [
                new CaseComment("Tipo de solicitação: Não tem agenda disponível. Pedido 48100221, mídia token. Cliente: José Pereira, jose.pereira@cliente.example, (19) 99876-1122. " +
                    complaint, false, Cases.Opened.AddMinutes(2), User(3)),
            ],
        };

        Assert.Empty(Judge("GSO-02", c, Monday10));
    }

    [Theory]
    [InlineData("Sr(a). Ana Beatriz Souza", "Cliente informa que já validou.")]
    [InlineData("Sr.(a) Ana Souza", "Cliente informa que já validou.")]
    [InlineData("Sra Ana Souza", "Cliente informa que já validou.")]
    [InlineData("Nome completo: Ana Souza", "Cliente informa que já validou.")]
    [InlineData("Titular do certificado: Ana Souza", "Cliente informa que já validou.")]
    [InlineData("Contato: Ana Souza", "Cliente informa que já validou.")]
    [InlineData("Responsável: Ana Souza", "Cliente informa que já validou.")]
    [InlineData("Cliente: Ana Souza", "Cliente reclamando que o pedido não foi liberado.")]
    [InlineData("Cliente: Ana Souza", "Cliente relatando demora na liberação.")]
    [InlineData("Cliente: Ana Souza", "Cliente alegando que já validou.")]
    [InlineData("Cliente: Ana Souza", "Cliente dizendo que já validou.")]
    public void GSO02_TheNameAndTheComplaint_AsAgentsWriteThem_AreRead(string name, string complaint)
    {
        // Reproduced (in review): a case without a contact was told "faltam nos comentários: nome do cliente" for "Sr(a). Ana",
        // "Sra Ana", "Nome completo:", "Titular do certificado:", "Contato:" or "Responsável:", and "descrição da reclamação"
        // for a complaint told with any gerund but "informando".
        var c = Compliant.WithFields((LogicalField.CustomerName, null)) with
        {
            Comments =
            [
                new CaseComment($"Tipo de solicitação: Não tem agenda disponível. Pedido 48100221, mídia token. {name}, jose.pereira@cliente.example, (19) 99876-1122. {complaint}",
                    false, Cases.Opened.AddMinutes(2), User(3)),
            ],
        };

        Assert.Empty(Judge("GSO-02", c, Monday10));
    }

    [Theory]
    [InlineData("Contato telefônico com Ana Souza")] // "Contato" is a label only before a colon or dash
    [InlineData("Contato: WhatsApp")]
    [InlineData("AR responsável: Posto Centro")] // these four reproduced in review
    [InlineData("Analista responsável: Marcos")]
    [InlineData("Contato: Fone")]
    [InlineData("Titular do certificado: ECPF")]
    public void GSO02_AContactMentioned_IsNoCustomerName(string words)
    {
        var c = Compliant.WithFields((LogicalField.CustomerName, null)) with
        {
            Comments =
            [
                new CaseComment($"Tipo de solicitação: Não tem agenda disponível. Pedido 48100221, mídia token. {words}, jose.pereira@cliente.example, (19) 99876-1122. Cliente informa que já validou.",
                    false, Cases.Opened.AddMinutes(2), User(3)),
            ],
        };

        Assert.Equal("faltam nos comentários: nome do cliente", Assert.Single(Judge("GSO-02", c, Monday10)).Detail);
    }

    [Fact]
    public void GSO02_LookAlikes_DoNotPassForTheRealThing()
    {
        // Reproduced: "Tipo de solicitação" passed for the complaint, a 10-digit order number for a phone, "(AR)" for an AR's name.
        var c = Compliant.WithFields((LogicalField.EscalationCategory, "Reclamação de má conduta do posto de atendimento (AR)"), (LogicalField.CustomerPhone, null),
            (LogicalField.ArName, null), (LogicalField.OrderNumber, "4821397755")) with
        {
            Comments =
            [
                new CaseComment("Tipo de solicitação: Reclamação de má conduta do posto de atendimento (AR). Pedido 4821397755. Cliente: José Pereira, jose.pereira@cliente.example.",
                    false, Cases.Opened.AddMinutes(2), User(3)),
            ],
        };

        var f = Assert.Single(Judge("GSO-02", c, Monday10), x => x.Kind == FindingKind.CommentIncomplete);

        Assert.Equal("faltam nos comentários: telefone do cliente, descrição da reclamação, nome da AR/AGR", f.Detail);
    }

    [Fact]
    public void GSO02_MediaShipmentAndArCategory_NeedAddressAndArName()
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, "Atraso no envio da mídia"));

        var findings = Judge("GSO-02", c, Monday10);

        Assert.Equal("campos do caso a preencher: endereço do cliente, nome da AR/AGR", Assert.Single(findings, f => f.Kind == FindingKind.MissingField).Detail);
        Assert.Equal("faltam nos comentários: endereço para envio da mídia, nome da AR/AGR", Assert.Single(findings, f => f.Kind == FindingKind.CommentIncomplete).Detail);
    }

    [Fact]
    public void GSO02_CaseStillWithTheN1Agent_IsNotJudgedYet() =>
        Assert.Empty(Judge("GSO-02", NotEscalated() with { Comments = [] }, Monday10));

    [Fact]
    public void GSO03_WhatsAppWithoutAttachment_IsMissingEvidence()
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, "Reclamação de má conduta do posto de atendimento (AR)")) with { AttachmentCount = 0 };

        Assert.Equal(FindingKind.MissingEvidence, Assert.Single(Judge("GSO-03", c, Monday10)).Kind);
    }

    [Fact]
    public void GSO03_PhoneWithoutCustomerReplyWithAttachment_IsMissingEvidence()
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, "Atraso no envio da mídia")) with
        {
            Origin = "Telefone",
            Emails = [new CaseEmail(false, false, Cases.Opened, "Protocolo"), new CaseEmail(true, false, Cases.Opened.AddMinutes(5), "RE: Protocolo")],
        };

        Assert.Contains("e-mail do protocolo", Assert.Single(Judge("GSO-03", c, Monday10)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GSO03_PhoneWithCustomerReplyWithAttachment_IsFine()
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, "Atraso no envio da mídia")) with
        {
            Origin = "Telefone",
            Emails = [new CaseEmail(true, true, Cases.Opened.AddMinutes(5), "RE: Protocolo")],
        };

        Assert.Empty(Judge("GSO-03", c, Monday10));
    }

    /// <summary>The compliant case, still waiting in the GSO queue since <paramref name="routed"/>.</summary>
    private static CaseSnapshot WaitingInGso(DateTimeOffset routed) => Compliant with
    {
        OwnerId = Queue("GSO"),
        History =
        [
            FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), routed.AddMinutes(-15), User(3)),
            FieldChange.Owner(Queue("Supervisor_EPS"), Queue("GSO"), routed, User(1)),
        ],
    };

    private static OrgContext Offered(params AgentWorkInfo[] work) => Org(agentWork: work);

    [Fact]
    public void GSO04_NotAcceptedWithinOneBusinessHour_IsBreached()
    {
        var f = Assert.Single(Judge("GSO-04", WaitingInGso(At(2026, 3, 2, 9)), At(2026, 3, 2, 10, 1)));

        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Equal(At(2026, 3, 2, 10), f.DueAt);
        Assert.Equal([User(2)], f.Mentions); // the GSO queue's first level: Rafael Lima, the GSO analyst
    }

    [Theory]
    [InlineData("user:1", 1)] // Marina (Supervisor EPS) took it back: sent again at 09:40, due 10:40
    [InlineData("queue:Supervisor_EPS", 1)] // GSO sent it back to the Supervisor EPS queue, and it came again
    [InlineData("user:2", 0)] // Rafael (GSO) took it and put it back: the same escalation, met at 09:10
    public void GSO04_ACaseSentAgainAfterItLeftTheTeam_IsANewEscalation(string holder, int expected)
    {
        var to = holder.StartsWith("user:", StringComparison.Ordinal) ? User(int.Parse(holder[5..], System.Globalization.CultureInfo.InvariantCulture)) : Queue(holder[6..]);
        var routed = At(2026, 3, 2, 9);
        var c = WaitingInGso(routed) with
        {
            History = [.. WaitingInGso(routed).History, FieldChange.Owner(Queue("GSO"), to, routed.AddMinutes(10), User(2)), FieldChange.Owner(to, Queue("GSO"), routed.AddMinutes(40), User(1))],
        };

        var findings = Judge("GSO-04", c, At(2026, 3, 2, 10, 41));

        Assert.Equal(expected, findings.Count);
        Assert.All(findings, f => Assert.Equal(At(2026, 3, 2, 10, 40), f.DueAt));
    }

    [Fact]
    public void GSO04_ACaseAcceptedBySomeoneOfTheTeam_ThenSentToAnotherQueue_AndSentAgain_IsANewEscalation()
    {
        // Reproduced (in review): only the first move out of the queue was looked at, and in the usual flow that is the Omni-Channel
        // acceptance by a member: Rafael accepted at 09:10, sent it to Supervisor EPS at 09:30, Marina took it at 10:00 and sent it
        // again at 11:00, and the wait from 11:00 was never judged.
        var routed = At(2026, 3, 2, 9);
        var c = WaitingInGso(routed) with
        {
            History =
            [
                .. WaitingInGso(routed).History,
                FieldChange.Owner(Queue("GSO"), User(2), routed.AddMinutes(10), User(2)),
                FieldChange.Owner(User(2), Queue("Supervisor_EPS"), routed.AddMinutes(30), User(2)),
                FieldChange.Owner(Queue("Supervisor_EPS"), User(1), routed.AddMinutes(60), User(1)),
                FieldChange.Owner(User(1), Queue("GSO"), routed.AddMinutes(120), User(1)),
            ],
        };
        var org = Org(agentWork: [new AgentWorkInfo(c.Id, User(2), Queue("GSO"), "Opened", routed, routed.AddMinutes(10))]);

        var f = Assert.Single(Judge("GSO-04", c, At(2026, 3, 2, 12, 1), org));

        Assert.Equal(At(2026, 3, 2, 12), f.DueAt);
    }

    [Fact]
    public void GSO04_ACaseClosedReopenedAndPutInTheQueueAgain_IsANewEscalation()
    {
        // Rafael (GSO) accepted on Monday at 09:10 and closed the case at 10:00; the customer came back and on Monday 9 March at
        // 09:00 he reopened it and put it in the GSO queue: nobody accepted it within the hour.
        var routed = At(2026, 3, 2, 9);
        var back = At(2026, 3, 9, 9);
        var c = WaitingInGso(routed) with
        {
            History =
            [
                .. WaitingInGso(routed).History,
                FieldChange.Owner(Queue("GSO"), User(2), routed.AddMinutes(10), User(2)),
                FieldChange.Status("Em Atendimento", "Fechado", routed.AddHours(1), User(2)),
                FieldChange.Status("Fechado", "Em Atendimento", back, User(2)),
                FieldChange.Owner(User(2), Queue("GSO"), back, User(2)),
            ],
        };
        var org = Org(agentWork: [new AgentWorkInfo(c.Id, User(2), Queue("GSO"), "Opened", routed, routed.AddMinutes(10))]);

        var f = Assert.Single(Judge("GSO-04", c, back.AddHours(1).AddMinutes(1), org));

        Assert.Equal(back.AddHours(1), f.DueAt);
    }

    [Fact]
    public void GSO04_WhoAcceptedTheQueuesWorkInOmniChannel_StayedWithTheTeam_MemberOrNot()
    {
        // Reproduced (in review): a departure was judged by today's membership alone, so an agent who had accepted the queue's
        // work and since moved to another team made the case, put back in the queue, a new escalation judged late.
        var routed = At(2026, 3, 2, 9);
        var c = WaitingInGso(routed) with
        {
            History = [.. WaitingInGso(routed).History, FieldChange.Owner(Queue("GSO"), User(14), routed.AddMinutes(10), User(14)),
                FieldChange.Owner(User(14), Queue("GSO"), routed.AddMinutes(40), User(14))],
        };
        var accepted = Org(agentWork: [new AgentWorkInfo(c.Id, User(14), Queue("GSO"), "Opened", routed, routed.AddMinutes(10))]);

        Assert.Empty(Judge("GSO-04", c, At(2026, 3, 2, 10, 41), accepted)); // one escalation, accepted at 09:10
        Assert.Single(Judge("GSO-04", c, At(2026, 3, 2, 10, 41))); // taken by hand by someone of another team: sent again at 09:40
    }

    [Fact]
    public void GSO04_AtTheExactTargetInstant_IsAWarningNotABreach()
    {
        var f = Assert.Single(Judge("GSO-04", WaitingInGso(At(2026, 3, 2, 9)), At(2026, 3, 2, 10)));

        Assert.Equal(FindingKind.SlaWarning, f.Kind);
        Assert.Equal(Severity.Warning, f.Severity);
    }

    [Fact]
    public void GSO04_RoutedFridayEvening_IsDueMondayMorning()
    {
        var c = WaitingInGso(At(2026, 3, 6, 17, 30));

        Assert.DoesNotContain(Judge("GSO-04", c, At(2026, 3, 9, 8, 29)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 9, 8, 30), Assert.Single(Judge("GSO-04", c, At(2026, 3, 9, 8, 31))).DueAt);
    }

    [Fact]
    public void GSO04_RoutedBeforeGoodFriday_SkipsTheHoliday() // Thursday 17:30; Friday 3 April is a national holiday (from the library)
        => Assert.Equal(At(2026, 4, 6, 8, 30), Assert.Single(Judge("GSO-04", WaitingInGso(At(2026, 4, 2, 17, 30)), At(2026, 4, 6, 9))).DueAt);

    [Fact]
    public void GSO04_AcceptedInTime_IsFine_AcceptedLate_IsABreach()
    {
        var routed = At(2026, 3, 2, 9);
        var inTime = WaitingInGso(routed) with { OwnerId = User(2) };

        Assert.Empty(Judge("GSO-04", inTime, At(2026, 3, 2, 15), Offered(new AgentWorkInfo(inTime.Id, User(2), Queue("GSO"), "Opened", routed, At(2026, 3, 2, 9, 50)))));
        Assert.Single(Judge("GSO-04", inTime, At(2026, 3, 2, 15), Offered(new AgentWorkInfo(inTime.Id, User(2), Queue("GSO"), "Opened", routed, At(2026, 3, 2, 10, 30)))));
    }

    [Fact]
    public void GSO04_AReOfferAfterADecline_DoesNotRestartTheClock()
    {
        // Reproduced: only the latest offer was measured, so a 2 h 25 min acceptance counted as met.
        var routed = At(2026, 3, 2, 9);
        var c = WaitingInGso(routed) with { OwnerId = User(2) };
        var org = Offered(
            new AgentWorkInfo(c.Id, User(2), Queue("GSO"), "Declined", routed, null),
            new AgentWorkInfo(c.Id, User(2), Queue("GSO"), "Opened", At(2026, 3, 2, 11), At(2026, 3, 2, 11, 25)));

        var f = Assert.Single(Judge("GSO-04", c, At(2026, 3, 2, 12), org));

        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Equal(At(2026, 3, 2, 10), f.DueAt);
        Assert.Contains("roteado à fila GSO em 02/03/2026 09:00 e aceito no Omni-Channel só em 02/03/2026 11:25", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GSO04Eps_PendingAtSupervisorEpsOverTwoBusinessHours_IsBreached()
    {
        var c = Compliant with { OwnerId = Queue("Supervisor_EPS"), History = [] };
        var org = Org(pending: [new PendingRoutingInfo(c.Id, Queue("Supervisor_EPS"), At(2026, 3, 2, 9))]);

        Assert.Empty(Judge("GSO-04-EPS", c, At(2026, 3, 2, 10), org));
        Assert.Equal(FindingKind.SlaBreach, Assert.Single(Judge("GSO-04-EPS", c, At(2026, 3, 2, 11, 1), org)).Kind);
    }

    [Fact]
    public void GSO04_WithoutOwnerHistory_TheQueueIsReachedWhenOmniChannelRoutedTheCase_NotWhenItWasCreated()
    {
        // Reproduced: an org that keeps no owner history; created at 09:00 by N1, routed to GSO at 14:00, and at 14:10 GSO-04 posted a
        // breach due at 10:00, an hour after the case was created and four before it reached GSO.
        var c = Compliant with { OwnerId = Queue("GSO"), History = [] };
        PendingRoutingInfo[] routed = [new(c.Id, Queue("GSO"), At(2026, 3, 2, 14))];

        Assert.Empty(Judge("GSO-04", c, At(2026, 3, 2, 14, 10), Org(pending: routed)));
        var late = Assert.Single(Judge("GSO-04", c, At(2026, 3, 2, 15, 1), Org(pending: routed)));
        Assert.Equal((FindingKind.SlaBreach, At(2026, 3, 2, 15)), (late.Kind, late.DueAt));

        // Where the org does keep owner history, a case that never moved was created in the queue.
        Assert.Equal(At(2026, 3, 2, 10), Assert.Single(Judge("GSO-04", c, At(2026, 3, 2, 14, 10), Org(pending: routed, tracksOwnerHistory: true))).DueAt);
    }

    private static CaseSnapshot ReleaseCase(string category = "Liberação de pedido - Aguardando Verificação") =>
        Compliant.WithFields((LogicalField.EscalationCategory, category), (LogicalField.OrderNumber, "48377001"));

    private static OrgContext Gar(string status, DateTimeOffset? validated, DateTimeOffset updated, DateTimeOffset? seen = null, DateTimeOffset? lastSeen = null) =>
        Org(garAnswers: [new GarObservation(new GarOrder("48377001", status, validated, updated), seen, lastSeen)]);

    [Theory]
    [InlineData("EMITIDO")]
    [InlineData("APROVADO")]
    public void GSO05_ApprovedBeforeTheEscalation_IsUndue(string status)
    {
        var f = Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, Gar(status, At(2026, 2, 20, 10), At(2026, 2, 21, 10))));

        Assert.Contains($"já estava {status} no GAR quando foi escalado ao GSO em 02/03/2026 09:20: escalonamento indevido", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GSO05_AnEscalationGarContradicted_NamesWhoSentItToGso_NotTheAgentWhoOpenedIt()
    {
        // Reproduced: Otávio, of Supervisor EPS, took the case and sent it to GSO although GAR showed it APROVADO; the
        // post named Juliana, the N1 agent who had only opened it, and not him.
        var c = ReleaseCase() with
        {
            History =
            [
                FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), Cases.Opened.AddMinutes(5), User(3)),
                FieldChange.Owner(Queue("Supervisor_EPS"), User(14), Cases.Opened.AddMinutes(10), User(14)),
                FieldChange.Owner(User(14), Queue("GSO"), Cases.Opened.AddMinutes(20), User(14)),
                FieldChange.Owner(Queue("GSO"), User(2), Cases.Opened.AddMinutes(30), User(2)),
            ],
        };
        var data = SampleData(garAnswers: [new GarObservation(new GarOrder("48377001", "APROVADO", At(2026, 2, 20, 10), At(2026, 2, 21, 10)), null)]);
        var org = new OrgContext(data with { Members = data.Members.Append((Queue("Supervisor_EPS"), User(14))).ToList() });

        var f = Assert.Single(Judge("GSO-05", c, Monday10, org));

        Assert.Equal([User(14), User(1)], f.Mentions);
    }

    [Fact]
    public void GSO05_AnUndueEscalationThatSkippedSupervisorEps_TellsWhoSentIt_NotSupervisorEps()
    {
        // Reproduced: Juliana sent the case from N1 straight to GSO, with GAR showing it APROVADO; GSO-05 also told Supervisor
        // EPS the escalation was undue, though the case never reached them to check GAR.
        var bypassed = ReleaseCase() with
        {
            History =
            [
                FieldChange.Owner(Queue("N1_Rapida"), Queue("GSO"), Cases.Opened.AddMinutes(20), User(3)),
                FieldChange.Owner(Queue("GSO"), User(2), Cases.Opened.AddMinutes(30), User(2)),
            ],
        };
        var gar = Gar("APROVADO", At(2026, 2, 20, 10), At(2026, 2, 21, 10));

        Assert.Equal([User(3)], Assert.Single(Judge("GSO-05", bypassed, Monday10, gar)).Mentions);
        // Moved by an automation nobody can mention: Supervisor EPS is told after all, rather than nobody.
        var automated = bypassed with { History = [FieldChange.Owner(Queue("N1_Rapida"), Queue("GSO"), Cases.Opened.AddMinutes(20), Id("005", 990))] };
        Assert.Equal([User(1)], Assert.Single(Judge("GSO-05", automated, Monday10, gar)).Mentions);
        Assert.Equal([User(1)], Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, gar)).Mentions); // through EPS: Marina sent it, and it was her check
    }

    [Fact]
    public void GSO05_ReleasedByGsoAfterTheEscalation_IsTheExpectedOutcome()
    {
        // Reproduced: GAR was read as it is now, so every order GSO released correctly was reported as undue.
        Assert.Empty(Judge("GSO-05", ReleaseCase(), Monday10, Gar("EMITIDO", At(2026, 2, 20, 10), EscalatedToGso.AddMinutes(30))));
    }

    [Fact]
    public void GSO05_AnswerSeenBeforeTheEscalation_Decides()
    {
        // Seen APROVADO at 09:10 (before the 09:20 escalation) and again at 09:25: undue, although GAR's updatedAt moved later.
        var f = Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10,
            Gar("APROVADO", null, EscalatedToGso.AddHours(1), seen: Cases.Opened.AddMinutes(10), lastSeen: EscalatedToGso.AddMinutes(5))));

        Assert.Contains("escalonamento indevido", f.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, true)] // GAR asked again eight minutes on: APROVADO held until EMITIDO was set at 09:25
    [InlineData(75, false)] // over an hour unasked: what the order was at 09:20 is not known
    public void GSO05_AnAnswerHolds_UntilTheNextStatusWasSet_WhenGarWasAskedAgainWithinMinutes(int askedAgain, bool undue)
    {
        // Reproduced (in review): an answer last seen at 09:15 did not hold at a 09:20 escalation although GAR, asked again
        // minutes later, dated its next status 09:25, and the escalation was never judged.
        var org = Org(garAnswers:
        [
            new GarObservation(new GarOrder("48377001", "APROVADO", null, null), EscalatedToGso.AddMinutes(-5)),
            new GarObservation(new GarOrder("48377001", "EMITIDO", null, EscalatedToGso.AddMinutes(5)), EscalatedToGso.AddMinutes(-5 + askedAgain)),
        ]);

        var findings = Judge("GSO-05", ReleaseCase(), Monday10, org);

        Assert.Equal(undue, findings.Any(f => f.Detail.Contains("já estava APROVADO no GAR quando foi escalado", StringComparison.Ordinal)));
        Assert.Equal(undue ? 1 : 0, findings.Count);
    }

    [Fact]
    public void GSO05_AnAnswerLastSeenBeforeTheEscalation_WaitsForGarsNextAnswer()
    {
        // Reproduced (in review): an answer held "from" when it was set with no end, so an order GAR was last asked about
        // before the escalation (another case's, weeks before) was judged as if it had not moved since.
        var gar = Gar("APROVADO", null, Cases.Opened.AddDays(-30), seen: Cases.Opened.AddDays(-29));

        AssertNotJudged("GSO-05", ReleaseCase(), Monday10,
            "a última resposta do GAR sobre o pedido 48377001 é anterior ao escalonamento de 02/03/2026 09:20", gar);
        Assert.Equal(Monday10.AddMinutes(5), NextChange(ReleaseCase(), Monday10, gar)); // GAR's next answer is read within minutes
    }

    [Fact]
    public void GSO05_AnAnswerSeenLaterButSetBeforeTheEscalation_IsTheStatusThen()
    {
        // Reproduced: the first answer seen won, although GAR later showed a status set before the escalation.
        var org = Org(garAnswers:
        [
            new GarObservation(new GarOrder("48377001", "AGUARDANDO_VERIFICACAO", null, At(2026, 2, 21, 10)), Cases.Opened),
            new GarObservation(new GarOrder("48377001", "aprovado", null, EscalatedToGso.AddMinutes(-5)), EscalatedToGso.AddMinutes(30)),
        ]);

        var f = Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, org));

        Assert.Contains("já estava aprovado no GAR quando foi escalado", f.Detail, StringComparison.Ordinal); // and GAR's lower case is the same status
    }

    [Fact]
    public void GSO05_WrongStatusForTheCategory_IsGarMismatch() =>
        Assert.Contains("a categoria pede AGUARDANDO_VERIFICACAO",
            Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, Gar("AGUARDANDO_VALIDACAO", null, At(2026, 2, 21, 10)))).Detail, StringComparison.Ordinal);

    [Fact]
    public void GSO05_OrderUnknownToGar_IsFlagged() =>
        Assert.Contains("não existe no GAR", Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, Org(gar: [AnotherOrder]))).Detail, StringComparison.Ordinal);

    /// <summary>An order of another case that GAR found: proof that its 404s come from GAR itself.</summary>
    private static readonly GarOrder AnotherOrder = new("48000001", "EMITIDO", null, null);

    [Fact]
    public void GSO05_AnOrderNotFound_ByAGarThatHasFoundNoOrderYet_IsNotCalledUnknown()
    {
        // Reproduced (in review): a Gar:BaseUrl missing its version segment answered 404 to every lookup, and every order-release
        // case was told "o pedido … não existe no GAR".
        Assert.Empty(Judge("GSO-05", ReleaseCase(), Monday10, Org(gar: [])));
        Assert.StartsWith("o GAR não encontrou o pedido 48377001, mas ainda não encontrou pedido nenhum", Reason("GSO-05", ReleaseCase(), Monday10, Org(gar: [])), StringComparison.Ordinal);
    }

    [Fact]
    public void GSO05_OrderUnknownToGar_WaitsForSupervisorEps_WhoseCheckItIs()
    {
        // Reproduced: a case the N1 agent was still registering got "o pedido … não existe no GAR" at full severity, mentioning the agent.
        var withAgent = ReleaseCase() with { OwnerId = User(3), History = [] };
        Assert.Empty(Judge("GSO-05", withAgent, Monday10, Org(gar: [AnotherOrder])));
        Assert.Equal("o caso não foi escalado ao GSO e não está com o Supervisor EPS", Reason("GSO-05", withAgent, Monday10, Org(gar: [AnotherOrder])));

        // With Supervisor EPS, who checks GAR before escalating: a warning to them.
        var atEps = ReleaseCase() with { OwnerId = Queue("Supervisor_EPS"), History = [FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), Cases.Opened.AddMinutes(5), User(3))] };
        var f = Assert.Single(Judge("GSO-05", atEps, Monday10, Org(gar: [AnotherOrder])));
        Assert.Equal((Severity.Warning, "o pedido 48377001 não existe no GAR: conferir antes de escalar ao GSO"), (f.Severity, f.Detail));
        Assert.Equal([User(1)], f.Mentions);
    }

    [Fact]
    public void GSO05_EscalatedUnder24HoursAfterValidation_IsPremature_MeasuredFromTheEscalation()
    {
        // Validated 10 h before the 09:20 escalation; the case itself was created before the validation.
        var f = Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, Gar("AGUARDANDO_VERIFICACAO", EscalatedToGso.AddHours(-10), EscalatedToGso.AddHours(-10))));

        Assert.Contains("escalado ao GSO 10h00 após a validação de 01/03/2026 23:20, antes das 24 horas (escalonamento prematuro)", f.Detail, StringComparison.Ordinal);
        Assert.Equal(EscalatedToGso.AddHours(14), f.DueAt);
    }

    [Fact]
    public void GSO05_ValidatedAfterTheEscalation_NeverPrintsANegativeDuration() =>
        Assert.Empty(Judge("GSO-05", ReleaseCase(), Monday10, Gar("AGUARDANDO_VERIFICACAO", EscalatedToGso.AddHours(2), EscalatedToGso.AddHours(2))));

    [Fact]
    public void GSO05_StatusAsEscalatedAndOver24Hours_IsFine_AndWithoutGarDataNothingIsGuessed()
    {
        Assert.Empty(Judge("GSO-05", ReleaseCase(), Monday10, Gar("AGUARDANDO_VERIFICACAO", EscalatedToGso.AddHours(-24), EscalatedToGso.AddHours(-24))));
        Assert.Empty(Judge("GSO-05", ReleaseCase(), Monday10, Org()));
    }

    /// <summary>GAR's answers with the last time GAR answered about order 48377001, found or not (as the worker knows it).</summary>
    private static OrgContext GarAnswered(DateTimeOffset answered, params GarObservation[] answers) =>
        new(SampleData(garAnswers: answers) with { GarAnswered = new Dictionary<string, DateTimeOffset> { ["48377001"] = answered } });

    [Fact]
    public void GSO05_StillWithSupervisorEps_GarsLastAnswerLongAgo_Waits_ThenIsJudgedOnTheNext()
    {
        // Reproduced (in review): the warning before an escalation was judged on GAR's last answer however old (the worker
        // stopped for hours, a number corrected to an order GAR was asked about for another case the day before).
        var atEps = ReleaseCase() with { OwnerId = Queue("Supervisor_EPS"), History = [FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), Cases.Opened.AddMinutes(5), User(3))] };
        var pending = new GarOrder("48377001", "AGUARDANDO_DOCUMENTACAO", null, Cases.Opened);

        var old = GarAnswered(Monday10.AddMinutes(-40), new GarObservation(pending, Cases.Opened.AddMinutes(1), Monday10.AddMinutes(-40)));
        var recent = GarAnswered(Monday10.AddMinutes(-4), new GarObservation(pending, Cases.Opened.AddMinutes(1), Monday10.AddMinutes(-4)));

        AssertNotJudged("GSO-05", atEps, Monday10, "a última resposta do GAR sobre o pedido 48377001 é de 02/03/2026 09:20: o GAR será consultado de novo", old);
        Assert.Contains("o GAR mostra o pedido 48377001 em AGUARDANDO_DOCUMENTACAO", Assert.Single(Judge("GSO-05", atEps, Monday10, recent)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GSO05_AnOrderGarStopsFinding_IsUnknownBeforeTheEscalation_ButAnEscalationIsJudgedOnWhatHeldThen()
    {
        // Reproduced (in review): answers found were dropped once GAR answered "not found", and an escalation made while GAR
        // showed the order as the category asks was told "o pedido … não existe no GAR".
        var asked = new GarObservation(new GarOrder("48377001", "AGUARDANDO_VERIFICACAO", null, Cases.Opened), Cases.Opened.AddMinutes(1), EscalatedToGso.AddMinutes(10));
        var gone = GarAnswered(Monday10.AddMinutes(-2), asked);
        var atEps = ReleaseCase() with { OwnerId = Queue("Supervisor_EPS"), History = [FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), Cases.Opened.AddMinutes(5), User(3))] };
        var withAnother = new OrgContext(SampleData(gar: [AnotherOrder], garAnswers: [asked]) with { GarAnswered = new Dictionary<string, DateTimeOffset> { ["48377001"] = Monday10.AddMinutes(-2) } });

        Assert.Empty(Judge("GSO-05", ReleaseCase(), Monday10, gone)); // escalated at 09:20, when GAR showed verification
        Assert.Equal("o pedido 48377001 não existe no GAR: conferir antes de escalar ao GSO", Assert.Single(Judge("GSO-05", atEps, Monday10, withAnother)).Detail);
    }

    [Fact]
    public void GSO05_ACategoryChangedAfterTheEscalation_IsNotWhatTheEscalationIsJudgedUnder()
    {
        // Reproduced (in review): escalated at 09:20 under "Aguardando Validação/Aguardando Preparação" while GAR showed
        // AGUARDANDO_PREPARACAO; at 11:00 GSO's analyst set the category to where the order was by then. The escalation was
        // judged under the new category: "o GAR mostra o pedido … em AGUARDANDO_PREPARACAO, e a categoria pede AGUARDANDO_VERIFICACAO".
        const string Before = "Liberação de pedido - Aguardando Validação/Aguardando Preparação (cliente informa que já validou)";
        var changed = ReleaseCase("Liberação de pedido - Aguardando Verificação (acima de 24 horas da validação)");
        changed = changed with { History = [.. changed.History, new FieldChange("Categoria_Escalonamento__c", Before, changed.Field(LogicalField.EscalationCategory), EscalatedToGso.AddMinutes(100), User(2))] };
        var gar = Gar("AGUARDANDO_PREPARACAO", null, Cases.Opened, seen: Cases.Opened.AddMinutes(1), lastSeen: Monday10);

        Assert.Empty(Judge("GSO-05", changed, Monday10, gar));
        Assert.Contains("a categoria pede AGUARDANDO_VERIFICACAO", Assert.Single(Judge("GSO-05", ReleaseCase("Liberação de pedido - Aguardando Verificação (acima de 24 horas da validação)"), Monday10, gar)).Detail,
            StringComparison.Ordinal); // unchanged since the escalation, the same category is judged
    }

    [Fact]
    public void GSO05_StillWithSupervisorEps_WarnsBeforeTheEscalation()
    {
        var atEps = ReleaseCase() with { OwnerId = Queue("Supervisor_EPS"), History = [FieldChange.Owner(Queue("N1_Rapida"), Queue("Supervisor_EPS"), Cases.Opened.AddMinutes(5), User(3))] };

        var f = Assert.Single(Judge("GSO-05", atEps, Monday10, Gar("EMITIDO", At(2026, 2, 20, 10), At(2026, 2, 21, 10))));

        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("não há o que escalar ao GSO", f.Detail, StringComparison.Ordinal);
        Assert.Equal([User(1)], f.Mentions);

        // Supervisor EPS sent it back to the N1 agent: it is no longer about to be escalated, so no warning.
        var sentBack = atEps with { OwnerId = User(3), History = [.. atEps.History, FieldChange.Owner(Queue("Supervisor_EPS"), User(3), Cases.Opened.AddMinutes(30), User(1))] };
        Assert.Empty(Judge("GSO-05", sentBack, Monday10, Gar("EMITIDO", At(2026, 2, 20, 10), At(2026, 2, 21, 10))));
    }

    [Fact]
    public void GSO06_UrgentPriorityWithoutMark_IsCritical()
    {
        var f = Assert.Single(Judge("GSO-06", Compliant with { Priority = "Urgente" }, Monday10));

        Assert.Equal(FindingKind.Critical, f.Kind);
        Assert.Equal(Severity.Critical, f.Severity);
    }

    [Fact]
    public void GSO06_OuvidoriaCategory_IsCritical_UnlessAlreadyMarked()
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, "Escalonamento de casos Críticos – Ouvidoria, Corporativo"));

        Assert.Single(Judge("GSO-06", c, Monday10));
        Assert.Empty(Judge("GSO-06", c.WithFields((LogicalField.CriticalMark, "true")), Monday10));
    }

    [Fact]
    public void GSO07_ConcludedWithoutLevelThreeSolutionOrInternalComment_IsMissingField()
    {
        var c = Compliant with { Status = "Concluído III" };

        Assert.Equal("devolvido como Concluído III sem a Solução do nível 3 e sem um comentário interno da equipe GSO", Assert.Single(Judge("GSO-07", c, Monday10)).Detail);
        var done = c.WithFields((LogicalField.Level3Solution, "Agenda liberada")) with
        {
            Comments = [.. c.Comments, new CaseComment("GAR consultado, agenda liberada.", false, EscalatedToGso.AddMinutes(30), User(2))],
        };
        Assert.Empty(Judge("GSO-07", done, Monday10));
    }

    [Theory]
    [InlineData(true, 30)] // published: the customer's view, not an internal comment
    [InlineData(false, -10)] // written before the case reached GSO
    public void GSO07_OnlyAPrivateCommentByGsoAfterTheEscalation_Counts(bool published, int minutesAfterEscalation)
    {
        var c = (Compliant with { Status = "Concluído III" }).WithFields((LogicalField.Level3Solution, "Agenda liberada")) with
        {
            Comments = [.. Compliant.Comments, new CaseComment("Análise feita.", published, EscalatedToGso.AddMinutes(minutesAfterEscalation), User(2))],
        };

        Assert.Single(Judge("GSO-07", c, Monday10));
    }

    [Fact]
    public void GSO08_ReturnedAndNotClosedWithinOneBusinessDay_IsClosurePending()
    {
        var c = Compliant with { Status = "Concluído III", History = [.. Compliant.History, FieldChange.Status("Em Atendimento", "Concluído III", At(2026, 3, 6, 16))] }; // Friday

        Assert.Empty(Judge("GSO-08", c, At(2026, 3, 9, 16))); // due Monday 16:00, not yet passed
        var f = Assert.Single(Judge("GSO-08", c, At(2026, 3, 9, 16, 1)));
        Assert.Equal(FindingKind.ClosurePending, f.Kind);
        Assert.Empty(Judge("GSO-08", c with { IsClosed = true, Status = "Fechado", ClosedDate = At(2026, 3, 10, 9) }, At(2026, 3, 10, 9)));
    }

    [Theory]
    [InlineData("Cliente solicita a liberação do pedido, pois já validou na AR e o pedido continua parado.")]
    [InlineData("Cliente entrou em contato pois a mídia não chegou até hoje.")]
    [InlineData("Segundo o cliente, a AR não realizou o envio da mídia.")]
    [InlineData("Cliente está sem agenda há 10 dias.")]
    public void GSO02_AComplaintToldWithoutAReportingVerb_IsTheComplaint(string complaint)
    {
        // Reproduced: each of these, closing an otherwise complete comment, was "faltam nos comentários: descrição da reclamação".
        var c = Compliant with
        {
            Comments = [new CaseComment("Tipo de solicitação: Não tem agenda disponível. Pedido 48100221, mídia token. Cliente: José Pereira, jose.pereira@cliente.example, (19) 99876-1122. " + complaint,
                false, Cases.Opened.AddMinutes(2), User(3))],
        };

        Assert.Empty(Judge("GSO-02", c, Monday10));
    }

    [Theory]
    [InlineData("Tel.: (19) 99876-1122 - 3 tentativas de contato sem sucesso.")]
    [InlineData("Cliente José (19) 99876-1122 10/03 validou.")]
    public void GSO02_ThePhoneFollowedByAnotherNumberOnItsLine_IsThePhone(string line)
    {
        // Reproduced: the phone and the number after it made one run of 12 or 13 digits, read as neither: "telefone do cliente" missing.
        var c = Compliant with
        {
            Comments = [new CaseComment("Tipo de solicitação: Não tem agenda disponível. Pedido 48100221, mídia token. Cliente: José Pereira, jose.pereira@cliente.example. " +
                "Cliente reclama que não encontra agenda há 10 dias.\n" + line, false, Cases.Opened.AddMinutes(2), User(3))],
        };

        Assert.Empty(Judge("GSO-02", c, Monday10));
    }

    [Fact]
    public void GSO09_ReachedGsoWithoutPassingSupervisorEps_IsInvalidEscalation()
    {
        var c = Compliant with { History = [FieldChange.Owner(Queue("N1_Rapida"), Queue("GSO"), Cases.Opened.AddMinutes(5), User(3))] };

        var f = Assert.Single(Judge("GSO-09", c, Monday10));

        Assert.Equal(FindingKind.InvalidEscalation, f.Kind);
        Assert.Equal("escalado ao GSO em 02/03/2026 09:05 por Juliana Prado sem passar pelo Supervisor EPS", f.Detail);
        Assert.Equal([User(3), User(1)], f.Mentions);
    }

    [Fact]
    public void GSO09_ACaseThatSupervisorEpsHeldHerself_PassedThroughEps()
    {
        // Reproduced: Marina (Supervisor EPS) took the case from the N1 agent, checked it and sent it to GSO, and was accused of escalating
        // "sem passar pelo Supervisor EPS"; so was a case she opened herself.
        var taken = Compliant with
        {
            OwnerId = Queue("GSO"),
            History = [FieldChange.Owner(User(3), User(1), Cases.Opened.AddMinutes(5), User(1)), FieldChange.Owner(User(1), Queue("GSO"), Cases.Opened.AddMinutes(20), User(1))],
        };
        var opened = Compliant with { OwnerId = Queue("GSO"), CreatedById = User(1), History = [FieldChange.Owner(User(1), Queue("GSO"), Cases.Opened.AddMinutes(20), User(1))] };
        var direct = Compliant with { OwnerId = Queue("GSO"), History = [FieldChange.Owner(User(3), Queue("GSO"), Cases.Opened.AddMinutes(20), User(3))] };

        Assert.Empty(Judge("GSO-09", taken, Monday10));
        Assert.Equal("o caso passou por Marina Costa, da fila Supervisor EPS", Reason("GSO-09", taken, Monday10));
        Assert.Empty(Judge("GSO-09", opened, Monday10));
        Assert.Single(Judge("GSO-09", direct, Monday10)); // the N1 agent straight to GSO still skipped the check
    }

    [Fact]
    public void GSO09_ACaseCreatedInTheEpsQueue_PassedThroughIt()
    {
        // Reproduced: the queue a case was created in appears in owner history only as the old value of its first move.
        var c = Compliant with { History = [FieldChange.Owner(Queue("Supervisor_EPS"), Queue("GSO"), Cases.Opened.AddMinutes(5), User(1))] };

        Assert.Empty(Judge("GSO-09", c, Monday10));
    }

    [Fact]
    public void GSO09_WithoutOwnerHistory_SaysNothing_UnlessTheOrgRecordsIt()
    {
        // Reproduced: in an org that does not track owner history, every case sitting in GSO was accused of skipping EPS.
        var created = Compliant with { OwnerId = Queue("GSO"), History = [] };

        Assert.Empty(Judge("GSO-09", created, Monday10));
        Assert.Single(Judge("GSO-09", created, Monday10, Org(tracksOwnerHistory: true))); // it never moved: created straight in GSO
    }

    /// <summary>The compliant case before the N1 agent escalated it: still in the agent's own queue.</summary>
    private static CaseSnapshot NotEscalated() => Compliant with { OwnerId = Queue("N1_Rapida"), History = [] };

    [Fact]
    public void ClosedCases_AreNotJudgedByTheRulesForOpenCases()
    {
        AssertJudgedOnlyWhileOpen("GSO-01", Compliant.WithFields((LogicalField.EscalationCategory, "Cancelamento de pedido")), Monday10);
        AssertJudgedOnlyWhileOpen("GSO-02", Compliant.WithFields((LogicalField.MediaType, null)), Monday10);
        AssertJudgedOnlyWhileOpen("GSO-03", Compliant.WithFields((LogicalField.EscalationCategory, "Reclamação de má conduta do posto de atendimento (AR)")) with { AttachmentCount = 0 }, Monday10);
        AssertJudgedOnlyWhileOpen("GSO-04", WaitingInGso(At(2026, 3, 2, 9)), At(2026, 3, 2, 10, 1));
        AssertJudgedOnlyWhileOpen("GSO-05", ReleaseCase(), Monday10, Gar("EMITIDO", At(2026, 2, 20, 10), At(2026, 2, 21, 10)));
        AssertJudgedOnlyWhileOpen("GSO-06", Compliant with { Priority = "Urgente" }, Monday10);
        // GSO-07 and GSO-08 judge the returned status only, which is not a closed one.
    }

    [Theory]
    [InlineData("Pedido 48100221\n(19) 99876-1122")]
    [InlineData("Pedido 48100221 (19) 99876-1122")]
    [InlineData("Pedido 48100221\n19 99876 1122")]
    public void GSO02_ThePhoneRightAfterTheOrderNumber_IsFound(string comment)
    {
        // Reproduced: the order number and the phone read as one 18-digit number, and the comment was accused of lacking the phone.
        var data = new EscalationData([], "48100221", null, null, "(19) 99876-1122", null, null);

        Assert.True(EscalationComments.Read(comment, data).Phone);
        Assert.False(EscalationComments.Read("Pedido 48100221 protocolo 2026 99876-1123", data).Phone);
    }

    [Fact]
    public void AClockMetInTime_IsNotJudgedAgainAtItsDeadline()
    {
        // GSO-04: routed to GSO at 09:20 and accepted in time; its deadline (10:20) is no reason to judge the case again.
        var next = NextChange(Compliant, Monday10);

        Assert.NotEqual(At(2026, 3, 2, 10, 20).AddMilliseconds(1), next);
    }
}
