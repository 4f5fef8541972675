using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Tests.Fixtures;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

public sealed class PitStopRuleTests
{
    private static readonly CaseSnapshot Compliant = Cases.PitStop();

    [Fact]
    public void CompliantCase_HasNoFindings() => Assert.Empty(Judge(Compliant, Monday10));

    [Fact]
    public void PIT01_FourHourTierPassed_IsBreached_ExactInstantIsNot()
    {
        Assert.DoesNotContain(Judge("PIT-01", Compliant, At(2026, 3, 2, 13)), f => f.Kind == FindingKind.SlaBreach);
        var f = Assert.Single(Judge("PIT-01", Compliant, At(2026, 3, 2, 13, 1)));
        Assert.Equal(FindingKind.SlaBreach, f.Kind);
        Assert.Equal(At(2026, 3, 2, 13), f.DueAt);
    }

    [Theory]
    [InlineData("N1_Blip_Matriz")]
    [InlineData("N1_Blip_Filiais")]
    [InlineData("Apoio_N1")]
    public void PIT01_ACaseWaitingInABlipQueueOrInApoioN1_TellsApoioDaGestao(string queue)
    {
        // Reproduced: these queues had no one to mention, so a breach of a case waiting in them was posted to nobody.
        var f = Assert.Single(Judge("PIT-01", Compliant with { OwnerId = Queue(queue) }, At(2026, 3, 2, 13, 1)));

        Assert.Equal(["0F9SB00000000010AA"], f.Mentions); // the APOIO da gestão Chatter group (seed 001: "acionar APOIO da Gestão")
    }

    [Fact]
    public void PIT01_InAStatusThatEndsTheCase_ThatSalesforceDoesNotFlagClosed_AccusesNothing()
    {
        Assert.Empty(Judge("PIT-01", Compliant with { Status = "Fechado" }, At(2026, 3, 2, 13, 1)));
        Assert.Equal("o status \"Fechado\" conta como caso encerrado", Reason("PIT-01", Compliant with { Status = "Fechado" }, At(2026, 3, 2, 13, 1)));
        Assert.Equal(FindingKind.SlaBreach, Assert.Single(Judge("PIT-01", Compliant with { Status = "Em Atendimento" }, At(2026, 3, 2, 13, 1))).Kind);
    }

    [Fact]
    public void PIT01_ACaseClosedAfterItsDeadline_IsJudgedAtItsClosing_AsABreachMetLate()
    {
        // The clock stops at the closing: closed at 14:00, four hours after 09:00 were over at 13:00; the breach stands, settled.
        var closed = Compliant with
        {
            IsClosed = true, Status = "Fechado", ClosedDate = At(2026, 3, 2, 14), History = [FieldChange.Status("Em Atendimento", "Fechado", At(2026, 3, 2, 14), User(14))],
        };

        var f = Assert.Single(Judge("PIT-01", closed, At(2026, 3, 2, 14)));
        Assert.Equal((FindingKind.SlaBreach, At(2026, 3, 2, 13), true), (f.Kind, f.DueAt, f.Settled));
        Assert.Empty(Judge("PIT-01", closed with
        {
            ClosedDate = At(2026, 3, 2, 12, 30), History = [FieldChange.Status("Em Atendimento", "Fechado", At(2026, 3, 2, 12, 30), User(14))],
        }, At(2026, 3, 2, 12, 30)));
    }

    [Fact]
    public void PIT01_PastEightyPercent_IsAWarning()
    {
        Assert.Empty(Judge("PIT-01", Compliant, At(2026, 3, 2, 12, 11)));
        Assert.Equal(FindingKind.SlaWarning, Assert.Single(Judge("PIT-01", Compliant, At(2026, 3, 2, 12, 12))).Kind);
    }

