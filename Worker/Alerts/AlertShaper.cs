using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.State;

namespace SfBridge.Alerts;

/// <summary>
/// Completes a planned alert with what posting needs: severity and due instant (the order a post lists alerts in and
/// caps hold them), its line for a post listing several alerts of the case (none for a baseline alert, never posted), the case's number and subject, and the
/// rule's off-shift behaviour: outside the team's calendar an alert or reminder waits for the next working period,
/// or goes out at once (rules.csv team_calendar, off_shift); a quiet rule's keeps whom it calls, and the dispatcher leaves
/// them out of a post it makes off-shift. Pure.
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

        // Quiet: it keeps whom it calls, stored with it. The dispatcher leaves them out of a post made off-shift (nobody is woken),
        // a reply by one of them acknowledges it all the same, and one held past the opening (the caps, a refusal) calls them.
        return rule.OffShift is OffShift.Wait ? shaped with { NotBefore = team.Add(now, TimeSpan.Zero) } : shaped;
    }
}
