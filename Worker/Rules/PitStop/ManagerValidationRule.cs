namespace SfBridge.Rules.PitStop;

/// <summary>PIT-02: work reaches Especialistas or N2 only after a technical manager validated the escalation.</summary>
public sealed class ManagerValidationRule : IRule
{
    public string Id => "PIT-02";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        if (c.Case.Flag(LogicalField.ManagerValidation))
        {
            c.NotApplicable("o gestor técnico já validou o escalonamento");
            return;
        }

        // The validation queue it reached first (the first listed of those reached at the same instant).
        (QueueInfo? Queue, (DateTimeOffset At, string? ById)? Reached) reached = default;
        foreach (var name in c.Settings.ValidationQueues)
        {
            if (c.Queue(name) is { } q && c.Journey.FirstReached(q.Id) is { } at && (reached.Reached is null || at.At < reached.Reached.Value.At))
            {
                reached = (q, at);
            }
        }

        if (reached.Queue is { } queue)
        {
            // The agent validates with the manager before sending the case to APOIO N1, which directs it on (seed 001: "Se o gestor
            // validar a escalonamento: Abrir a ocorrência e encaminhar para o APOIO N1. O APOIO direcionará para o N2"): who sent
            // it to APOIO N1 before it went on is told with whoever moved it on.
            var apoio = c.Queue(c.Settings.ApoioN1Queue) is { } n1 && SentToApoio(c, n1, queue, reached.Reached!.Value.At) is { } sender ? c.Person(sender) : [];
            c.Add(findings, Id, FindingKind.UnvalidatedEscalation,
                $"encaminhado para {queue.Name ?? queue.DeveloperName} em {c.Local(reached.Reached!.Value.At)} sem a validação do gestor técnico",
                c.Route("queue:" + queue.DeveloperName).Concat(apoio).Concat(c.Person(reached.Reached!.Value.ById ?? c.Case.CreatedById)), queue.DeveloperName);
        }
        else
        {
            c.NotApplicable($"o caso não chegou a nenhuma fila que exige a validação do gestor ({string.Join(", ", c.Settings.ValidationQueues)})");
        }
    }

    /// <summary>
    /// Who sent the case to APOIO N1 for the trip that took it into <paramref name="queue"/> at <paramref name="at"/>: the case went
    /// there from APOIO N1 (its queue, or one of its members) and its last arrival in APOIO N1 before says who sent it. Null when it
    /// reached the queue another way (APOIO turned it away, and someone sent it on directly), or the owner history does not say.
    /// </summary>
    private static string? SentToApoio(RuleContext c, QueueInfo apoio, QueueInfo queue, DateTimeOffset at)
    {
        // Owner history holds a row of ids and a row of names for each change: the ids tell.
        var owners = c.Case.Changes(FieldChange.OwnerField).Where(h => Salesforce.SalesforceId.IsValid(h.NewValue)).ToList();
        var i = owners.FindIndex(h => h.At == at && Salesforce.SalesforceId.AreEqual(h.NewValue, queue.Id));
        var from = i < 0 ? null : owners[i].OldValue;
        // From APOIO's queue, from one of its members, or from whoever took it out of APOIO's queue in the change before.
        if (i < 0 || !(Salesforce.SalesforceId.AreEqual(from, apoio.Id) || c.Org.IsMember(apoio.Id, from) ||
                       (i > 0 && Salesforce.SalesforceId.AreEqual(owners[i - 1].OldValue, apoio.Id) && Salesforce.SalesforceId.AreEqual(owners[i - 1].NewValue, from))))
        {
            return null;
        }

        // Its last arrival in APOIO N1's queue before says who sent it; none on record, and it left that queue first: it was
        // opened there, by whoever opened it.
        return owners.LastOrDefault(h => h.At <= at && Salesforce.SalesforceId.AreEqual(h.NewValue, apoio.Id))?.ById
            ?? (owners.Count > 0 && Salesforce.SalesforceId.AreEqual(owners[0].OldValue, apoio.Id) ? c.Case.CreatedById : null);
    }
}
