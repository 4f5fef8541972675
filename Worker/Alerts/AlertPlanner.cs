using SfBridge.Rules;
using SfBridge.State;

namespace SfBridge.Alerts;

/// <summary>
/// Decides which alerts a sweep adds to the outbox: the first post of each new breach; a reminder for a breach
/// still open <see cref="AlertsOptions.ReminderInterval"/> after its last post (after
/// <see cref="AlertsOptions.RemindersPerLevel"/> reminders the next level's people are mentioned); and a short
/// note when a breach of a rule with resolution notes clears. Pure: history, time and re-judging are inputs.
/// </summary>
public static class AlertPlanner
{
    public static List<Alert> Plan(
        IReadOnlyList<Finding> open, LedgerUpdate ledger, IReadOnlyDictionary<string, (int Sent, int Level, DateTimeOffset? LastSentAt, int NextSequence, string? LastTemplate)> history,
        Func<Finding, int, string?, Finding?> rejudge, Func<string, bool> resolutionNote, AlertsOptions options, TimeZoneInfo zone, DateTimeOffset now)
    {
        var alerts = new List<Alert>();
        var opened = ledger.Opened.Select(f => f.BreachKey).ToHashSet(StringComparer.Ordinal);
        foreach (var f in ledger.Opened.Where(f => !history.ContainsKey(f.BreachKey)))
        {
            alerts.Add(new Alert(Alert.ReferenceFor(f.BreachKey, 0), f.BreachKey, f.CaseId, f.RuleId, 0, 1, AlertPurpose.Breach, AlertState.Pending,
                f.Message, f.Mentions, f.TemplateId, 0, now, null));
        }

        foreach (var f in open.Where(f => !opened.Contains(f.BreachKey)))
        {
            if (!history.TryGetValue(f.BreachKey, out var h) || h.Sent == 0 || h.NextSequence > h.Sent || h.LastSentAt is not { } last || now - last < options.ReminderInterval)
            {
                continue; // never posted, something still in flight, or not due yet
            }

            var level = Math.Min(options.MaxLevel, 1 + ((h.Sent - 1) / Math.Max(1, options.RemindersPerLevel)));
            var again = rejudge(f, level, h.LastTemplate) ?? f;
            alerts.Add(new Alert(Alert.ReferenceFor(f.BreachKey, h.NextSequence), f.BreachKey, f.CaseId, f.RuleId, h.NextSequence, level, AlertPurpose.Reminder,
                AlertState.Pending, "Lembrete: " + again.Message, again.Mentions, again.TemplateId, 0, now, null));
        }

        foreach (var c in ledger.Cleared.Where(c => resolutionNote(c.RuleId) && history.TryGetValue(c.BreachKey, out var h) && h.Sent > 0))
        {
            var h = history[c.BreachKey];
            var greeting = MessageComposer.Greeting(now, zone);
            alerts.Add(new Alert(Alert.ReferenceFor(c.BreachKey, h.NextSequence), c.BreachKey, c.CaseId, c.RuleId, h.NextSequence, h.Level, AlertPurpose.Resolution,
                AlertState.Pending, $"{greeting}! A pendência {c.RuleId} do caso {c.CaseNumber} foi resolvida.", [], null, 0, now, null));
        }

        return alerts;
    }
}
