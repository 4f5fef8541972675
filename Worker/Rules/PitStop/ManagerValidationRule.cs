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

        var reached = c.Settings.ValidationQueues.Select(c.Queue).OfType<QueueInfo>()
            .Select(q => (Queue: q, Reached: c.Journey.FirstReached(q.Id))).Where(x => x.Reached is not null).OrderBy(x => x.Reached!.Value.At).FirstOrDefault();
        if (reached.Queue is { } queue)
        {
            // The agent validates with the manager before sending the case to APOIO N1, which directs it on (seed 001: "Se o gestor
            // validar a escalonamento: Abrir a ocorrência e encaminhar para o APOIO N1. O APOIO direcionará para o N2"): who sent
            // it to APOIO N1 before it went on is told with whoever moved it on.
            var apoio = c.Queue(c.Settings.ApoioN1Queue) is { } n1 && c.Journey.FirstReached(n1.Id) is { } viaApoio && viaApoio.At <= reached.Reached!.Value.At
                ? c.Person(viaApoio.ById ?? c.Case.CreatedById) : [];
            c.Add(findings, Id, FindingKind.UnvalidatedEscalation,
                $"encaminhado para {queue.Name ?? queue.DeveloperName} em {c.Local(reached.Reached!.Value.At)} sem a validação do gestor técnico",
                c.Route("queue:" + queue.DeveloperName).Concat(apoio).Concat(c.Person(reached.Reached!.Value.ById ?? c.Case.CreatedById)), queue.DeveloperName);
        }
        else
        {
            c.NotApplicable($"o caso não chegou a nenhuma fila que exige a validação do gestor ({string.Join(", ", c.Settings.ValidationQueues)})");
        }
    }
}
