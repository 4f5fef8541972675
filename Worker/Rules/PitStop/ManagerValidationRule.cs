namespace SfBridge.Rules.PitStop;

/// <summary>PIT-02: work reaches Especialistas or N2 only after a technical manager validated the escalation.</summary>
public sealed class ManagerValidationRule : IRule
{
    public string Id => "PIT-02";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.IsOpen || c.Case.Flag(LogicalField.ManagerValidation))
        {
            return;
        }

        var queue = c.OwnerQueue is { } owner && c.Settings.ValidationQueues.Contains(owner.DeveloperName) ? owner
            : c.Org.AgentWork(c.Case.Id).Select(w => c.Org.Group(w.GroupId)).FirstOrDefault(g => g is not null && c.Settings.ValidationQueues.Contains(g.DeveloperName));
        if (queue is not null)
        {
            c.Add(findings, Id, FindingKind.UnvalidatedEscalation, $"encaminhado para {queue.Name ?? queue.DeveloperName} sem validação do gestor técnico",
                c.Route("queue:" + queue.DeveloperName).Concat(c.Person(c.Case.CreatedById)), queue.DeveloperName);
        }
    }
}
