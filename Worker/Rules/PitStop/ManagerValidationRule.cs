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
            c.Add(findings, Id, FindingKind.UnvalidatedEscalation,
                $"encaminhado para {queue.Name ?? queue.DeveloperName} em {c.Local(reached.Reached!.Value.At)} sem a validação do gestor técnico",
                c.Route("queue:" + queue.DeveloperName).Concat(c.Person(reached.Reached!.Value.ById ?? c.Case.CreatedById)), queue.DeveloperName);
        }
        else
        {
            c.NotApplicable($"o caso não chegou a nenhuma fila que exige a validação do gestor ({string.Join(", ", c.Settings.ValidationQueues)})");
        }
    }
}
