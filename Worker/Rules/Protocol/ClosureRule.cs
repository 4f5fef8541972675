using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-05: a protocol is closed by its owner after the executor hands it back (the executor field returns to the
/// owner), and a question (Dúvida) is closed within the call (target 1 hour).
/// </summary>
public sealed class ClosureRule : IRule
{
    public string Id => "PRO-05";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var executor = c.Case.Field(LogicalField.Executor);
        if (c.Case.IsClosed && executor is not null && !Salesforce.SalesforceId.AreEqual(executor, c.Case.OwnerId) &&
            TextKey.Of(executor) != TextKey.Of(c.OwnerDisplayName))
        {
            c.Add(findings, Id, FindingKind.ClosurePending, $"encerrado com o executor {executor}; o executor deve devolver o protocolo ao proprietário",
                ProtocolCase.OwnerAndSupervisor(c), "executor");
        }

        if (c.IsOpen && TextKey.Of(c.Case.Field(LogicalField.Occurrence)) == TextKey.Of(c.Settings.QuestionOccurrence))
        {
            var clock = c.Clock(Id).Measure(c.Case.CreatedDate, null, [], c.Now);
            c.AddClock(findings, Id, clock, "dúvida deve ser encerrada ao fim da chamada", ProtocolCase.OwnerAndSupervisor(c), c.Case.CreatedDate,
                warn: false, breachKind: FindingKind.ClosurePending);
        }
    }
}
