using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.State;

namespace SfBridge.Alerts;

/// <summary>
/// Completes a planned alert with what posting needs: severity and due instant (the order a post lists alerts in and
/// caps hold them), its line for a post listing several alerts of the case (none for a baseline alert, never posted), the case's number and subject, and the
/// rule's off-shift behaviour: outside the team's calendar an alert or reminder waits for the next working period,
/// is posted without mentions, or mentions as usual (rules.csv team_calendar, off_shift). Pure.
/// </summary>
public static class AlertShaper
{
    public static Alert Shape(Alert alert, Finding? finding, ClearedFinding? cleared, string? subject, Policy policy, DateTimeOffset now)
    {
        var severity = alert.Purpose == AlertPurpose.Resolution ? Severity.Info : finding?.Severity ?? Severity.Breach;
        var fields = finding is not null
            ? new MessageFields(finding.CaseNumber, subject, finding.Detail ?? finding.RuleId, finding.DueAt, finding.Pack, finding.RuleId, finding.Kind, finding.BreachKey)
            : new MessageFields(cleared?.CaseNumber ?? "", subject, cleared?.Detail ?? alert.RuleId, null, cleared?.Pack ?? "", alert.RuleId,
                cleared?.Kind ?? FindingKind.SlaBreach, alert.BreachKey);
        // A baseline alert is never posted, so it needs no line of a post.
        var line = alert.State == AlertState.Baseline ? null
            : MessageComposer.Compose(fields, policy, now, null, alert.Purpose == AlertPurpose.Resolution ? TemplatePurpose.ResolvedItem : TemplatePurpose.Item).Message;
        var shaped = alert with
        {
            Severity = severity,
            DueAt = finding?.DueAt,
            Line = line,
            CaseNumber = fields.CaseNumber,
            Subject = subject,
        };

        if (alert.Purpose == AlertPurpose.Resolution || !policy.Rules.TryGetValue(alert.RuleId, out var rule))
        {
            return shaped; // a note mentions nobody: it may go out at any hour
        }

        var team = policy.Calendar(rule.TeamCalendar);
        if (team.IsOpen(now))
        {
            return shaped;
        }

        return rule.OffShift switch
        {
            // A post still queued, rewritten: it keeps whom it calls; the dispatcher leaves them out if it goes out off-shift.
            OffShift.Quiet => alert.Replaces ? shaped : shaped with { Mentions = [] },
            OffShift.Mention => shaped,
            _ => shaped with { NotBefore = team.Add(now, TimeSpan.Zero) },
        };
    }
}
