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
        if (c.Case.IsClosed && executor is not null && !Salesforce.SalesforceId.AreEqual(executor, c.Case.OwnerId) && !SamePerson(executor, c.OwnerDisplayName))
        {
            // Whoever closed it is told first: the status history names them.
            var closedBy = c.Case.Changes(FieldChange.StatusField).Where(h => PolicySettings.Is(c.Settings.ClosedStatuses, h.NewValue)).MaxBy(h => h.At)?.ById;
            c.Add(findings, Id, FindingKind.ClosurePending, $"encerrado com o executor {executor}; o executor devolve o protocolo ao proprietário, que encerra após o contato com o cliente",
                ProtocolCase.OwnerAndSupervisor(c, closedBy), "executor");
        }

        if (c.IsOpen && TextKey.Of(c.Case.Field(LogicalField.Occurrence)) == TextKey.Of(c.Settings.QuestionOccurrence))
        {
            var clock = c.Clock(Id).Measure(c.Case.CreatedDate, null, c.Closures(), c.Now);
            if (c.ClockRaises(clock, warn: false))
            {
                c.AddClock(findings, Id, clock, $"dúvida aberta em {c.Local(c.Case.CreatedDate)}; dúvidas são encerradas ao fim da chamada (tolerância de {c.Target(Id)})",
                    ProtocolCase.OwnerAndSupervisor(c), c.Case.CreatedDate, warn: false, breachKind: FindingKind.ClosurePending);
            }
        }
        else if (c.IsOpen)
        {
            c.NotApplicable($"o protocolo ainda está aberto, e a ocorrência não é \"{c.Settings.QuestionOccurrence}\"");
        }
    }

    /// <summary>
    /// The executor field is free text: "Lúcia", "Lúcia Ferraz" and "Lúcia de Souza Ferraz" name the same owner when
    /// every word of the shorter name is in the longer one (case and accents ignored).
    /// </summary>
    private static bool SamePerson(string executor, string? owner)
    {
        var a = TextKey.Of(executor).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var b = TextKey.Of(owner).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        return shorter.All(w => longer.Contains(w, StringComparer.Ordinal));
    }
}
