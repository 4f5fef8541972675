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
        // The protocol's owner is the agent who holds it, and the one who opened it: when it went to the N2 queue or to an
        // analyst as Salesforce owner meanwhile, the executor handed back to the agent who opened it is handed back too.
        var executor = Named(c.Case.Field(LogicalField.Executor));
        if (c.Case.IsClosed && executor is not null && !Salesforce.SalesforceId.AreEqual(executor, c.Case.OwnerId) && !SamePerson(executor, c.OwnerDisplayName) &&
            !Salesforce.SalesforceId.AreEqual(executor, c.Case.CreatedById) && !SamePerson(executor, c.Org.User(c.Case.CreatedById)?.Name))
        {
            // Whoever closed it is told first: the status history names them.
            var closedBy = c.Case.Changes(FieldChange.StatusField).Where(h => PolicySettings.Is(c.Settings.ClosedStatuses, h.NewValue)).MaxBy(h => h.At)?.ById;
            c.Add(findings, Id, FindingKind.ClosurePending, $"encerrado com o executor {c.UserName(executor)}; o executor devolve o protocolo ao proprietário, que encerra após o contato com o cliente",
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
    /// The executor field as a person: what agents type in it for a protocol never transferred ("Nenhum", "N/A", "-", "Não
    /// transferido", "Sem executor") names nobody. The seed asks for the executor only "(Se transferido)".
    /// </summary>
    private static string? Named(string? executor) =>
        executor is null || Words(executor) is not { Length: > 0 } words || words.All(NoOne.Contains) ? null : executor;

    /// <summary>The words of an executor field that names nobody, accents and case ignored.</summary>
    private static readonly HashSet<string> NoOne = new(StringComparer.Ordinal)
    {
        "nenhum", "nenhuma", "ninguem", "n", "a", "na", "nao", "se", "aplica", "sem", "executor", "transferido", "transferencia",
        "null", "vazio", "pendente", "x",
        // "Não houve transferência", "Não foi transferido", "N/A - atendido no N1", "Atendido pelo N1", "N1": handled where it was opened;
        // "Própria", "Devolvido ao proprietário", "Devolvido para o N1": back with the owner.
        "houve", "foi", "atendido", "atendida", "no", "pelo", "pela", "n1", "propria", "proprio", "devolvido", "devolvida", "ao", "para", "o",
        "proprietario", "proprietaria",
    };

    /// <summary>
    /// Words beside a name in the executor field that name no one else: the opener's team ("Lúcia (N1)", "Lúcia - N1"; "Lúcia (N2)"
    /// is someone of N2 with her first name), that it is the
    /// owner's own ("Lúcia (própria)"), that it was handed back ("Devolvido para Lúcia"), and a name's particles.
    /// </summary>
    private static readonly HashSet<string> Beside = new(StringComparer.Ordinal)
    {
        "n1", "propria", "proprio", "mesma", "mesmo", "devolvido", "devolvida", "para", "ao", "a", "o", "de", "da", "do", "dos", "das", "e",
    };

    /// <summary>
    /// The executor field is free text: "Lúcia", "Lúcia Ferraz", "Lúcia de Souza Ferraz", "Ferraz, Lúcia", "Lúcia F.",
    /// "Lúcia Ferraz.", "Lúcia (N1)" and "Devolvido para Lúcia" name the same owner when every word of the shorter name is in
    /// the longer one, an initial standing for a word it begins (case, accents, punctuation and the words beside a name ignored).
    /// </summary>
    private static bool SamePerson(string executor, string? owner)
    {
        var a = Words(executor).Where(w => !Beside.Contains(w)).ToArray();
        var b = Words(owner).Where(w => !Beside.Contains(w)).ToArray();
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        return shorter.Any(w => w.Length > 1) &&
               shorter.All(w => w.Length == 1 ? longer.Any(l => l[0] == w[0]) : longer.Contains(w, StringComparer.Ordinal));
    }

    private static string[] Words(string? name) =>
        System.Text.RegularExpressions.Regex.Split(TextKey.Of(name), "[^a-z0-9]+").Where(w => w.Length > 0).ToArray();
}
