using SfBridge.Alerts;
using SfBridge.Rules;
using SfBridge.State;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Alerts;

/// <summary>
/// Which alerts a sweep queues (first posts, reminders that climb levels, resolution notes) and how each is shaped for
/// posting (severity, line, off-shift hold or silence), judged with the shipped mappings.
/// </summary>
public sealed class AlertPlanningTests
{
    private static readonly AlertsOptions Options = new() { ReminderInterval = TimeSpan.FromHours(2), RemindersPerLevel = 2, MaxLevel = 3 };
    private static readonly DateTimeOffset Now = Monday10;
    private static readonly AlertHistory Nothing = new(new Dictionary<string, BreachHistory>(), new Dictionary<string, string>());
    private static readonly LedgerUpdate NoChange = new([], []);

    private static Finding Breach(string key = "GSO-04|500A", string caseId = "500A", string template = "sla-1") => new()
    {
        CaseId = caseId, CaseNumber = "00001234", Pack = "GSO", RuleId = "GSO-04", Kind = FindingKind.SlaBreach, Severity = Severity.Breach,
        DueAt = Now.AddHours(-1), Mentions = [User(1)], Message = "Bom dia! O caso 00001234 passou do prazo.", Detail = "aceite do GSO",
        BreachKey = key, TemplateId = template,
    };

