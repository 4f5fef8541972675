using SfBridge.Mappings;

namespace SfBridge.Rules.Protocol;

/// <summary>
/// PRO-03: the resolution is a dated log with the executor's name ("Análise dd/mm/aaaa Nome / Teste … /
/// Encaminhamento … / Solução …", read by <see cref="ResolutionLog"/>). Entries without a date or a name are
/// flagged; a closed protocol also needs its dated Solução entry. Judged again when the protocol closes.
/// </summary>
public sealed class DatedResolutionRule : IRule
{
    public string Id => "PRO-03";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var resolution = c.Case.Field(LogicalField.Resolution);
        if (resolution is null)
        {
            c.NotApplicable("a resolução do protocolo ainda não foi preenchida");
            return; // an empty resolution on a closed protocol is PRO-01's finding
        }

        // Who may have executed an entry: the executor now and every executor the history shows (handed back to the owner
        // at the end, the analyst is still the one who ran the test), the owner, the opener, and whoever worked on the case.
        var executorField = c.Policy.Fields[LogicalField.Executor];
        var people = new[] { c.Case.Field(LogicalField.Executor), c.UserName(c.Case.OwnerId), c.UserName(c.Case.CreatedById), c.Case.OwnerName }
            .Concat(c.Activity.All.Select(i => c.Org.User(i.ById)?.Name))
            .Concat(c.Case.History.Select(h => c.Org.User(h.ById)?.Name))
            .Concat(c.Case.History.Where(h => string.Equals(h.Field, executorField, StringComparison.OrdinalIgnoreCase)).SelectMany(h => new[] { h.OldValue, h.NewValue }));
        var entries = ResolutionLog.Read(resolution, people);
        var problems = new List<string>();
        if (entries.Where(e => !e.Dated).Select(e => Label(e.Keyword)).Distinct().ToList() is { Count: > 0 } undated)
        {
            problems.Add("sem data: " + string.Join(", ", undated));
        }

        // The executor's name is asked of the tests and analyses done (seed 003: "testes e análises realizadas com data e no[me] do
        // executor") and of the solution; a forwarding is recorded as "Data/motivo/departamento ou pessoa encaminhada", naming where
        // it went, which PRO-04 reads.
        if (entries.Where(e => !e.Named && e.Keyword != "encaminhamento").Select(e => Label(e.Keyword)).Distinct().ToList() is { Count: > 0 } unnamed)
        {
            problems.Add("sem o nome de quem executou: " + string.Join(", ", unnamed));
        }

        if (c.Case.IsClosed && !entries.Any(e => e is { Keyword: "solucao", Dated: true }))
        {
            problems.Add("falta a entrada \"Solução dd/mm/aaaa\"");
        }

        if (problems.Count > 0)
        {
            c.Add(findings, Id, FindingKind.CommentIncomplete, "resolução fora do padrão (" + string.Join("; ", problems) + ")",
                ProtocolCase.OwnerAndSupervisor(c), c.Case.IsClosed ? "closed" : "open");
        }
    }

    private static string Label(string keyword) => keyword switch
    {
        "analise" => "Análise",
        "teste" => "Teste",
        "encaminhamento" => "Encaminhamento",
        _ => "Solução",
    };
}
