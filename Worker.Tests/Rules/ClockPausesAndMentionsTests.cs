using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

/// <summary>
/// What every clocked rule shares, seen through PIT-01 (4-hour tier, Pit Stop hours, opened Monday 09:00, due 13:00):
/// pauses read from the status history, and who a finding mentions when a person cannot be mentioned.
/// </summary>
public sealed class ClockPausesAndMentionsTests
{
    private static readonly CaseSnapshot Compliant = Cases.PitStop();

    private static Finding Breach(CaseSnapshot c, DateTimeOffset now, OrgContext? org = null, int level = 1) =>
        Assert.Single(new PolicyEngine(Scenario.Policy).Evaluate(c, org ?? Org(), now, level: level), f => f.RuleId == "PIT-01" && f.Kind == FindingKind.SlaBreach);

    private static OrgContext WithInactive(params int[] users) =>
        Org(users: SampleUsers().Select(u => users.Any(n => User(n) == u.Id) ? u with { IsActive = false } : u).ToList());

    [Fact]
    public void TwoPauses_PushTheDeadlineByBoth()
    {
        var c = Compliant with
        {
            History =
            [
                FieldChange.Status("Em Atendimento", "Aguardando Cliente", At(2026, 3, 2, 10)),
                FieldChange.Status("Aguardando Cliente", "Em Atendimento", At(2026, 3, 2, 11)),
                FieldChange.Status("Em Atendimento", "Aguardando Cliente", At(2026, 3, 2, 12)),
                FieldChange.Status("Aguardando Cliente", "Em Atendimento", At(2026, 3, 2, 13)),
            ],
        };

        Assert.Equal(At(2026, 3, 2, 15), Breach(c, At(2026, 3, 2, 15, 1)).DueAt);
    }

    [Fact]
    public void AChangeBetweenWorkingStatuses_DoesNotPause()
    {
        var c = Compliant with { Status = "Em Análise", History = [FieldChange.Status("Em Atendimento", "Em Análise", At(2026, 3, 2, 10))] };

        Assert.Equal(At(2026, 3, 2, 13), Breach(c, At(2026, 3, 2, 13, 1)).DueAt);
    }

    [Fact]
    public void PausedAndNeverResumed_NeverBreaches()
    {
        var c = Compliant with { Status = "Aguardando Cliente", History = [FieldChange.Status("Em Atendimento", "Aguardando Cliente", At(2026, 3, 2, 10))] };

        Assert.DoesNotContain(Judge("PIT-01", c, At(2026, 3, 6, 17)), f => f.Kind == FindingKind.SlaBreach);
    }

    [Fact]
    public void PausedWithoutAnyStatusHistory_IsPausedSinceCreation()
    {
        var paused = Compliant with { Status = "Aguardando Cliente", History = [] };

        Assert.Empty(Judge("PIT-01", paused, At(2026, 3, 6, 17)));
        Assert.Equal(At(2026, 3, 2, 13), Breach(Compliant with { History = [] }, At(2026, 3, 2, 13, 1)).DueAt);
    }

    [Fact]
    public void Breach_MentionsTheOwner_WithNoGap()
    {
        var f = Breach(Compliant, At(2026, 3, 2, 13, 1));

        Assert.Equal([User(14)], f.Mentions);
        Assert.Empty(f.MentionGaps);
    }

    [Fact]
    public void InactiveOwner_IsReplacedByTheirManager_AndTheGapIsRecorded()
    {
        var f = Breach(Compliant, At(2026, 3, 2, 13, 1), WithInactive(14));

        Assert.Equal([User(4)], f.Mentions); // Otávio Mendes reports to Carlos Menezes
        Assert.Equal([User(14)], f.MentionGaps);
    }

    /// <summary>PIT-01 judging the compliant case owned by Otávio Mendes (inactive; Carlos Menezes is his manager).</summary>
    private static RuleContext OwnedByInactive(DateTimeOffset now)
    {
        var org = WithInactive(14);
        var c = Compliant with { OwnerId = User(14) };
        return new RuleContext(c, new CaseJourney(c, org), org, Policy, "pit-stop", now) { CurrentRule = "PIT-01" };
    }

    [Fact]
    public void AGapOfSomeoneARuleLookedUpAndDidNotMention_IsNotRecordedWithTheNextRulesFinding()
    {
        var context = OwnedByInactive(At(2026, 3, 2, 13, 1));
        var findings = new List<FindingDraft>();

        Assert.Equal([User(4)], context.Person(User(14))); // looked up, then the rule decides it has nothing to say
        context.CurrentRule = "PIT-02";
        context.Add(findings, "PIT-02", FindingKind.SlaBreach, "x", context.Person(User(3)));

        Assert.Equal([User(3)], Assert.Single(findings).Mentions);
        Assert.Empty(findings[0].MentionGaps);
    }

