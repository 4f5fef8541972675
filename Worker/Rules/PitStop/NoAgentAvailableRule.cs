using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Rules.PitStop;

/// <summary>
/// PIT-03: work waiting in a Pit Stop queue longer than the target (10 minutes, on the Pit Stop calendar) that nobody
/// has taken calls the management support group ("APOIO da gestão"): whether no member is available or the offers
/// were declined or timed out. Members include users reached through public groups and roles. A "current" presence
/// older than presence.max_age is stale and does not count as available. A routing is not waiting once the case belongs
/// to one of its queue's people (an agent accepted it: Omni-Channel gives the case to the agent and deletes the routing)
/// or to another queue, after the last Omni-Channel sync; the case, read again before an alert, says so first.
/// </summary>
public sealed class NoAgentAvailableRule : IRule
{
    public string Id => "PIT-03";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        var routings = c.Org.Pending(c.Case.Id);
        if (routings.Count == 0)
        {
            c.NotApplicable("o caso não está aguardando atendimento em nenhuma fila do Omni-Channel");
            return;
        }

        foreach (var pending in routings)
        {
            if (c.Org.Group(pending.GroupId) is not { } queue)
            {
                if (routings.All(p => c.Org.Group(p.GroupId) is null))
                {
                    c.NotApplicable("o roteamento pendente do caso não aponta para uma fila conhecida");
                }

                continue;
            }

            // Work waiting in N2, APOIO N1 or GSO is not the agenda's: APOIO da gestão is called for the agenda's queues (seed 001, 2.3 and 4).
            if (c.Settings.AgendaQueues.Count > 0 && !c.Settings.AgendaQueues.Contains(queue.DeveloperName))
            {
                c.NotApplicable($"o caso aguarda na fila {queue.Name ?? queue.DeveloperName}, que não é da agenda do Pit Stop (pitstop.agenda_queues)");
                continue;
            }

            // Taken by one of the queue's people, or moved to another queue. A case owned by someone else (an Omni-Channel
            // flow may route work without changing its owner) still waits.
            var owner = c.Case.OwnerId;
            if (SalesforceId.HasPrefix(owner, SalesforceId.GroupPrefix) ? !SalesforceId.AreEqual(owner, queue.Id) : c.Org.IsMember(queue.Id, owner))
            {
                c.NotApplicable($"o caso já não está na fila {queue.Name ?? queue.DeveloperName}: foi assumido ou transferido");
                continue;
            }

            // The wait started when this routing was created: Omni-Channel keeps the pending row through declines and
            // timed-out offers, so a re-offer does not restart it, and an earlier stay in the same queue does not count.
            var since = pending.CreatedDate;
            var clock = c.Clock(Id).Measure(since, null, c.Closures(), c.Now);
            if (!clock.IsBreached)
            {
                c.ExpectPast(clock.DueAt);
                continue;
            }

            var members = c.Org.Members(queue.Id);
            var available = members.Count(m => c.Org.Presence(m) is { } p && !p.IsAway &&
                PolicySettings.Is(c.Settings.AvailablePresenceStatuses, p.Status) && (p.Since is null || c.Now - p.Since <= c.Settings.PresenceMaxAge));
            var declined = c.Org.AgentWork(c.Case.Id).Count(w => SalesforceId.AreEqual(w.GroupId, queue.Id) && w.IsDeclined && w.RequestDateTime >= since);
            var refused = $"{declined} {(declined == 1 ? "oferta foi recusada ou expirou" : "ofertas foram recusadas ou expiraram")}";
            var why = available == 0 ? "nenhum membro da fila está disponível no Omni-Channel" + (declined > 0 ? $", e {refused}" : "")
                : declined > 0 ? refused
                : $"{available} {(available == 1 ? "membro está disponível" : "membros estão disponíveis")} no Omni-Channel, e nenhuma oferta foi aceita " +
                  "(sem capacidade livre, ou sem oferta feita)";
            c.Add(findings, Id, FindingKind.NoAgentAvailable,
                $"aguardando na fila {queue.Name ?? queue.DeveloperName} desde {c.Local(since)} sem que ninguém assuma: {why}",
                Apoio(c), SalesforceId.To18(queue.Id) + ":" + since.ToUnixTimeSeconds(), clock.DueAt);
        }
    }

    /// <summary>APOIO da gestão: the routes of the groups pitstop.apoio_groups names (mentions.csv group:&lt;name&gt;).</summary>
    private static List<string> Apoio(RuleContext c) =>
        (c.Settings.ApoioGroups.Count > 0 ? c.Settings.ApoioGroups : DefaultApoio).SelectMany(g => c.Route("group:" + g)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>APOIO da gestão as the shipped mappings name it, where pitstop.apoio_groups names none.</summary>
    private static readonly string[] DefaultApoio = ["Apoio_Gestao"];
}
