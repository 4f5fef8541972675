using SfBridge.Rules;
using SfBridge.State;

namespace SfBridge.Alerts;

/// <summary>
/// Decides which alerts a sweep adds to the outbox: the first post of every open finding that has none yet (so a
/// sweep interrupted after the ledger was written still queues it next time), or whose every alert was withdrawn unposted
/// when it cleared before it came back; a reminder for a breach still open
/// <see cref="AlertsOptions.ReminderInterval"/> after its last post (after <see cref="AlertsOptions.RemindersPerLevel"/>
/// reminders the next level's people are mentioned; none once acknowledged in Chatter, none before a snooze ends, none for a breach met late); and a note when a breach of a rule with resolution notes
/// clears and the rule finds nothing more on the case (a warning turning into a breach is not a resolution). Every text comes from the templates, and no post on a case reuses the template of the case's previous
/// post. Pure: history, time, re-judging and composing are inputs.
/// </summary>
public static class AlertPlanner
{
    /// <summary>Re-judges a finding for a reminder at an escalation level, avoiding a template.</summary>
    public delegate Finding? Rejudge(Finding finding, int level, string? avoidTemplate);

    /// <summary>Composes the note for a cleared breach, avoiding a template.</summary>
    public delegate (string TemplateId, string Message) ResolutionText(ClearedFinding cleared, string? avoidTemplate);

    /// <param name="baseline">Whether a finding never alerted before belongs to the first start's baseline: recorded, never posted.</param>
    /// <summary>
    /// Whether an open finding is reminded while it stays open: not one met late (nothing left to do), a clock's warning
    /// (its breach, if it comes, is posted at its instant), the critical mark (SfBridge sets it itself), nor a rule about
    /// something over (a message sent, a route taken) or reported once a day.
    /// </summary>
    public static bool GetsReminders(Finding f) =>
        !f.Settled && f.Kind is not (FindingKind.Critical or FindingKind.SlaWarning) && (!RuleCatalog.Rules.TryGetValue(f.RuleId, out var info) || info.Reminders);

    public static List<Alert> Plan(IReadOnlyList<Finding> open, LedgerUpdate ledger, AlertHistory history, Rejudge rejudge, ResolutionText resolutionText,
        Func<ClearedFinding, bool> resolutionNote, AlertsOptions options, DateTimeOffset now, Func<Finding, bool>? baseline = null)
    {
        var alerts = new List<Alert>();
        // The templates this plan uses, over the outbox's (not a copy of it: a sweep plans in batches over every case).
        var planned = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        string? LastTemplate(string caseId) => planned.TryGetValue(caseId, out var t) ? t : history.LastTemplateByCase.GetValueOrDefault(caseId);
        foreach (var f in open)
        {
            // Never alerted, or every alert withdrawn unposted before the breach came back: nobody was told of it yet.
            var sequence = 0;
            if (history.ByBreach.TryGetValue(f.BreachKey, out var told))
            {
                if (told is { QueuedFirst: { } queued })
                {
                    // Its first post still waits (held for the team's hours, behind the caps): the post tells it as it now stands,
                    // not as it stood when it was queued (a field filled since is not named; met late, it is a record with no
                    // call to act on what was done).
                    alerts.Add(new Alert(Alert.ReferenceFor(f.BreachKey, queued), f.BreachKey, f.CaseId, f.RuleId, queued, 1, AlertPurpose.Breach,
                        AlertState.Pending, f.Message, f.Mentions, f.TemplateId, 0, now, null) { Replaces = true });
                    planned[f.CaseId] = f.TemplateId;
                    continue;
                }

                if (told.RequeueSequence is not { } again)
                {
                    continue; // told: reminders, not a first post, follow
                }

                sequence = again;
            }

            // A baseline alert is never posted: it keeps no text, and its finding's message is never written.
            var quiet = baseline?.Invoke(f) == true;
            alerts.Add(new Alert(Alert.ReferenceFor(f.BreachKey, sequence), f.BreachKey, f.CaseId, f.RuleId, sequence, 1, AlertPurpose.Breach,
                quiet ? AlertState.Baseline : AlertState.Pending, quiet ? "" : f.Message, f.Mentions, f.TemplateId, 0, now, null)
            {
                Revives = told is not null && sequence < told.NextSequence,
            });
            planned[f.CaseId] = f.TemplateId;
        }

        foreach (var f in open)
        {
            if (!f.Settled && history.ByBreach.TryGetValue(f.BreachKey, out var waiting) && waiting.QueuedReminder is { } held)
            {
                // Its reminder still waits (held for the team's next working period, behind the caps): it goes out as the case now
                // stands, calling whom the case now calls (a new owner, a substitute, the manager who replaced one who left).
                var now_ = rejudge(f, held.Level, LastTemplate(f.CaseId)) ?? f;
                alerts.Add(new Alert(Alert.ReferenceFor(f.BreachKey, held.Sequence), f.BreachKey, f.CaseId, f.RuleId, held.Sequence, held.Level,
                    AlertPurpose.Reminder, AlertState.Pending, now_.Message, now_.Mentions, now_.TemplateId, 0, now, null) { Replaces = true });
                planned[f.CaseId] = now_.TemplateId;
                continue;
            }

            if (!GetsReminders(f) || !history.ByBreach.TryGetValue(f.BreachKey, out var h) || h.ReminderDue(options.ReminderInterval) is not { } due || now < due)
            {
                // Met late (nothing left to do), a clock's warning (its breach, if it comes, is posted at its instant: a warning
                // reminded every interval for the days a long target lasts climbed to the managers with nothing late), the
                // critical mark (SfBridge sets it itself, again if a person takes it off), a rule
                // about something over (a message sent, a route taken) or reported once a day, never posted, something still in
                // flight, acknowledged, snoozed, or not due yet.
                continue;
            }

            var level = Math.Min(options.MaxLevel, 1 + ((h.Sent - 1) / Math.Max(1, options.RemindersPerLevel)));
            var again = rejudge(f, level, LastTemplate(f.CaseId)) ?? f;
            alerts.Add(new Alert(Alert.ReferenceFor(f.BreachKey, h.NextSequence), f.BreachKey, f.CaseId, f.RuleId, h.NextSequence, level, AlertPurpose.Reminder,
                AlertState.Pending, again.Message, again.Mentions, again.TemplateId, 0, now, null));
            planned[f.CaseId] = again.TemplateId;
        }

        // A warning that became a breach, or a breach replaced by a new instance of the same rule, is not resolved.
        var stillOpen = open.Select(f => (f.CaseId, f.RuleId)).ToHashSet();
        foreach (var c in ledger.Cleared.Where(c => resolutionNote(c) && !stillOpen.Contains((c.CaseId, c.RuleId)) &&
                                                    history.ByBreach.TryGetValue(c.BreachKey, out var h) && h.Sent > 0))
        {
            var h = history.ByBreach[c.BreachKey];
            var (template, message) = resolutionText(c, LastTemplate(c.CaseId));
            alerts.Add(new Alert(Alert.ReferenceFor(c.BreachKey, h.NextSequence), c.BreachKey, c.CaseId, c.RuleId, h.NextSequence, h.Level, AlertPurpose.Resolution,
                AlertState.Pending, message, [], template, 0, now, null));
            planned[c.CaseId] = template;
        }

        return alerts;
    }
}
