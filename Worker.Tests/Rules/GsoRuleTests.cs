using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

public sealed class GsoRuleTests
{
    private static readonly CaseSnapshot Compliant = Cases.Gso();

    [Fact]
    public void CompliantCase_HasNoFindings() => Assert.Empty(Judge(Compliant, Monday10));

    [Fact]
    [Fires("GSO-01")]
    public void GSO01_CategoryOutsideTheTwelveSituations_IsInvalidEscalation()
    {
        var f = Assert.Single(Judge("GSO-01", Compliant.WithFields((LogicalField.EscalationCategory, "Cancelamento de pedido")), Monday10));

        Assert.Equal(FindingKind.InvalidEscalation, f.Kind);
        Assert.Equal([User(3), User(1)], f.Mentions); // the opening agent and Supervisor EPS
    }

    [Fact]
    [Fires("GSO-01")]
    public void GSO01_EmptyCategory_IsInvalidEscalation() =>
        Assert.Single(Judge("GSO-01", Compliant.WithFields((LogicalField.EscalationCategory, null)), Monday10));

    [Theory]
    [InlineData("nao tem agenda disponivel")]
    [InlineData("ESCALONAMENTO DE CASOS CRITICOS - OUVIDORIA, CORPORATIVO")]
    [InlineData("Liberação de pedido – Aguardando Validação/Aguardando Preparação")]
    public void GSO01_SeedWordingIgnoringCaseAccentsAndDashes_IsAccepted(string category) =>
        Assert.Empty(Judge("GSO-01", Compliant.WithFields((LogicalField.EscalationCategory, category)), Monday10));

    [Theory]
    [InlineData(null, "não está preenchido")]
    [InlineData("48-100", "fora do formato")]
    [Fires("GSO-02")]
    public void GSO02_OrderNumberFieldEmptyOrMalformed_IsMissingField(string? order, string expected)
    {
        var findings = Judge("GSO-02", Compliant.WithFields((LogicalField.OrderNumber, order)), Monday10);

        Assert.Contains(findings, f => f.Kind == FindingKind.MissingField && f.Detail.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    [Fires("GSO-02")]
    public void GSO02_CommentsWithoutContactData_AreIncomplete()
    {
        var c = Compliant with { Comments = [new CaseComment("Tipo de solicitação: Não tem agenda disponível. Pedido 48100221. Cliente: José reclama.", false, Cases.Opened, User(3))] };

        var f = Assert.Single(Judge("GSO-02", c, Monday10));

        Assert.Equal(FindingKind.CommentIncomplete, f.Kind);
        Assert.Equal("faltam nos comentários: e-mail, telefone", f.Detail);
    }

    [Fact]
    public void GSO02_MediaShipmentAndArCategory_NeedAddressAndArName()
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, "Atraso no envio da mídia"));

        var f = Assert.Single(Judge("GSO-02", c, Monday10));