    [Fact]
    public void PIT01_AShorterTierSetTooLateToEndSooner_KeepsTheDeadlineTheCaseHad()
    {
        // Reproduced: "4 Horas" from Monday 09:00 (due 13:00), made "2 Horas" at 12:00: the clock restarted at 12:00, the case was
        // not late at 13:30, and at 14:01 the alert said the change "encurtou o prazo", when it had moved it an hour later.
        var c = Compliant.WithFields((LogicalField.SlaTier, "2 Horas")) with
        {
            History = [new FieldChange("Nivel_SLA__c", "4 Horas", "2 Horas", At(2026, 3, 2, 12), User(14))],
        };

        Assert.DoesNotContain(Judge("PIT-01", c, At(2026, 3, 2, 13)), f => f.Kind == FindingKind.SlaBreach);
        var f = Assert.Single(Judge("PIT-01", c, At(2026, 3, 2, 13, 1)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 2, 13), f.DueAt);
        Assert.Equal("resolução no SLA 4 Horas (4 horas): o nível do caso até 02/03/2026 12:00, quando passou a 2 Horas, que daria um prazo mais longo", f.Detail);
        // The same breach as had the tier stayed: its key does not change with the tier.
        Assert.Equal(Assert.Single(Judge("PIT-01", Compliant, At(2026, 3, 2, 13, 1))).BreachKey, f.BreachKey);

        // Set early enough to end sooner ("2 Horas" at 10:00, due 12:00), the shorter tier runs from the change, as before.
        var early = c with { History = [new FieldChange("Nivel_SLA__c", "4 Horas", "2 Horas", At(2026, 3, 2, 10), User(14))] };
        Assert.Equal(At(2026, 3, 2, 12), Assert.Single(Judge("PIT-01", early, At(2026, 3, 2, 12, 1)), f => f.Kind == FindingKind.SlaBreach).DueAt);
        // Kept past the change, then made "Urgente" at 12:30 (due 13:30, still later): the 13:00 deadline stays; then relaxed to
        // "24 Horas" at 12:45, the tier set is measured from the opening, as any relaxation.
        var twice = Compliant.WithFields((LogicalField.SlaTier, "Urgente")) with
        {
            History = [new FieldChange("Nivel_SLA__c", "4 Horas", "2 Horas", At(2026, 3, 2, 12), User(14)), new FieldChange("Nivel_SLA__c", "2 Horas", "Urgente", At(2026, 3, 2, 12, 30), User(14))],
        };
        var keptTwice = Assert.Single(Judge("PIT-01", twice, At(2026, 3, 2, 13, 1)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 2, 13), keptTwice.DueAt);
        Assert.EndsWith("até 02/03/2026 12:00, quando passou a 2 Horas, que daria um prazo mais longo", keptTwice.Detail, StringComparison.Ordinal); // the tier set then
        // Cleared, or made a tier the mappings do not know, after it was kept: no tier is judged, as for any case without one.
        foreach (var to in new[] { "", "3 Horas" })
        {
            var cleared = Compliant.WithFields((LogicalField.SlaTier, to == "" ? null : to)) with
            {
                History = [new FieldChange("Nivel_SLA__c", "4 Horas", "2 Horas", At(2026, 3, 2, 12), User(14)), new FieldChange("Nivel_SLA__c", "2 Horas", to, At(2026, 3, 2, 12, 30), User(14))],
            };
            Assert.Empty(Judge("PIT-01", cleared, At(2026, 3, 2, 13, 1)));
        }

        // Kept at 11:30 ("2 Horas" would end at 13:30), cleared at 11:40, "4 Horas" again at 11:50: the 4 hours from 09:00 stand,
        // not the 2 hours the case never ran by, counted from the opening (due 11:00, a breach at 12:00).
        var setAgain = Compliant with
        {
            History =
            [
                new FieldChange("Nivel_SLA__c", "4 Horas", "2 Horas", At(2026, 3, 2, 11, 30), User(14)), new FieldChange("Nivel_SLA__c", "2 Horas", "", At(2026, 3, 2, 11, 40), User(14)),
                new FieldChange("Nivel_SLA__c", "", "4 Horas", At(2026, 3, 2, 11, 50), User(14)),
            ],
        };
        Assert.DoesNotContain(Judge("PIT-01", setAgain, At(2026, 3, 2, 12)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 2, 13), Assert.Single(Judge("PIT-01", setAgain, At(2026, 3, 2, 13, 1)), f => f.Kind == FindingKind.SlaBreach).DueAt);
        // From a tier the mappings do not know ("3 Horas" at 11:40) to "2 Horas" at 11:50: counted from 11:50, not from the opening.
        var fromUnknown = Compliant.WithFields((LogicalField.SlaTier, "2 Horas")) with
        {
            History =
            [
                new FieldChange("Nivel_SLA__c", "4 Horas", "3 Horas", At(2026, 3, 2, 11, 40), User(14)), new FieldChange("Nivel_SLA__c", "3 Horas", "2 Horas", At(2026, 3, 2, 11, 50), User(14)),
            ],
        };
        Assert.DoesNotContain(Judge("PIT-01", fromUnknown, At(2026, 3, 2, 12)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 2, 13, 50), Assert.Single(Judge("PIT-01", fromUnknown, At(2026, 3, 2, 13, 51)), f => f.Kind == FindingKind.SlaBreach).DueAt);
        var relaxed = Compliant.WithFields((LogicalField.SlaTier, "24 Horas")) with
        {
            History = [.. twice.History, new FieldChange("Nivel_SLA__c", "Urgente", "24 Horas", At(2026, 3, 2, 12, 45), User(14))],
        };
        Assert.DoesNotContain(Judge("PIT-01", relaxed, At(2026, 3, 2, 13, 1)), f => f.Kind == FindingKind.SlaBreach);
    }

    [Fact]
    public void PIT01_AShorterTierSetWhileTheCaseAwaitsTheCustomer_IsComparedByTheTimeEachHasLeft()
    {
        // "4 Horas" from 09:00, awaiting the customer from 12:30 to 14:00 (3h30 used, 30 minutes left), made "2 Horas" at 13:00: the
        // 2 hours would end later than the 30 minutes left, so the 4 hours stand, due at 14:30. Neither was due while paused, and
        // the clock had restarted at 13:00, due at 16:00.
        var c = Compliant.WithFields((LogicalField.SlaTier, "2 Horas")) with
        {
            History =
            [
                FieldChange.Status("Em Atendimento", "Aguardando Cliente", At(2026, 3, 2, 12, 30), User(14)),
                new FieldChange("Nivel_SLA__c", "4 Horas", "2 Horas", At(2026, 3, 2, 13), User(14)),
                FieldChange.Status("Aguardando Cliente", "Em Atendimento", At(2026, 3, 2, 14), User(14)),
            ],
        };

        Assert.Equal(At(2026, 3, 2, 14, 30), Assert.Single(Judge("PIT-01", c, At(2026, 3, 2, 14, 31)), f => f.Kind == FindingKind.SlaBreach).DueAt);
    }