    [Fact]
    public void AGapGoesWithTheFindingWhoseMentionsHadIt_NotWithTheSameRulesNextFinding_NorPastAClockThatRaisedNothing()
    {
        var context = OwnedByInactive(At(2026, 3, 2, 9, 30));
        var findings = new List<FindingDraft>();

        context.Add(findings, "PIT-01", FindingKind.SlaBreach, "a", context.Person(User(14)));
        context.Add(findings, "PIT-01", FindingKind.SlaBreach, "b", context.Person(User(3)));
        var within = context.Clock("BIL-01").Measure(context.Now.AddMinutes(-1), null, [], context.Now); // 1 minute of 15
        Assert.False(context.ClockRaises(within));
        context.AddClock(findings, "PIT-01", within, "c", context.Person(User(14)), context.Case.CreatedDate);
        context.Add(findings, "PIT-01", FindingKind.SlaBreach, "d", context.Person(User(3)));

        Assert.Equal(["a", "b", "d"], findings.Select(f => f.Detail));
        Assert.Equal([User(14)], findings[0].MentionGaps);
        Assert.Empty(findings[1].MentionGaps);
        Assert.Empty(findings[2].MentionGaps);
    }

    [Fact]
    public void AnIntegrationUserOrAPortalUserOwningTheCase_IsNotStoodInForByTheirManager()
    {
        // Reproduced: a Pit Stop case opened and owned by the Blip integration user, whose manager in Salesforce is the IT
        // administrator: PIT-01 accused the administrator. So would a customer's portal user with a manager.
        var admin = new UserInfo(User(31), "Admin TI", null, true) { UserType = "Standard" };
        var integration = new UserInfo(User(30), "Integração Blip", User(31), true) { UserType = "Standard" };
        var portal = new UserInfo(User(32), "Carlos Souza", User(31), true) { UserType = "PowerCustomerSuccess" };
        var org = new OrgContext(SampleData(users: [.. SampleUsers(), admin, integration, portal]) with { SystemUsers = [User(30)] });

        foreach (var owner in new[] { User(30), User(32) })
        {
            var f = Breach(Compliant with { OwnerId = owner, CreatedById = owner }, At(2026, 3, 2, 13, 1), org);
            Assert.DoesNotContain(User(31), f.Mentions);
            Assert.Equal([owner], f.MentionGaps);
        }
    }

    [Fact]
    public void InactiveOwnerWithAnInactiveManager_MentionsNobodyRatherThanAGuess()
    {
        var f = Breach(Compliant, At(2026, 3, 2, 13, 1), WithInactive(14, 4));

        Assert.Empty(f.Mentions);
        Assert.Equal([User(14)], f.MentionGaps);
    }

    [Fact]
    public void OwnerWithAnInactiveManager_GoesUpTheChain()
    {
        var c = Compliant with { OwnerId = User(3) }; // Juliana Prado reports to Carlos Menezes

        Assert.Equal([User(4)], Breach(c, At(2026, 3, 2, 13, 1), WithInactive(3)).Mentions);
        Assert.Empty(Breach(c, At(2026, 3, 2, 13, 1), WithInactive(3, 4)).Mentions);
    }

    [Fact]
    public void OwnedByAQueue_MentionsTheQueuesPeopleForTheLevel()
    {
        var c = Compliant with { OwnerId = Queue("GSO") };

        Assert.Equal([User(2)], Breach(c, At(2026, 3, 2, 13, 1)).Mentions); // level 1: Rafael Lima
        Assert.Equal([User(13)], Breach(c, At(2026, 3, 2, 13, 1), level: 2).Mentions); // level 2: Eduardo Santos
        Assert.Equal([User(13)], Breach(c, At(2026, 3, 2, 13, 1), level: 3).Mentions); // no level 3: the highest below it
    }

    [Fact]
    public void OwnedByAQueue_AnInactiveFirstLevel_IsReplacedByTheNextLevel()
    {
        var c = Compliant with { OwnerId = Queue("GSO") };

        var f = Breach(c, At(2026, 3, 2, 13, 1), WithInactive(2));

        Assert.Equal([User(13)], f.Mentions);
        Assert.Equal([User(2)], f.MentionGaps);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)] // no level 3: the highest below it, Eduardo, left too
    public void OwnedByAQueue_AReminderEscalatedToATopLevelThatLeft_TellsTheLevelBelow_NotNobody(int level)
    {
        // Reproduced: with Eduardo Santos (GSO's level 2) deactivated, the reminders from the third post on mentioned nobody,
        // and Rafael Lima, active and responsible, was dropped.
        var f = Breach(Compliant with { OwnerId = Queue("GSO") }, At(2026, 3, 2, 13, 1), WithInactive(13), level);

        Assert.Equal([User(2)], f.Mentions);
        Assert.Equal([User(13)], f.MentionGaps);
    }

    [Fact]
    public void OwnedByAQueue_WhoseOnlyLevelIsInactive_MentionsNobody() =>
        Assert.Empty(Breach(Compliant with { OwnerId = Queue("CMC_Faturamento") }, At(2026, 3, 2, 13, 1), WithInactive(12)).Mentions);

    [Fact]
    public void TheWarningAndTheBreachOfOneClock_AreDifferentAlerts()
    {
        var warning = Assert.Single(Judge("PIT-01", Compliant, At(2026, 3, 2, 12, 12)));
        var breach = Breach(Compliant, At(2026, 3, 2, 13, 1));

        Assert.Equal(FindingKind.SlaWarning, warning.Kind);
        Assert.NotEqual(warning.BreachKey, breach.BreachKey);
        Assert.Equal(breach.BreachKey, Breach(Compliant, At(2026, 3, 3, 9)).BreachKey); // the same breach on the next day is the same alert
    }
}
