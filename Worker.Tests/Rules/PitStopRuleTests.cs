using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

public sealed class PitStopRuleTests
{
    private static readonly CaseSnapshot Compliant = Cases.PitStop();

    [Fact]
    public void CompliantCase_HasNoFindings() => Assert.Empty(Judge(Compliant, Monday10));

    [Fact]
    [Fires("PIT-01")]
    public void PIT01_FourHourTierPassed_IsBreached_ExactInstantIsNot()
    {
        Assert.DoesNotContain(Judge("PIT-01", Compliant, At(2026, 3, 2, 13)), f => f.Kind == FindingKind.SlaBreach);
        var f = Assert.Single(Judge("PIT-01", Compliant, At(2026, 3, 2, 13, 1)));
        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Equal(At(2026, 3, 2, 13), f.DueAt);
    }

    [Fact]
    [Fires("PIT-01")]
    public void PIT01_PastEightyPercent_IsAWarning()
    {
        Assert.Empty(Judge("PIT-01", Compliant, At(2026, 3, 2, 12, 11)));
        Assert.Equal(FindingKind.SlaWarning, Assert.Single(Judge("PIT-01", Compliant, At(2026, 3, 2, 12, 12))).Kind);
    }

    [Fact]
    public void PIT01_AwaitingCustomer_PausesTheClock()
    {
        var c = Compliant with
        {
            StatusHistory = [new StatusChange("Em Atendimento", "Aguardando Cliente", At(2026, 3, 2, 10)), new StatusChange("Aguardando Cliente", "Em Atendimento", At(2026, 3, 2, 12))],
        };

        Assert.DoesNotContain(Judge("PIT-01", c, At(2026, 3, 2, 13, 1)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 2, 15), Assert.Single(Judge("PIT-01", c, At(2026, 3, 2, 15, 1))).DueAt);
    }

    [Theory]
    [InlineData("IS", 30)]
    [InlineData("urgente", 60)]
    [InlineData("10 Dias", 14400)]
    public void PIT01_TierTargets_FollowSlaTiersCsv(string tier, int minutes)
    {
        var c = Compliant.WithFields((LogicalField.SlaTier, tier));

        Assert.Equal(Cases.Opened.AddMinutes(minutes), Assert.Single(Judge("PIT-01", c, Cases.Opened.AddMinutes(minutes + 1))).DueAt);
    }

    [Fact]
    public void PIT01_UnknownTier_IsNotGuessed() => Assert.Empty(Judge("PIT-01", Compliant.WithFields((LogicalField.SlaTier, "3 Horas")), At(2026, 3, 9, 9)));

    [Fact]
    [Fires("PIT-02")]
    public void PIT02_OwnedByN2WithoutManagerValidation_IsUnvalidatedEscalation()
    {
        var c = Compliant with { OwnerId = Queue("N2") };

        var f = Assert.Single(Judge("PIT-02", c, Monday10));

        Assert.Equal(FindingKind.UnvalidatedEscalation, f.Kind);
        Assert.Contains(User(4), f.Mentions); // the technical manager
        Assert.Empty(Judge("PIT-02", c.WithFields((LogicalField.ManagerValidation, "true")), Monday10));
    }

    [Fact]
    [Fires("PIT-02")]
    public void PIT02_RoutedToEspecialistasWithoutValidation_IsUnvalidatedEscalation()
    {
        var org = Org(agentWork: [new AgentWorkInfo(Compliant.Id, User(4), Queue("Especialistas"), "Opened", Cases.Opened, Cases.Opened.AddMinutes(2))]);

        Assert.Single(Judge("PIT-02", Compliant, Monday10, org));
    }

    private static OrgContext Waiting(PresenceInfo? presence) =>
        Org(pending: [new PendingRoutingInfo(Compliant.Id, Queue("N1_Filiais"), At(2026, 3, 2, 9))], presence: presence is null ? null : [presence]);

    [Fact]
    [Fires("PIT-03")]
    public void PIT03_WaitingOverTenMinutesWithNobodyAvailable_CallsManagementSupport()
    {
        var lunch = new PresenceInfo(User(14), "Almoco", At(2026, 3, 2, 9), IsAway: true);

        Assert.Empty(Judge("PIT-03", Compliant, At(2026, 3, 2, 9, 10), Waiting(lunch)));
        var f = Assert.Single(Judge("PIT-03", Compliant, At(2026, 3, 2, 9, 11), Waiting(lunch)));
        Assert.Equal(FindingKind.NoAgentAvailable, f.Kind);
        Assert.Equal([ChatterGroup(1)], f.Mentions); // "APOIO da gestão" as a Chatter group
    }

    [Fact]
    public void PIT03_AMemberAvailable_IsFine() =>
        Assert.Empty(Judge("PIT-03", Compliant, At(2026, 3, 2, 9, 30), Waiting(new PresenceInfo(User(14), "Disponivel", At(2026, 3, 2, 8), false))));

    [Fact]
    [Fires("PIT-03")]
    public void PIT03_HangingPresenceOlderThanMaxAge_DoesNotCountAsAvailable() =>
        Assert.Single(Judge("PIT-03", Compliant, At(2026, 3, 2, 9, 30), Waiting(new PresenceInfo(User(14), "Disponivel", At(2026, 2, 27, 8), false))));

    [Fact]
    [Fires("PIT-04")]
    public void PIT04_ComplementaryContactClosedWithoutParent_IsMissingField()
    {
        var c = Compliant with { Type = "FAQ 7347", IsClosed = true, Status = "Fechado", ClosedDate = Cases.Opened.AddMinutes(6) };

        Assert.Equal(FindingKind.MissingField, Assert.Single(Judge("PIT-04", c, Monday10)).Kind);
        Assert.Empty(Judge("PIT-04", c with { ParentId = Id("500", 1) }, Monday10));
    }
}