    [Theory]
    [InlineData("72 Horas")]
    [InlineData("")]
    public void PIT01_ACaseLateUnderItsTier_StaysLate_WhenTheTierIsRelaxedOrClearedAfterwards(string to)
    {
        // Reproduced: late under "4 Horas" at 13:00 and posted, made "72 Horas" (or cleared) at 14:00: the breach cleared and a
        // note said it was resolved, when the deadline had been missed and nothing was done.
        var c = Compliant.WithFields((LogicalField.SlaTier, to == "" ? null : to)) with
        {
            History = [new FieldChange("Nivel_SLA__c", "4 Horas", to, At(2026, 3, 2, 14), User(14))],
        };
        var late = Assert.Single(Judge("PIT-01", Compliant, At(2026, 3, 2, 13, 30)));

        var still = Assert.Single(Judge("PIT-01", c, At(2026, 3, 2, 14, 10)));
        Assert.Equal((late.BreachKey, late.DueAt, late.Detail), (still.BreachKey, still.DueAt, still.Detail));
    }

    [Fact]
    public void PIT01_ATierMadeStricterLater_RunsFromThatChange_NotFromTheOpening()
    {
        // Reproduced: an OC opened as "72 Horas" (Monday 09:00) and made "Urgente" on Tuesday at 10:00 was reported at once, its
        // deadline said to be Monday 10:00, when the case was not urgent.
        var c = Compliant.WithFields((LogicalField.SlaTier, "Urgente")) with
        {
            History = [new FieldChange("Nivel_SLA__c", "72 Horas", "Urgente", At(2026, 3, 3, 10), User(14))],
        };

        Assert.DoesNotContain(Judge("PIT-01", c, At(2026, 3, 3, 10, 5)), f => f.Kind == FindingKind.SlaBreach);
        var f = Assert.Single(Judge("PIT-01", c, At(2026, 3, 3, 11, 1)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 3, 11), f.DueAt);
        Assert.EndsWith("contado da mudança de nível que encurtou o prazo, em 03/03/2026 10:00", f.Detail, StringComparison.Ordinal);
        // A tier relaxed once the case was late ("Urgente", due 10:00, made "4 Horas" at 12:00) keeps the deadline it missed:
        // changing the tier never restarts a late case's clock, nor takes back its breach.
        var relaxed = Compliant with { History = [new FieldChange("Nivel_SLA__c", "Urgente", "4 Horas", At(2026, 3, 2, 12), User(14))] };
        foreach (var now in new[] { At(2026, 3, 2, 12, 30), At(2026, 3, 2, 13, 1) })
        {
            var stillLate = Assert.Single(Judge("PIT-01", relaxed, now), f => f.Kind == FindingKind.SlaBreach);
            Assert.Equal((At(2026, 3, 2, 10), "resolução no SLA Urgente (1 hora)"), (stillLate.DueAt, stillLate.Detail));
        }

        // Made stricter, then relaxed ("72 Horas", "Urgente" on Tuesday at 10:00, "4 Horas" at 10:30): counted from the tightening.
        var tightenedThenRelaxed = Compliant with
        {
            History = [new FieldChange("Nivel_SLA__c", "72 Horas", "Urgente", At(2026, 3, 3, 10), User(14)), new FieldChange("Nivel_SLA__c", "Urgente", "4 Horas", At(2026, 3, 3, 10, 30), User(14))],
        };
        Assert.DoesNotContain(Judge("PIT-01", tightenedThenRelaxed, At(2026, 3, 3, 10, 35)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 3, 14), Assert.Single(Judge("PIT-01", tightenedThenRelaxed, At(2026, 3, 3, 14, 1)), f => f.Kind == FindingKind.SlaBreach).DueAt);
        // Tightened twice while never late ("72 Horas", "24 Horas" on Wednesday at 09:00, "Urgente" at 10:00): from the second tightening.
        var tightenedTwice = Compliant.WithFields((LogicalField.SlaTier, "Urgente")) with
        {
            History = [new FieldChange("Nivel_SLA__c", "72 Horas", "24 Horas", At(2026, 3, 4, 9), User(14)), new FieldChange("Nivel_SLA__c", "24 Horas", "Urgente", At(2026, 3, 4, 10), User(14))],
        };
        Assert.DoesNotContain(Judge("PIT-01", tightenedTwice, At(2026, 3, 4, 10, 5)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 4, 11), Assert.Single(Judge("PIT-01", tightenedTwice, At(2026, 3, 4, 11, 1)), f => f.Kind == FindingKind.SlaBreach).DueAt);
        // A case already late under its tier ("4 Horas", due 13:00) made "Urgente" at 14:00 stays late from the opening, under the same key.
        var lateThenTightened = Compliant.WithFields((LogicalField.SlaTier, "Urgente")) with
        {
            History = [new FieldChange("Nivel_SLA__c", "4 Horas", "Urgente", At(2026, 3, 2, 14), User(14))],
        };
        var late = Assert.Single(Judge("PIT-01", Compliant, At(2026, 3, 2, 13, 30)), f => f.Kind == FindingKind.SlaBreach);
        var still = Assert.Single(Judge("PIT-01", lateThenTightened, At(2026, 3, 2, 14, 5)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(late.BreachKey, still.BreachKey);
        // Late under "4 Horas", relaxed to "72 Horas" and made "4 Horas" again, or cleared and set again: still late from the opening.
        foreach (var (from, to) in new[] { ("72 Horas", "4 Horas"), ("", "4 Horas") })
        {
            var cycled = Compliant with
            {
                History = [new FieldChange("Nivel_SLA__c", "4 Horas", from, At(2026, 3, 2, 14), User(14)), new FieldChange("Nivel_SLA__c", from, to, At(2026, 3, 2, 14, 5), User(14))],
            };
            Assert.Equal(late.BreachKey, Assert.Single(Judge("PIT-01", cycled, At(2026, 3, 2, 14, 10)), f => f.Kind == FindingKind.SlaBreach).BreachKey);
        }

        // Without the tier's history (an org that does not track the field), the opening, as before.
        Assert.Equal(At(2026, 3, 2, 10), Assert.Single(Judge("PIT-01", c with { History = [] }, At(2026, 3, 3, 10, 5)), f => f.Kind == FindingKind.SlaBreach).DueAt);
    }

    [Fact]
    public void PIT01_AwaitingCustomer_PausesTheClock()
    {
        var c = Compliant with
        {
            History = [FieldChange.Status("Em Atendimento", "Aguardando Cliente", At(2026, 3, 2, 10)), FieldChange.Status("Aguardando Cliente", "Em Atendimento", At(2026, 3, 2, 12))],
        };

        Assert.DoesNotContain(Judge("PIT-01", c, At(2026, 3, 2, 13, 1)), f => f.Kind == FindingKind.SlaBreach);
        Assert.Equal(At(2026, 3, 2, 15), Assert.Single(Judge("PIT-01", c, At(2026, 3, 2, 15, 1))).DueAt);
    }

    [Fact]
    public void PIT01_ACaseCreatedAwaitingTheCustomer_IsPausedFromItsCreation()
    {
        // Reproduced: the status it was created in shows only as the old value of its first change, and the pause was lost.
        var c = Compliant with { Status = "Em Atendimento", History = [FieldChange.Status("Aguardando Cliente", "Em Atendimento", At(2026, 3, 2, 11))] };

        Assert.Equal(At(2026, 3, 2, 15), Assert.Single(Judge("PIT-01", c, At(2026, 3, 2, 15, 1))).DueAt); // 13:00 plus the two paused hours
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
    public void PIT02_OwnedByN2WithoutManagerValidation_IsUnvalidatedEscalation()
    {
        var c = Compliant with { OwnerId = Queue("N2") };

        var f = Assert.Single(Judge("PIT-02", c, Monday10));

        Assert.Equal(FindingKind.UnvalidatedEscalation, f.Kind);
        Assert.Contains(User(4), f.Mentions); // the technical manager
        Assert.Empty(Judge("PIT-02", c.WithFields((LogicalField.ManagerValidation, "true")), Monday10));
    }

    [Fact]
    public void PIT02_RoutedToN2WithoutValidation_IsUnvalidatedEscalation_EspecialistasIsNotByDefault()
    {
        var toN2 = Org(agentWork: [new AgentWorkInfo(Compliant.Id, User(4), Queue("N2"), "Opened", Cases.Opened, Cases.Opened.AddMinutes(2))]);
        var toEspecialistas = Org(agentWork: [new AgentWorkInfo(Compliant.Id, User(4), Queue("Especialistas"), "Opened", Cases.Opened, Cases.Opened.AddMinutes(2))]);

        Assert.Single(Judge("PIT-02", Compliant, Monday10, toN2));
        Assert.Empty(Judge("PIT-02", Compliant, Monday10, toEspecialistas)); // seed 001 2.4: a call taking too long goes there without a manager
    }

    [Fact]
    public void PIT05_SentToN2WithoutPassingApoioN1_IsUnvalidatedEscalation()
    {
        var c = Compliant.WithFields((LogicalField.ManagerValidation, "true")) with { OwnerId = Queue("N2"), History = [FieldChange.Owner(User(14), Queue("N2"), Cases.Opened.AddMinutes(20), User(14))] };

        var f = Assert.Single(Judge("PIT-05", c, Monday10));

        Assert.Equal("enviado direto ao N2 em 02/03/2026 09:20 por Otávio Mendes, sem passar pela fila APOIO N1", f.Detail);
        var viaApoio = c with { History = [FieldChange.Owner(User(14), Queue("Apoio_N1"), Cases.Opened.AddMinutes(10), User(14)), .. c.History] };
        Assert.Empty(Judge("PIT-05", viaApoio, Monday10));
    }

    [Fact]
    public void PIT05_SentToN2ByAPersonOfApoioDaGestao_WentThroughApoio()
    {
        // Reproduced: Otávio handed the validated case to Zenaide Rocha (APOIO da gestão), who sent it to N2; PIT-05 accused
        // Zenaide of sending it "direto ao N2, sem passar pela fila APOIO N1", though "o APOIO direcionará para o N2".
        var c = Compliant.WithFields((LogicalField.ManagerValidation, "true")) with
        {
            OwnerId = Queue("N2"),
            History = [FieldChange.Owner(User(14), User(5), Cases.Opened.AddMinutes(5), User(14)), FieldChange.Owner(User(5), Queue("N2"), Cases.Opened.AddMinutes(20), User(5))],
        };

        Assert.Empty(Judge("PIT-05", c, Monday10));
        Assert.Contains("Zenaide", Reason("PIT-05", c, Monday10), StringComparison.Ordinal);
        var byOtavio = c with { History = [FieldChange.Owner(User(14), Queue("N2"), Cases.Opened.AddMinutes(20), User(14))] };
        Assert.Single(Judge("PIT-05", byOtavio, Monday10));
    }

    [Fact]
    public void PIT05_WhenTheOrgHasNoApoioN1QueueUnderItsConfiguredName_AccusesNobody()
    {
        // Reproduced with an org whose APOIO N1 queue was spelt otherwise: every case that reached N2 was accused of skipping it.
        var data = SampleData() with { Groups = SampleData().Groups.Where(g => g.DeveloperName != "Apoio_N1").ToList() };
        var c = Compliant.WithFields((LogicalField.ManagerValidation, "true")) with { OwnerId = Queue("N2"), History = [FieldChange.Owner(User(14), Queue("N2"), Cases.Opened.AddMinutes(20), User(14))] };

        AssertNotJudged("PIT-05", c, Monday10, "a fila Apoio_N1 não foi encontrada na org, a passagem por ela não pode ser conferida", new OrgContext(data));
        Assert.Single(Judge("PIT-05", c, Monday10)); // the same case, where the queue is known
    }

    private static OrgContext Waiting(PresenceInfo? presence) =>
        Org(pending: [new PendingRoutingInfo(Compliant.Id, Queue("N1_Filiais"), At(2026, 3, 2, 9))], presence: presence is null ? null : [presence]);

    /// <summary>The case as queue-based routing holds it while it waits: owned by the queue it was routed to.</summary>
    private static readonly CaseSnapshot InFiliais = Compliant with { OwnerId = Queue("N1_Filiais") };

    [Fact]
    public void PIT03_NobodyAvailableAfterOffersWereDeclined_SaysBoth()
    {
        // Reproduced (in review): with the one member away after declining twice, the message said only that nobody was available.
        var org = Org(pending: [new PendingRoutingInfo(Compliant.Id, Queue("N1_Filiais"), At(2026, 3, 2, 9))],
            presence: [new PresenceInfo(User(14), "Almoco", At(2026, 3, 2, 9, 7), IsAway: true)],
            agentWork:
            [
                new AgentWorkInfo(Compliant.Id, User(14), Queue("N1_Filiais"), "Declined", At(2026, 3, 2, 9, 2), null),
                new AgentWorkInfo(Compliant.Id, User(14), Queue("N1_Filiais"), "DeclinedOnPushTimeout", At(2026, 3, 2, 9, 6), null),
            ]);

        var f = Assert.Single(Judge("PIT-03", InFiliais, At(2026, 3, 2, 9, 11), org));

        Assert.EndsWith("nenhum membro da fila está disponível no Omni-Channel, e 2 ofertas foram recusadas ou expiraram", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void PIT03_ARoutingWhoseQueueNoLongerOwnsTheCase_IsNotWaiting()
    {
        // Reproduced on the service path: an agent accepted the work (the case became theirs, Omni-Channel deleted the
        // routing) after the last Omni-Channel sync; the case read again before the alert still met the stored routing.
        var lunch = Waiting(new PresenceInfo(User(14), "Almoco", At(2026, 3, 2, 9), IsAway: true));

        Assert.Single(Judge("PIT-03", InFiliais, At(2026, 3, 2, 9, 11), lunch));
        Assert.Empty(Judge("PIT-03", InFiliais with { OwnerId = User(14) }, At(2026, 3, 2, 9, 11), lunch)); // taken by one of the queue's people
        Assert.Empty(Judge("PIT-03", InFiliais with { OwnerId = Queue("N2") }, At(2026, 3, 2, 9, 11), lunch)); // moved to another queue
        // Owned by someone outside the queue (an Omni-Channel flow routes work without changing its owner): it still waits.
        Assert.Single(Judge("PIT-03", InFiliais with { OwnerId = User(3) }, At(2026, 3, 2, 9, 11), lunch));
    }

    [Theory]
    [InlineData("N2")]
    [InlineData("Apoio_N1")]
    [InlineData("GSO")]
    public void PIT03_WorkWaitingInAQueueOutsideTheAgenda_DoesNotCallManagementSupport(string queue)
    {
        // Reproduced: a Pit Stop case pending in N2 for ten minutes called APOIO da gestão, whom the manual calls for the
        // agenda's tabs (N1 Rápida, Blip, N1 Filiais, Especialistas) only.
        var org = Org(pending: [new PendingRoutingInfo(Compliant.Id, Queue(queue), At(2026, 3, 2, 9))]);
        var c = Compliant with { OwnerId = Queue(queue) };

        Assert.Empty(Judge("PIT-03", c, At(2026, 3, 2, 9, 30), org));
        Assert.Contains("que não é da agenda do Pit Stop", Reason("PIT-03", c, At(2026, 3, 2, 9, 30), org), StringComparison.Ordinal);
    }

    [Fact]
    public void PIT03_WaitingOverTenMinutesWithNobodyAvailable_CallsManagementSupport()
    {
        var lunch = new PresenceInfo(User(14), "Almoco", At(2026, 3, 2, 9), IsAway: true);

        Assert.Empty(Judge("PIT-03", InFiliais, At(2026, 3, 2, 9, 10), Waiting(lunch)));
        var f = Assert.Single(Judge("PIT-03", InFiliais, At(2026, 3, 2, 9, 11), Waiting(lunch)));
        Assert.Equal(FindingKind.NoAgentAvailable, f.Kind);
        Assert.Equal([ChatterGroup(1)], f.Mentions); // "APOIO da gestão" as a Chatter group
    }

    [Fact]
    public void PIT03_AMemberOnlineButNobodyTakesTheWork_StillCallsManagementSupport()
    {
        // Reproduced: PIT-03 stayed silent while agents were online but nobody accepted.
        var f = Assert.Single(Judge("PIT-03", InFiliais, At(2026, 3, 2, 9, 30), Waiting(new PresenceInfo(User(14), "Disponivel", At(2026, 3, 2, 8), false))));

        // No offer declined or timed out: the members available may be at capacity, not ignoring the work.
        Assert.EndsWith("1 membro está disponível no Omni-Channel, e nenhuma oferta foi aceita (sem capacidade livre, ou sem oferta feita)", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void PIT03_DeclinedOffers_AreCounted()
    {
        var org = Org(pending: [new PendingRoutingInfo(Compliant.Id, Queue("N1_Filiais"), At(2026, 3, 2, 9, 40))],
            presence: [new PresenceInfo(User(14), "Disponivel", At(2026, 3, 2, 8), false)],
            agentWork: [new AgentWorkInfo(Compliant.Id, User(14), Queue("N1_Filiais"), "Declined", At(2026, 3, 2, 9, 41), null),
                new AgentWorkInfo(Compliant.Id, User(14), Queue("N1_Filiais"), "DeclinedOnPushTimeout", At(2026, 3, 2, 9, 50), null)]);
        // It was in this queue once before (09:00-09:05, taken by Otávio): that stay is over and does not count.
        var c = Compliant with
        {
            OwnerId = Queue("N1_Filiais"),
            History = [FieldChange.Owner(User(3), Queue("N1_Filiais"), At(2026, 3, 2, 9), User(3)), FieldChange.Owner(Queue("N1_Filiais"), User(14), At(2026, 3, 2, 9, 5), User(14)),
                FieldChange.Owner(User(14), Queue("N1_Filiais"), At(2026, 3, 2, 9, 40), User(14))],
        };

        var f = Assert.Single(Judge("PIT-03", c, At(2026, 3, 2, 10), org));

        Assert.Contains("desde 02/03/2026 09:40", f.Detail, StringComparison.Ordinal); // the routing created at 09:40, re-offered after each decline
        Assert.EndsWith("2 ofertas foram recusadas ou expiraram", f.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void PIT03_OutsideThePitStopHours_WaitsForTheNextWorkingPeriod()
    {
        // Reproduced: alarms at night. Routed Monday 20:00; the 10 minutes run from Tuesday 08:00.
        var org = Org(pending: [new PendingRoutingInfo(Compliant.Id, Queue("N1_Filiais"), At(2026, 3, 2, 20))]);

        Assert.Empty(Judge("PIT-03", InFiliais, At(2026, 3, 3, 7, 59), org));
        Assert.Equal(At(2026, 3, 3, 8, 10), Assert.Single(Judge("PIT-03", InFiliais, At(2026, 3, 3, 8, 11), org)).DueAt);
    }

    [Fact]
    public void PIT03_MembersThroughAPublicGroupOrARole_CountAsMembers()
    {
        // Reproduced: queues staffed through public groups raised alarms although someone was available.
        var role = Id("00E", 1);
        var groups = new List<QueueInfo>
        {
            new(Queue("N1_Filiais"), "N1_Filiais", "N1 - Filiais", "Queue"), new(Id("00G", 900), "Tecnicos", "Técnicos", "Regular"),
            new(Id("00G", 901), "Role_Tec", null, "RoleAndSubordinates") { RelatedId = role },
        };
        var users = new List<UserInfo> { new(User(20), "Técnico A", null, true), new(User(21), "Técnico B", null, true) { RoleId = Id("00E", 2) } };
        var org = new OrgContext(new OrgData
        {
            Users = users, Groups = groups, Roles = [new RoleInfo(role, null), new RoleInfo(Id("00E", 2), role)],
            Members = [(Queue("N1_Filiais"), Id("00G", 900)), (Id("00G", 900), User(20)), (Queue("N1_Filiais"), Id("00G", 901))],
        });

        Assert.Equal([User(20), User(21)], org.Members(Queue("N1_Filiais")).Order());
    }

    [Fact]
    public void PIT03_HangingPresenceOlderThanMaxAge_DoesNotCountAsAvailable() =>
        Assert.Single(Judge("PIT-03", InFiliais, At(2026, 3, 2, 9, 30), Waiting(new PresenceInfo(User(14), "Disponivel", At(2026, 2, 27, 8), false))));

    [Fact]
    public void PIT04_ComplementaryContactClosedWithoutParent_IsMissingField()
    {
        var c = Compliant with { Type = "FAQ 7347", IsClosed = true, Status = "Fechado", ClosedDate = Cases.Opened.AddMinutes(6) };

        var f = Assert.Single(Judge("PIT-04", c, Monday10));
        Assert.Equal(FindingKind.MissingField, f.Kind);
        Assert.Equal("OC de contato complementar (FAQ 7347) encerrada sem o caso pai", f.Detail);
        Assert.Equal([User(14)], f.Mentions); // its owner
        Assert.EndsWith("|parent", f.BreachKey, StringComparison.Ordinal);
        Assert.Equal([ChatterGroup(1)], Assert.Single(Judge("PIT-04", c with { OwnerId = Queue("N1_Filiais") }, Monday10)).Mentions); // a queue's people
        Assert.Empty(Judge("PIT-04", c with { ParentId = Id("500", 1) }, Monday10));
    }

    [Fact]
    public void PIT04_MarkerInTheSubject_CountsAsComplementary_AnOpenOneAndAnyOtherClosedCaseAreNotJudged()
    {
        var closed = Compliant with { IsClosed = true, Status = "Fechado", ClosedDate = Cases.Opened.AddMinutes(6) };

        Assert.Single(Judge("PIT-04", closed with { Subject = "Contato complementar - faq 7347" }, Monday10));
        Assert.Empty(Judge("PIT-04", closed, Monday10)); // an ordinary OC closed without a parent
        Assert.Empty(Judge("PIT-04", Compliant with { Type = "FAQ 7347" }, Monday10)); // judged at closure

        Assert.Equal("o caso não é uma OC de contato complementar (FAQ 7347)", Reason("PIT-04", closed, Monday10));
        Assert.Equal("a OC de contato complementar ainda não foi encerrada", Reason("PIT-04", Compliant with { Type = "FAQ 7347" }, Monday10));
    }

    [Theory]
    [InlineData("Contato complementar - FAQ7347", true)]
    [InlineData("Contato complementar - FAQ-7347", true)]
    [InlineData("Contato complementar (FAQ: 7347)", true)]
    [InlineData("Contato complementar, faq nº 7347", true)]
    [InlineData("Contato complementar - FAQ 73471", false)]
    [InlineData("Atendimento agendado - FAQ 7037", false)]
    public void PIT04_TheMarkerAsAgentsWriteIt_AndNotInsideAnotherNumber(string subject, bool complementary)
    {
        var closed = Compliant with { IsClosed = true, Status = "Fechado", ClosedDate = Cases.Opened.AddMinutes(6), Subject = subject };

        Assert.Equal(complementary ? 1 : 0, Judge("PIT-04", closed, Monday10).Count);
    }

    [Fact]
    public void PIT01_TheFindingNamesTheTierAndItsTarget_AndMentionsTheOwner()
    {
        var f = Assert.Single(Judge("PIT-01", Compliant, At(2026, 3, 2, 13, 1)));

        Assert.Equal("resolução no SLA 4 Horas (4 horas)", f.Detail);
        Assert.Equal([User(14)], f.Mentions);
    }

    [Fact]
    public void PIT02_MentionsTheManagerAndWhoeverSentItThere_OrTheCreatorWhenTheRoutingNamesNobody()
    {
        var moved = Compliant with { OwnerId = Queue("N2"), History = [FieldChange.Owner(User(14), Queue("N2"), Cases.Opened.AddMinutes(20), User(14))] };

        var f = Assert.Single(Judge("PIT-02", moved, Monday10));
        Assert.Equal("encaminhado para N2 em 02/03/2026 09:20 sem a validação do gestor técnico", f.Detail);
        Assert.Equal([User(4), User(14)], f.Mentions); // the technical manager (queue:N2 in mentions.csv), then who moved it

        var routed = Org(agentWork: [new AgentWorkInfo(Compliant.Id, User(4), Queue("N2"), "Opened", Cases.Opened, Cases.Opened.AddMinutes(2))]);
        Assert.Equal([User(4), User(3)], Assert.Single(Judge("PIT-02", Compliant, Monday10, routed)).Mentions); // Omni-Channel names nobody: the creator
    }

    [Fact]
    public void PIT02_ThroughApoioN1_TheAgentWhoSentItThereIsToldToo()
    {
        // Reproduced: Otávio sent the OC to APOIO N1 at 09:10 without the manager's validation; Zenaide (APOIO) took it at 09:15
        // and directed it to N2 at 09:20, as the manual has APOIO do. Only Zenaide was told, not the agent who owed the validation.
        var viaApoio = Compliant with
        {
            OwnerId = Queue("N2"),
            History =
            [
                FieldChange.Owner(User(14), Queue("Apoio_N1"), Cases.Opened.AddMinutes(10), User(14)), FieldChange.Owner(Queue("Apoio_N1"), User(5), Cases.Opened.AddMinutes(15), User(5)),
                FieldChange.Owner(User(5), Queue("N2"), Cases.Opened.AddMinutes(20), User(5)),
            ],
        };

        Assert.Equal([User(4), User(14), User(5)], Assert.Single(Judge("PIT-02", viaApoio, Monday10)).Mentions);

        // APOIO turned it back to Otávio at 09:20, and Juliana sent it straight to N2 at 09:40: the trip into N2 was not APOIO's,
        // and Otávio is not told.
        var turnedAway = Compliant with
        {
            OwnerId = Queue("N2"),
            History =
            [
                FieldChange.Owner(User(14), Queue("Apoio_N1"), Cases.Opened.AddMinutes(10), User(14)), FieldChange.Owner(Queue("Apoio_N1"), User(5), Cases.Opened.AddMinutes(15), User(5)),
                FieldChange.Owner(User(5), User(14), Cases.Opened.AddMinutes(20), User(5)), FieldChange.Owner(User(14), Queue("N2"), Cases.Opened.AddMinutes(40), User(3)),
            ],
        };
        Assert.Equal([User(4), User(3)], Assert.Single(Judge("PIT-02", turnedAway, Monday10)).Mentions);

        // Opened by Juliana straight into APOIO N1's queue (no row shows it arriving there), taken by Zenaide and sent to N2:
        // Juliana opened the occurrence for APOIO, and is told.
        var openedInApoio = Compliant with
        {
            OwnerId = Queue("N2"),
            History = [FieldChange.Owner(Queue("Apoio_N1"), User(5), Cases.Opened.AddMinutes(15), User(5)), FieldChange.Owner(User(5), Queue("N2"), Cases.Opened.AddMinutes(20), User(5))],
        };
        Assert.Equal([User(4), User(3), User(5)], Assert.Single(Judge("PIT-02", openedInApoio, Monday10)).Mentions);
    }

    [Fact]
    public void PIT02_ClosedCases_AndCasesThatNeverReachedAValidationQueue_AreNotJudged()
    {
        var closed = Compliant with { OwnerId = Queue("N2"), IsClosed = true, Status = "Fechado", ClosedDate = Cases.Opened.AddMinutes(30) };

        Assert.Empty(Judge("PIT-02", closed, Monday10));
        Assert.Equal("o caso não chegou a nenhuma fila que exige a validação do gestor (N2)", Reason("PIT-02", Compliant, Monday10));
    }

    [Fact]
    public void PIT02_SeveralValidationQueuesReached_TheFirstReachedIsNamed_ByItsQueueName()
    {
        // An org that also wants the manager's validation before its N1 branch queue (pitstop.validation_queues, in either order).
        var policy = MappingLoader.Load(MappingsCopy.With("settings.csv", t => t.Replace("pitstop.validation_queues,N2,", "pitstop.validation_queues,N2|N1_Filiais,", StringComparison.Ordinal))).Policy!;
        var c = Compliant with
        {
            OwnerId = Queue("N2"),
            History = [FieldChange.Owner(User(14), Queue("N1_Filiais"), Cases.Opened.AddMinutes(10), User(14)), FieldChange.Owner(Queue("N1_Filiais"), Queue("N2"), Cases.Opened.AddMinutes(20), User(3))],
        };

        var f = Assert.Single(new PolicyEngine(policy).Evaluate(c, Org(), Monday10), f => f.RuleId == "PIT-02");

        Assert.Equal("encaminhado para N1 - Filiais em 02/03/2026 09:10 sem a validação do gestor técnico", f.Detail);
        Assert.Equal([ChatterGroup(1), User(14)], f.Mentions);
        Assert.EndsWith("|N1_Filiais", f.BreachKey, StringComparison.Ordinal);
    }

    [Fact]
    public void ClosedCases_AreNotJudgedByTheRulesForOpenCases()
    {
        AssertJudgedOnlyWhileOpen("PIT-02", Compliant with { OwnerId = Queue("N2") }, Monday10);
        AssertJudgedOnlyWhileOpen("PIT-03", InFiliais, At(2026, 3, 2, 9, 11), Waiting(new PresenceInfo(User(14), "Almoco", At(2026, 3, 2, 9), IsAway: true)));
        AssertJudgedOnlyWhileOpen("PIT-05", Compliant.WithFields((LogicalField.ManagerValidation, "true")) with
        {
            OwnerId = Queue("N2"), History = [FieldChange.Owner(User(14), Queue("N2"), Cases.Opened.AddMinutes(20), User(14))],
        }, Monday10);
    }
}
