using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-05: at the end of the execution the executor field returns to the owner, who contacts the customer and
/// closes the protocol (seed 003): a protocol closed while the executor still held it is reported when it closes.
/// A question (Dúvida) is closed within the call (target 1 hour).
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
            c.Add(findings, Id, FindingKind.ClosurePending, $"encerrado com o executor {executor}; o executor devolve o protocolo ao proprietário, que encerra após o contato com o cliente",
                ProtocolCase.OwnerAndSupervisor(c), "executor");
        }

        if (c.IsOpen && TextKey.Of(c.Case.Field(LogicalField.Occurrence)) == TextKey.Of(c.Settings.QuestionOccurrence))
        {
            var clock = c.Clock(Id).Measure(c.Case.CreatedDate, null, [], c.Now);
            c.AddClock(findings, Id, clock, $"dúvida aberta em {c.Local(c.Case.CreatedDate)}; dúvidas são encerradas ao fim da chamada (tolerância de {c.Target(Id)})",
                ProtocolCase.OwnerAndSupervisor(c), c.Case.CreatedDate, warn: false, breachKind: FindingKind.ClosurePending);
        }
    }
}