    private static AlertHistory Posted(string key, BreachHistory history, string? lastTemplateOfCase = null, string caseId = "500A") =>
        new(new Dictionary<string, BreachHistory> { [key] = history },
            lastTemplateOfCase is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [caseId] = lastTemplateOfCase });

    private static List<Alert> Plan(IReadOnlyList<Finding> open, AlertHistory history, LedgerUpdate? ledger = null, AlertPlanner.Rejudge? rejudge = null,
        Func<ClearedFinding, bool>? note = null, List<string?>? avoided = null, Func<Finding, bool>? baseline = null, DateTimeOffset? now = null) =>
        AlertPlanner.Plan(open, ledger ?? NoChange, history, rejudge ?? ((f, _, _) => f),
            (c, avoid) => { avoided?.Add(avoid); return ("done-x", $"resolvido {c.CaseNumber}"); },
            note ?? (_ => true), Options, now ?? Now, baseline);

    [Fact]
    public void NeverPosted_GetsItsFirstPost_WithTheFindingsTextAndMentions()
    {
        var a = Assert.Single(Plan([Breach()], Nothing));

        Assert.Equal(Alert.ReferenceFor("GSO-04|500A", 0), a.Reference);
        Assert.Equal(("GSO-04|500A", "500A", "GSO-04", 0, 1), (a.BreachKey, a.CaseId, a.RuleId, a.Sequence, a.Level));
        Assert.Equal(AlertPurpose.Breach, a.Purpose);
        Assert.Equal(AlertState.Pending, a.State);
        Assert.Equal("Bom dia! O caso 00001234 passou do prazo.", a.Message);
        Assert.Equal([User(1)], a.Mentions);
        Assert.Equal("sla-1", a.TemplateId);
        Assert.Equal(0, a.Attempts);
        Assert.Equal(Now, a.CreatedAt);
        Assert.Null(a.SendingSince);
        Assert.True(a.FindingOpen);
        Assert.Null(a.NotBefore);
    }

    [Fact]
    public void NeverPosted_InTheFirstStartsBaseline_IsRecordedAsBaseline()
    {
        var alerts = Plan([Breach("k1", "500A"), Breach("k2", "500B")], Nothing, baseline: f => f.BreachKey == "k1");

        Assert.Equal(AlertState.Baseline, alerts.Single(a => a.BreachKey == "k1").State);
        Assert.Equal(AlertState.Pending, alerts.Single(a => a.BreachKey == "k2").State);
    }

    [Fact]
    public void Reminder_IsDueExactlyOneIntervalAfterTheLastPost_NotBefore()
    {
        var history = Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddHours(-2), 1));

        Assert.Empty(Plan([Breach()], history, now: Now.AddTicks(-1)));
        var a = Assert.Single(Plan([Breach()], history));
        Assert.Equal(AlertPurpose.Reminder, a.Purpose);
        Assert.Equal(1, a.Sequence);
        Assert.Equal(Alert.ReferenceFor("GSO-04|500A", 1), a.Reference);
        Assert.Equal(AlertState.Pending, a.State);
    }

    [Fact]
    public void Reminder_NeverForTheCriticalMark_WhichSfBridgeSetsItself()
    {
        // Reproduced: a person took the critical mark off hours after its post; the finding held again, and a reminder
        // ("exige a marcação de caso crítico") went out before SfBridge set the mark again, which it does without a post.
        var critical = Breach() with { RuleId = "GSO-06", Kind = FindingKind.Critical, Severity = Severity.Critical };

        Assert.Empty(Plan([critical], Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddHours(-5), 1))));
    }

    [Fact]
    public void Reminder_NeverForAClocksWarning_ItsBreachIsPostedAtItsInstant()
    {
        // Reproduced: a PIT-01 warning on a "10 Dias" case, some 48 hours long, was reminded every two hours and climbed to the
        // managers ("O caso … continua aguardando"), with nothing late.
        var warning = Breach() with { Kind = FindingKind.SlaWarning, Severity = Severity.Warning };

        Assert.Empty(Plan([warning], Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddHours(-5), 1))));
    }

    [Theory]
    [InlineData("BIL-04", FindingKind.MessageStyle)] // a message already sent
    [InlineData("GSO-09", FindingKind.InvalidEscalation)] // the route the case took
    [InlineData("PIT-05", FindingKind.UnvalidatedEscalation)]
    [InlineData("SS-04", FindingKind.BacklogCap)] // reported once per analyst and day
    public void Reminder_NeverForSomethingOverThatNoActionTakesBack(string rule, FindingKind kind)
    {
        // Reproduced: a gerundism in a message sent, or a case routed past Supervisor EPS, was reminded every two working hours
        // until the case closed, climbing to the manager, though nothing on the case could take it back.
        var over = Breach() with { RuleId = rule, Kind = kind };

        Assert.Empty(Plan([over], Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddHours(-5), 1))));
        Assert.Single(Plan([Breach()], Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddHours(-5), 1)))); // GSO-04 is reminded
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(9, 3)] // never past the highest level
    public void Reminder_ClimbsALevelEveryTwoReminders(int sent, int level)
    {
        var seen = new List<int>();
        var history = Posted("GSO-04|500A", new BreachHistory(sent, 1, Now.AddHours(-3), sent));

        var a = Assert.Single(Plan([Breach()], history, rejudge: (f, l, _) => { seen.Add(l); return f with { Mentions = [User(l)], Message = $"nível {l}", TemplateId = "rem-" + l }; }));

        Assert.Equal(level, a.Level);
        Assert.Equal([level], seen);
        Assert.Equal([User(level)], a.Mentions);
        Assert.Equal($"nível {level}", a.Message);
        Assert.Equal("rem-" + level, a.TemplateId);
    }

    [Fact]
    public void Reminder_WithRemindersPerLevelZero_ClimbsAtEveryReminder()
    {
        var history = Posted("GSO-04|500A", new BreachHistory(3, 1, Now.AddHours(-3), 3));

        var a = Assert.Single(AlertPlanner.Plan([Breach()], NoChange, history, (f, _, _) => f, (_, _) => ("", ""), _ => true,
            new AlertsOptions { RemindersPerLevel = 0, MaxLevel = 5 }, Now));

        Assert.Equal(3, a.Level);
    }

    [Fact]
    public void Reminder_ThatCannotBeRejudged_RepeatsTheFinding_AvoidingTheCasesLastTemplate()
    {
        string? avoided = null;
        var history = Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddHours(-2), 1), lastTemplateOfCase: "sla-2", caseId: "500a");

        var a = Assert.Single(Plan([Breach()], history, rejudge: (_, _, avoid) => { avoided = avoid; return null; }));

        Assert.Equal("sla-2", avoided); // case ids compare without case
        Assert.Equal("Bom dia! O caso 00001234 passou do prazo.", a.Message);
        Assert.Equal("sla-1", a.TemplateId);
    }

    [Fact]
    public void Reminder_InFlightAcknowledgedSnoozedOrSettled_IsNotPlanned()
    {
        Assert.Empty(Plan([Breach()], Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddHours(-5), 2))));
        Assert.Empty(Plan([Breach()], Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddHours(-5), 1) { AcknowledgedAt = Now.AddHours(-4) })));
        Assert.Empty(Plan([Breach()], Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddHours(-5), 1) { SnoozedUntil = Now.AddHours(1) })));
        Assert.Empty(Plan([Breach() with { Settled = true }], Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddHours(-5), 1)))); // met late: nothing to remind of
    }

    [Fact]
    public void Reminder_AfterAFirstPostWithdrawnUnpostedAndQueuedAgain_IsPlanned()
    {
        // Sequence 0 withdrawn unposted, sequence 1 sent: nothing is in flight, and the breach is reminded of as any other.
        var reminder = Assert.Single(Plan([Breach()], Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddHours(-5), 2) { Kept = 1 })));

        Assert.Equal((AlertPurpose.Reminder, 2), (reminder.Purpose, reminder.Sequence));
    }

    [Fact]
    public void ABreachNeverTold_IsQueuedAgainUnderItsNextSequence_OrBringsBackItsLastWithdrawnPost()
    {
        // Three posts withdrawn unposted: a fourth is queued. As many as the outbox keeps: the last of them comes back.
        var again = Assert.Single(Plan([Breach()], Posted("GSO-04|500A", new BreachHistory(0, 1, null, 3) { RequeueSequence = 3, Kept = 0 })));
        var revived = Assert.Single(Plan([Breach()], Posted("GSO-04|500A", new BreachHistory(0, 1, null, 10) { RequeueSequence = 9, Kept = 0 })));

        Assert.Equal((3, false, AlertState.Pending), (again.Sequence, again.Revives, again.State));
        Assert.Equal((9, true, AlertState.Pending), (revived.Sequence, revived.Revives, revived.State));
        Assert.Equal(Alert.ReferenceFor("GSO-04|500A", 9), revived.Reference);
        Assert.False(Assert.Single(Plan([Breach()], Nothing)).Revives); // never alerted at all
    }

    [Fact]
    public void FirstPostStillQueued_OfABreachMetLate_IsReplaced_NotQueuedAgain()
    {
        var queued = new BreachHistory(0, 1, null, 1) { QueuedFirst = 0, Kept = 1 };

        var replacement = Assert.Single(Plan([Breach() with { Settled = true }], Posted("GSO-04|500A", queued)));

        Assert.True(replacement.Replaces);
        Assert.Equal(Alert.ReferenceFor("GSO-04|500A", 0), replacement.Reference);
        // Not met late, but changed since it was queued (a field filled, a figure moved): the queued post is rewritten as it now stands.
        var refreshed = Assert.Single(Plan([Breach() with { Detail = "campos do caso a preencher: telefone do cliente" }], Posted("GSO-04|500A", queued)));
        Assert.True(refreshed.Replaces);
        Assert.Equal(AlertPurpose.Breach, refreshed.Purpose);
    }

    [Fact]
    public void AReminderStillQueued_IsRewrittenAsTheCaseNowStands_AtItsLevel_NotQueuedAgain()
    {
        // Reproduced: a reminder planned on Friday evening and held until Monday kept the people it named then: an owner who had
        // since handed the case over (or gone on leave) was called on Monday, and the new owner's "ok" acknowledged nothing.
        var held = new BreachHistory(2, 1, Now.AddHours(-3), 3) { QueuedReminder = (2, 2), Kept = 3 };
        var levels = new List<int>();

        var rewritten = Assert.Single(Plan([Breach() with { Mentions = [User(2)] }], Posted("GSO-04|500A", held),
            rejudge: (f, level, _) => { levels.Add(level); return f with { Message = "Lembrete: o caso segue sem aceite." }; }));

        Assert.True(rewritten.Replaces);
        Assert.Equal((Alert.ReferenceFor("GSO-04|500A", 2), 2, AlertPurpose.Reminder), (rewritten.Reference, rewritten.Level, rewritten.Purpose));
        Assert.Equal([User(2)], rewritten.Mentions); // whom the case calls now
        Assert.Equal([2], levels); // judged at the reminder's own level
        // Met late meanwhile: nothing is rewritten (the queued reminder is dropped when it would go out).
        Assert.Empty(Plan([Breach() with { Settled = true }], Posted("GSO-04|500A", held)));
    }

    [Fact]
    public void ClearedBreach_GetsAResolutionNote_AtItsLevel_MentioningNobody_AvoidingTheFirstPostsTemplate()
    {
        var avoided = new List<string?>();
        var cleared = new ClearedFinding("GSO-04|500A", "500A", "00001234", "GSO-04");
        var other = Breach("GSO-01|500A", "500A", template: "warn-1") with { RuleId = "GSO-01" };

        var alerts = Plan([other], Posted("GSO-04|500A", new BreachHistory(3, 2, Now.AddHours(-1), 3)), new LedgerUpdate([], [cleared]), avoided: avoided);

        var note = Assert.Single(alerts, a => a.Purpose == AlertPurpose.Resolution);
        Assert.Equal(["warn-1"], avoided); // the post queued just before it on the same case
        Assert.Equal((3, 2), (note.Sequence, note.Level));
        Assert.Equal(Alert.ReferenceFor("GSO-04|500A", 3), note.Reference);
        Assert.Empty(note.Mentions);
        Assert.Equal("resolvido 00001234", note.Message);
        Assert.Equal("done-x", note.TemplateId);
        Assert.Equal(AlertState.Pending, note.State);
    }

    [Fact]
    public void ClearedBreach_GetsNoNote_WhenTheRuleStillFindsSomething_NothingWasPosted_OrTheRuleHasNoNotes()
    {
        var cleared = new ClearedFinding("GSO-04|500A", "500A", "00001234", "GSO-04");
        var ledger = new LedgerUpdate([], [cleared]);
        var sent = Posted("GSO-04|500A", new BreachHistory(1, 1, Now.AddMinutes(-10), 1));

        Assert.DoesNotContain(Plan([Breach("GSO-04|500A#2")], sent, ledger), a => a.Purpose == AlertPurpose.Resolution);
        Assert.Empty(Plan([], Posted("GSO-04|500A", new BreachHistory(0, 1, null, 1)), ledger));
        Assert.Empty(Plan([], Nothing, ledger));
        Assert.Empty(Plan([], sent, ledger, note: _ => false));
        Assert.Single(Plan([], sent, ledger));
    }

    [Fact]
    public void Shape_ABreachInWorkingHours_KeepsItsMentions_AndListsItsLine()
    {
        var finding = Breach();
        var alert = Assert.Single(Plan([finding], Nothing));

        var shaped = AlertShaper.Shape(alert, finding, null, "Sem agenda", Policy, Now);

        Assert.Equal(Severity.Breach, shaped.Severity);
        Assert.Equal(finding.DueAt, shaped.DueAt);
        Assert.Equal("00001234", shaped.CaseNumber);
        Assert.Equal("Sem agenda", shaped.Subject);
        Assert.Equal("aceite do GSO — prazo vencido em 02/03/2026 09:00", shaped.Line);
        Assert.Equal([User(1)], shaped.Mentions);
        Assert.Null(shaped.NotBefore);
    }

    [Fact]
    public void Shape_OffShift_WaitsForTheTeamsNextWorkingPeriod()
    {
        var finding = Breach();
        var saturday = At(2026, 3, 7, 10);

        var shaped = AlertShaper.Shape(Assert.Single(Plan([finding], Nothing)), finding, null, null, Policy, saturday);

        Assert.Equal(At(2026, 3, 9, 8), shaped.NotBefore); // GSO works Mon-Fri 08:00-18:00
        Assert.Equal([User(1)], shaped.Mentions);
    }

    [Fact]
    public void Shape_OffShift_AQuietRuleAndAMentionRuleGoOutAtOnce_KeepingWhomTheyCall()
    {
        var saturday = At(2026, 3, 7, 10);
        var critical = Breach() with { RuleId = "GSO-06", Kind = FindingKind.Critical, Severity = Severity.Critical };
        var afterHours = Breach() with { RuleId = "BIL-03", Pack = "Faturamento" };

        var quiet = AlertShaper.Shape(Assert.Single(Plan([critical], Nothing)), critical, null, null, Policy, saturday);
        var loud = AlertShaper.Shape(Assert.Single(Plan([afterHours], Nothing)), afterHours, null, null, Policy, saturday);

        Assert.Equal([User(1)], quiet.Mentions); // the dispatcher leaves them out of a post it makes off-shift
        Assert.Null(quiet.NotBefore);
        Assert.Equal(Severity.Critical, quiet.Severity);
        Assert.Equal([User(1)], loud.Mentions);
        Assert.Null(loud.NotBefore);
    }

    [Fact]
    public void Shape_AResolutionNote_IsInfo_AndGoesOutAtAnyHour()
    {
        var cleared = new ClearedFinding("GSO-04|500A", "500A", "00001234", "GSO-04") { Detail = "aceite do GSO", Pack = "GSO" };
        var note = Assert.Single(Plan([], Posted("GSO-04|500A", new BreachHistory(1, 1, Now, 1)), new LedgerUpdate([], [cleared])));

        var shaped = AlertShaper.Shape(note, null, cleared, "Sem agenda", Policy, At(2026, 3, 7, 23));

        Assert.Equal(Severity.Info, shaped.Severity);
        Assert.Null(shaped.NotBefore);
        Assert.Null(shaped.DueAt);
        Assert.Equal("00001234", shaped.CaseNumber);
        Assert.Equal("resolvida — aceite do GSO", shaped.Line);
    }

    [Fact]
    public void Shape_WithoutFindingOrClearedRecord_FallsBackToTheRuleId()
    {
        var alert = new Alert("SFB-X", "k", "500A", "GSO-04", 0, 1, AlertPurpose.Breach, AlertState.Pending, "m", [], null, 0, Now, null);

        var shaped = AlertShaper.Shape(alert, null, null, null, Policy, Now);

        Assert.Equal(Severity.Breach, shaped.Severity);
        Assert.Equal("", shaped.CaseNumber);
        Assert.Equal("GSO-04 — prazo vencido em -", shaped.Line);
    }

    [Fact]
    public void Reference_IsStable_ReadableAndDiffersBySequence()
    {
        var first = Alert.ReferenceFor("GSO-04|500A", 0);

        Assert.Matches("^SFB-[A-HJ-NP-Z2-9]{10}$", first);
        Assert.Equal(first, Alert.ReferenceFor("GSO-04|500A", 0));
        Assert.NotEqual(first, Alert.ReferenceFor("GSO-04|500A", 1));
        Assert.NotEqual(first, Alert.ReferenceFor("GSO-04|500B", 0));
        Assert.NotEqual(Alert.ReferenceFor("GSO-04|500A1", 0), Alert.ReferenceFor("GSO-04|500A", 10)); // key and sequence never run together
    }

    [Theory]
    [InlineData(nameof(AlertsOptions.MaxPostsPerCycle), 0, "Alerts:MaxPostsPerCycle must be between 1 and 500 (one Chatter batch call per run), not 0")]
    [InlineData(nameof(AlertsOptions.MaxPostsPerCycle), 501, "Alerts:MaxPostsPerCycle must be between 1 and 500 (one Chatter batch call per run), not 501")]
    [InlineData(nameof(AlertsOptions.MaxPostsPerCase), 0, "Alerts:MaxPostsPerCase must be at least 1, not 0")]
    [InlineData(nameof(AlertsOptions.MaxAttempts), 0, "Alerts:MaxAttempts must be at least 1, not 0")]
    public void Validator_RefusesCountsThatWouldBreakDelivery(string setting, int value, string message)
    {
        var options = new AlertsOptions();
        typeof(AlertsOptions).GetProperty(setting)!.SetValue(options, value);

        var result = new AlertsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal([message], result.Failures);
    }

    [Fact]
    public void Validator_AcceptsTheEdgesOfEachRange()
    {
        var options = new AlertsOptions
        {
            MaxPostsPerCycle = 500, MaxPostsPerCase = 1, MaxAttempts = 1, RepostGrace = TimeSpan.FromSeconds(30), ReminderInterval = TimeSpan.FromTicks(1),
            SeedLookback = TimeSpan.Zero, BaselineHorizon = TimeSpan.Zero, RetryBackoff = TimeSpan.Zero,
        };

        Assert.True(new AlertsOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(new AlertsOptionsValidator().Validate(null, new AlertsOptions { MaxPostsPerCycle = 1 }).Succeeded);
    }

    [Theory]
    [InlineData(nameof(AlertsOptions.ReminderInterval), 0)]
    [InlineData(nameof(AlertsOptions.SeedLookback), -1)]
    [InlineData(nameof(AlertsOptions.BaselineHorizon), -1)]
    [InlineData(nameof(AlertsOptions.RetryBackoff), -1)]
    public void Validator_RefusesNegativeDurations(string setting, int seconds)
    {
        var options = new AlertsOptions();
        typeof(AlertsOptions).GetProperty(setting)!.SetValue(options, TimeSpan.FromSeconds(seconds));

        var result = new AlertsOptionsValidator().Validate(null, options);

        Assert.Equal(["Alerts:ReminderInterval must be positive, and Alerts:SeedLookback, Alerts:BaselineHorizon and Alerts:RetryBackoff not negative"], result.Failures);
    }

    [Fact]
    public void Validator_RefusesARepostGraceShorterThanAChatterCall()
    {
        var result = new AlertsOptionsValidator().Validate(null, new AlertsOptions { RepostGrace = TimeSpan.FromSeconds(29) });

        Assert.Equal(["Alerts:RepostGrace must be at least 00:00:30 (longer than a Chatter call may take), not 00:00:29"], result.Failures);
    }
}
