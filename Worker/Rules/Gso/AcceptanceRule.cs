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

        if (c.ArrivalUnknown(q))
        {
            return; // a case escalated at 14:00 would be late since an hour after its creation at 09:00
        }

        // Each escalation has its clock (seed 000: "Atenção ao SLA de 1 hora", each time the case is escalated): the first
        // arrival, and each arrival by an owner change after the escalation before it was returned ("Concluído III") and the
        // case had left the queue, or after the case had left the queue's team, or had been closed and reopened. A case GSO's own people take out and put back,
        // and Omni-Channel's re-offers after a decline or a timeout, stay in one escalation: its clock stopped at the first
        // acceptance or departure.
        var arrivals = new List<(DateTimeOffset At, string? ById)>(1) { reached };
        List<DateTimeOffset>? returns = null; // read only for a case that came back to the queue
        var outside = false;
        var leftTeam = false; // while outside: whether any move took the case away from the queue's team
        DateTimeOffset departed = default;
        foreach (var h in c.Case.Changes(FieldChange.OwnerField))
        {
            if (h.At < reached.At)
            {
                continue;
            }

            if (!outside && SalesforceId.AreEqual(h.OldValue, q.Id))
            {
                outside = true;
                departed = h.At;
                leftTeam = LeftTheTeam(c, q, h);
            }
            else if (outside && !SalesforceId.AreEqual(h.NewValue, q.Id))
            {
                leftTeam |= LeftTheTeam(c, q, h); // accepted by a member, then sent elsewhere: it left the team then
            }
            else if (outside && SalesforceId.AreEqual(h.NewValue, q.Id) &&
                     ((returns ??= GsoReturn.Returns(c).Select(r => r.At).ToList()).Exists(r => r > arrivals[^1].At && r <= h.At) ||
                      (leftTeam && h.At - departed > FieldChange.SavedTogether) || ReopenedBetween(c, arrivals[^1].At, h.At)) &&
                     !returns.Exists(r => (h.At - r).Duration() <= FieldChange.SavedTogether))
            {
                // Came back after a return: a new escalation; unless moved there in the save that returned it (an org that
                // hands a returned case to the Supervisor EPS queue): that is the return's notice, not work to accept. Came back
                // after it had left the team (taken back by the supervisor who sent it, sent to another queue): sent again, a
                // new escalation to accept too.
                arrivals.Add((h.At, h.ById));
                outside = false;
            }
        }

        // The first arrival too may be a return's notice: a case that reached the queue only in the save that returned it (an
        // org that hands returned cases to the Supervisor EPS queue, after a Supervisor EPS member escalated it by hand).
        if ((returns ??= GsoReturn.Returns(c).Select(r => r.At).ToList()).Exists(r => (arrivals[0].At - r).Duration() <= FieldChange.SavedTogether))
        {
            arrivals.RemoveAt(0);
            if (arrivals.Count == 0)
            {
                c.NotApplicable($"o caso só chegou à fila {q.Name ?? q.DeveloperName} com a devolução ({c.Settings.ReturnedStatus}), que não é um escalonamento a aceitar");
                return;
            }
        }

        for (var i = 0; i < arrivals.Count; i++)
        {
            var last = i == arrivals.Count - 1;
            Judge(c, findings, q, arrivals[i].At, last ? null : arrivals[i + 1].At, last);
        }
    }

    /// <summary>One stay in the queue, from <paramref name="start"/> until the next arrival (null: none after it).</summary>
    private void Judge(RuleContext c, List<FindingDraft> findings, QueueInfo q, DateTimeOffset start, DateTimeOffset? next, bool last)
    {
        // The first acceptance from the queue and the first owner change out of it in this stay, and whether the case still
        // waits there (loops, not LINQ: every GSO case runs this twice).
        DateTimeOffset? accepted = null;
        foreach (var w in c.Org.AgentWork(c.Case.Id))
        {
            if (w.AcceptDateTime is { } a && a >= start && (next is null || a < next) && (accepted is null || a < accepted) && SalesforceId.AreEqual(w.GroupId, q.Id))
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
        var stillWaiting = last && SalesforceId.AreEqual(c.Case.OwnerId, q.Id);
        foreach (var p in c.Org.Pending(c.Case.Id))
        {
            stillWaiting |= last && SalesforceId.AreEqual(p.GroupId, q.Id);
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

    /// <summary>Whether the case was closed after <paramref name="from"/> and reopened by <paramref name="to"/>: what comes after is a new escalation.</summary>
    private static bool ReopenedBetween(RuleContext c, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var closure in c.Closures())
        {
            if (closure.From > from && closure.To is { } reopened && reopened <= to)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the case left the queue's team: to another queue, or to someone who is not one of its members (Omni-Channel's
    /// acceptance, or a member taking it, keeps it with the team). Without membership data, nobody is known to have left.
    /// </summary>
    private static bool LeftTheTeam(RuleContext c, QueueInfo q, FieldChange move)
    {
        if (SalesforceId.HasPrefix(move.NewValue, SalesforceId.GroupPrefix))
        {
            return !SalesforceId.AreEqual(move.NewValue, q.Id);
        }

        if (!SalesforceId.HasPrefix(move.NewValue, SalesforceId.UserPrefix) || c.Org.Members(q.Id).Count == 0 || c.Org.IsMember(q.Id, move.NewValue))
        {
            return false;
        }

        // Who accepted the queue's work in Omni-Channel as the move was saved stayed with the team, member or not (skills-based
        // routing, a member since moved to another team).
        foreach (var w in c.Org.AgentWork(c.Case.Id))
        {
            if (w.AcceptDateTime is { } accepted && (accepted - move.At).Duration() <= FieldChange.SavedTogether &&
                SalesforceId.AreEqual(w.UserId, move.NewValue) && SalesforceId.AreEqual(w.GroupId, q.Id))
            {
                return false;
            }
        }

        return true;
    }
}