        Assert.Equal("faltam nos comentários: endereço para envio da mídia, nome da AR/AGR", f.Detail);
    }

    [Fact]
    [Fires("GSO-03")]
    public void GSO03_WhatsAppWithoutAttachment_IsMissingEvidence()
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, "Reclamação de má conduta do posto de atendimento (AR)")) with { AttachmentCount = 0 };

        Assert.Equal(FindingKind.MissingEvidence, Assert.Single(Judge("GSO-03", c, Monday10)).Kind);
    }

    [Fact]
    [Fires("GSO-03")]
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

    private static OrgContext RoutedToGso(DateTimeOffset requested, DateTimeOffset? accepted = null) =>
        Org(agentWork: [new AgentWorkInfo(Compliant.Id, User(2), Queue("GSO"), accepted is null ? "Assigned" : "Opened", requested, accepted)]);

    [Fact]
    [Fires("GSO-04")]
    public void GSO04_NotAcceptedWithinOneBusinessHour_IsBreached()
    {
        var f = Assert.Single(Judge("GSO-04", Compliant, At(2026, 3, 2, 10, 1), RoutedToGso(At(2026, 3, 2, 9))));

        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Equal(At(2026, 3, 2, 10), f.DueAt);
        Assert.Equal([User(1)], f.Mentions);
    }

    [Fact]
    public void GSO04_AtTheExactTargetInstant_IsAWarningNotABreach()
    {
        var f = Assert.Single(Judge("GSO-04", Compliant, At(2026, 3, 2, 10), RoutedToGso(At(2026, 3, 2, 9))));

        Assert.Equal(FindingKind.SlaWarning, f.Kind);
        Assert.Equal(Severity.Warning, f.Severity);
    }

    [Fact]
    public void GSO04_RoutedFridayEvening_IsDueMondayMorning()
    {
        var org = RoutedToGso(At(2026, 3, 6, 17, 30));

        Assert.DoesNotContain(Judge("GSO-04", Compliant, At(2026, 3, 9, 8, 29), org), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 9, 8, 30), Assert.Single(Judge("GSO-04", Compliant, At(2026, 3, 9, 8, 31), org)).DueAt);
    }

    [Fact]
    public void GSO04_RoutedBeforeGoodFriday_SkipsTheHoliday()
    {
        var org = RoutedToGso(At(2026, 4, 2, 17, 30)); // Thursday; Friday 3 April is a holiday

        Assert.Equal(At(2026, 4, 6, 8, 30), Assert.Single(Judge("GSO-04", Compliant, At(2026, 4, 6, 9), org)).DueAt);
    }

    [Fact]
    public void GSO04_AcceptedInTime_IsFine_AcceptedLate_IsStillABreach()
    {
        Assert.Empty(Judge("GSO-04", Compliant, At(2026, 3, 2, 15), RoutedToGso(At(2026, 3, 2, 9), At(2026, 3, 2, 9, 50))));
        Assert.Single(Judge("GSO-04", Compliant, At(2026, 3, 2, 15), RoutedToGso(At(2026, 3, 2, 9), At(2026, 3, 2, 10, 30))));
    }

    [Fact]
    [Fires("GSO-04-EPS")]
    public void GSO04Eps_PendingAtSupervisorEpsOverTwoBusinessHours_IsBreached()
    {
        var org = Org(pending: [new PendingRoutingInfo(Compliant.Id, Queue("Supervisor_EPS"), At(2026, 3, 2, 9))]);

        Assert.Empty(Judge("GSO-04-EPS", Compliant, At(2026, 3, 2, 10), org));
        Assert.Equal(FindingKind.SlaBreach, Assert.Single(Judge("GSO-04-EPS", Compliant, At(2026, 3, 2, 11, 1), org)).Kind);
    }

    private static CaseSnapshot ReleaseCase(string category = "Liberação de pedido - Aguardando Verificação") =>
        Compliant.WithFields((LogicalField.EscalationCategory, category), (LogicalField.OrderNumber, "48377001"));

    [Theory]
    [InlineData("EMITIDO", "escalonamento indevido")]
    [InlineData("APROVADO", "escalonamento indevido")]
    [InlineData("AGUARDANDO_VALIDACAO", "a categoria pede AGUARDANDO_VERIFICACAO")]
    [Fires("GSO-05")]
    public void GSO05_GarStatusContradictsEscalation_IsGarMismatch(string status, string expected)
    {
        var org = Org(gar: [new GarOrder("48377001", status, At(2026, 2, 20, 10), At(2026, 2, 21, 10))]);

        Assert.Contains(expected, Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, org)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    [Fires("GSO-05")]
    public void GSO05_OrderUnknownToGar_IsFlagged() =>
        Assert.Contains("não existe no GAR", Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, Org(gar: []))).Detail, StringComparison.Ordinal);

    [Fact]
    [Fires("GSO-05")]
    public void GSO05_EscalatedUnder24HoursAfterValidation_IsPremature()
    {
        var org = Org(gar: [new GarOrder("48377001", "AGUARDANDO_VERIFICACAO", Cases.Opened.AddHours(-23), Cases.Opened)]);

        Assert.Contains("prematuro", Assert.Single(Judge("GSO-05", ReleaseCase(), Monday10, org)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GSO05_StatusAsEscalatedAndOver24Hours_IsFine_AndWithoutGarDataNothingIsGuessed()
    {
        var org = Org(gar: [new GarOrder("48377001", "AGUARDANDO_VERIFICACAO", Cases.Opened.AddHours(-24), Cases.Opened)]);

        Assert.Empty(Judge("GSO-05", ReleaseCase(), Monday10, org));
        Assert.Empty(Judge("GSO-05", ReleaseCase(), Monday10, Org()));
    }

    [Fact]
    [Fires("GSO-06")]
    public void GSO06_UrgentPriorityWithoutMark_IsCritical()
    {
        var f = Assert.Single(Judge("GSO-06", Compliant with { Priority = "Urgente" }, Monday10));

        Assert.Equal(FindingKind.Critical, f.Kind);
        Assert.Equal(Severity.Critical, f.Severity);
    }

    [Fact]
    [Fires("GSO-06")]
    public void GSO06_OuvidoriaCategory_IsCritical_UnlessAlreadyMarked()
    {
        var c = Compliant.WithFields((LogicalField.EscalationCategory, "Escalonamento de casos Críticos – Ouvidoria, Corporativo"));

        Assert.Single(Judge("GSO-06", c, Monday10));
        Assert.Empty(Judge("GSO-06", c.WithFields((LogicalField.CriticalMark, "true")), Monday10));
    }

    [Fact]
    [Fires("GSO-07")]
    public void GSO07_ConcludedWithoutLevelThreeSolution_IsMissingField()
    {
        var c = Compliant with { Status = "Concluído III" };

        Assert.Equal("status Concluído III sem Solução do nível 3 e Comentários internos", Assert.Single(Judge("GSO-07", c, Monday10)).Detail);
        Assert.Empty(Judge("GSO-07", c.WithFields((LogicalField.Level3Solution, "Agenda liberada"), (LogicalField.InternalComments, "GAR consultado")), Monday10));
    }

    [Fact]
    [Fires("GSO-08")]
    public void GSO08_ReturnedAndNotClosedWithinOneBusinessDay_IsClosurePending()
    {
        var c = Compliant with { Status = "Concluído III", StatusHistory = [new StatusChange("Em Atendimento", "Concluído III", At(2026, 3, 6, 16))] }; // Friday

        Assert.Empty(Judge("GSO-08", c, At(2026, 3, 9, 16))); // due Monday 16:00, not yet passed
        var f = Assert.Single(Judge("GSO-08", c, At(2026, 3, 9, 16, 1)));
        Assert.Equal(FindingKind.ClosurePending, f.Kind);
        Assert.Empty(Judge("GSO-08", c with { IsClosed = true, Status = "Fechado" }, At(2026, 3, 10, 9)));
    }
}
