namespace SfBridge.Rules.Billing;

/// <summary>
/// BIL-03: the after-hours escalation chain (seed 004: "fora do horário comercial … não tiver sucesso no seguimento
/// do escalonamento, deverá acionar …"). When BIL-02's deadline falls outside the matrix calendar's hours and the
/// responsible team gives no action within the matrix's after-hours wait, the after-hours contact is mentioned.
/// </summary>
public sealed class AfterHoursRule : IRule
{
    public string Id => "BIL-03";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        if (Incident.Matrix(c) is not { } matrix)
        {
            if (c.Case.Field(LogicalField.IncidentNumber) is { } incident)
            {
                c.NotApplicable($"nenhuma linha da matriz de escalonamento cobre o incidente {incident}");
            }
            else
            {
                c.NotApplicable("o caso não tem número de incidente, e a matriz de escalonamento não tem linha padrão");
            }
            return;
        }

        // rules.csv always holds BIL-02 with its target: the mapping loader refuses a file without it.
        var firstAction = c.Policy.Rules["BIL-02"];
        var target = firstAction.Target!.Value;
        var escalated = target.DueFrom(c.Policy.Calendar(firstAction.Calendar), c.Case.CreatedDate);
        if (c.Policy.Calendar(matrix.Calendar).IsOpen(escalated))
        {
            c.NotApplicable($"o prazo da primeira ação ({c.Local(escalated)}) cai dentro do horário comercial");
            return; // in business hours the team answers; the after-hours chain does not apply
        }

        var due = escalated + matrix.AfterHoursWait;
        var first = Incident.Actions(c).FirstOrDefault(a => a.At >= c.Case.CreatedDate)?.At;
        if ((first is { } f && f <= due) || c.Now <= due)
        {
            c.ExpectPast(first is null ? due : null);
            return;
        }

        // Acted on after the wait: the breach happened and is over; nobody is to be called any more.
        var detail = first is { } late
            ? $"fora do horário comercial, {matrix.Team} foi acionado em {c.Local(escalated)} e a primeira ação no incidente só veio em {c.Local(late)}, depois da espera de {matrix.AfterHoursWait.TotalMinutes:0} minutos"
            : $"fora do horário comercial, {matrix.Team} foi acionado em {c.Local(escalated)} e o incidente segue sem ação após {matrix.AfterHoursWait.TotalMinutes:0} minutos; acionar o contato de plantão";
        c.Add(findings, Id, FindingKind.SlaBreach, detail, c.Mention(matrix.AfterHoursMention), RuleContext.Instance(escalated), due, settled: first is not null);
    }
}
