namespace SfBridge.Rules.Billing;

/// <summary>BIL-01: after the first reply, the CMC updates the customer every 15 minutes until the incident is resolved.</summary>
public sealed class FollowUpRule : IRule
{
    public string Id => "BIL-01";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var actions = Incident.Actions(c);
        if (!c.IsOpen || actions.Count == 0)
        {
            return;
        }

        var last = actions[^1];
        var clock = c.Clock(Id).Measure(last, null, [], c.Now);
        var matrix = Incident.Matrix(c);
        c.AddClock(findings, Id, clock, $"último follow-up em {c.Local(last)}", Incident.Contact(c, c.Now, matrix).Concat(c.OwnerQueueRoute()), last,
            warn: false, breachKind: FindingKind.FollowUpOverdue);
    }
}
