namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-04: work routed to a queue must be accepted through Omni-Channel within the target (1 hour for GSO;
/// GSO-04-EPS applies the same rule to Supervisor EPS). The clock runs from routing (PendingServiceRouting
/// created, or AgentWork requested) to acceptance.
/// </summary>
public sealed class AcceptanceRule(string id, Func<RuleContext, string> queue) : IRule
{
    public static AcceptanceRule Gso() => new("GSO-04", c => c.Settings.GsoQueue);

    public static AcceptanceRule Eps() => new("GSO-04-EPS", c => c.Settings.EpsQueue);

    public string Id => id;

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var name = queue(c);
        if (!c.IsOpen || c.Org.GroupByName(name) is not { } q)
        {
            return;
        }

        DateTimeOffset? start = null, accepted = null;
        if (c.Org.Pending(c.Case.Id).Where(p => p.GroupId is not null && Salesforce.SalesforceId.AreEqual(p.GroupId, q.Id)).MaxBy(p => p.CreatedDate) is { } pending)
        {
            start = pending.CreatedDate;
        }
        else if (c.Org.AgentWork(c.Case.Id).Where(w => w.GroupId is not null && Salesforce.SalesforceId.AreEqual(w.GroupId, q.Id) && w.RequestDateTime is not null)
                     .MaxBy(w => w.RequestDateTime) is { } work)
        {
            start = work.RequestDateTime;
            accepted = work.AcceptDateTime;
        }

        if (start is not { } from)
        {
            return;
        }

        var clock = c.Clock(Id).Measure(from, accepted, [], c.Now);
        c.AddClock(findings, Id, clock, $"aceite no Omni-Channel da fila {q.Name ?? name} (roteado em {c.Local(from)})", c.Route("queue:" + q.DeveloperName), from);
    }
}
