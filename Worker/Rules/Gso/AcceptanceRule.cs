using SfBridge.Salesforce;

namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-04: work routed to the GSO queue is accepted through Omni-Channel within the target (1 hour); GSO-04-EPS
/// applies the same rule to Supervisor EPS. The clock starts at the <b>first</b> routing of the case to the queue
/// (earliest routing request, owner change or remembered pending routing; a declined or timed-out offer does not
/// restart it) and stops when the work is accepted from that queue or leaves it. A case that left the queue in a way
/// SfBridge cannot date is not judged.
/// </summary>
public sealed class AcceptanceRule(string id, Func<RuleContext, string> queue) : IRule
{
    public static AcceptanceRule Gso() => new("GSO-04", c => c.Settings.GsoQueue);

    public static AcceptanceRule Eps() => new("GSO-04-EPS", c => c.Settings.EpsQueue);

    public string Id => id;

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        var name = queue(c);
        if (c.Queue(name) is not { } q)
        {
            c.Waiting($"a fila {name} não foi encontrada entre as filas do Salesforce");
            return;
        }

        if (c.Journey.FirstReached(q.Id) is not { } reached)
        {
            c.NotApplicable($"o caso não chegou à fila {q.Name ?? q.DeveloperName}");
            return;
        }

        // The first acceptance from the queue and the first owner change out of it since the start, and whether the case
        // still waits there (loops, not LINQ: every GSO case runs this twice).
        var start = reached.At;
        DateTimeOffset? accepted = null;
        foreach (var w in c.Org.AgentWork(c.Case.Id))
        {
            if (w.AcceptDateTime is { } a && a >= start && (accepted is null || a < accepted) && SalesforceId.AreEqual(w.GroupId, q.Id))
            {
                accepted = a;
            }
        }

        DateTimeOffset? left = null;
        foreach (var h in c.Case.Changes(FieldChange.OwnerField))
        {
            if (h.At >= start && (left is null || h.At < left) && SalesforceId.AreEqual(h.OldValue, q.Id))
            {
                left = h.At;
            }
        }

        var stopped = accepted is null ? left : left is null || accepted <= left ? accepted : left;
        var stillWaiting = SalesforceId.AreEqual(c.Case.OwnerId, q.Id);
        foreach (var p in c.Org.Pending(c.Case.Id))
        {
            stillWaiting |= SalesforceId.AreEqual(p.GroupId, q.Id);
        }
        if (stopped is null && !stillWaiting)
        {
            c.Waiting($"não há registro do aceite nem da saída do caso da fila {q.Name ?? q.DeveloperName}, e o tempo de aceite não pode ser medido");
            return; // accepted or moved on without a trace SfBridge can date: no accusation on a guess
        }

        var clock = c.Clock(Id).Measure(start, stopped, c.Closures(), c.Now);
        if (!c.ClockRaises(clock, warn: stopped is null))
        {
            return;
        }

        // The clock stops at the acceptance, or when someone took the case out of the queue without one.
        var what = stopped is { } s
            ? s == accepted
                ? $"roteado à fila {q.Name ?? q.DeveloperName} em {c.Local(start)} e aceito no Omni-Channel só em {c.Local(s)}"
                : $"roteado à fila {q.Name ?? q.DeveloperName} em {c.Local(start)} e retirado dela só em {c.Local(s)}, sem aceite no Omni-Channel"
            : $"aguardando aceite no Omni-Channel na fila {q.Name ?? q.DeveloperName} desde {c.Local(start)}";
        c.AddClock(findings, Id, clock, what, c.Route("queue:" + q.DeveloperName), start, warn: stopped is null);
    }
}
