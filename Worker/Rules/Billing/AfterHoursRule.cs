namespace SfBridge.Rules.Billing;

/// <summary>
/// BIL-03: the after-hours escalation chain (seed 004: "fora do horário comercial … não tiver sucesso no seguimento
/// do escalonamento, deverá acionar …"). When the wait after BIL-02's deadline (the matrix's after-hours wait) lies
/// outside the matrix calendar's hours, wholly or in part, and the incident has no action when it ends: the after-hours
/// contact is mentioned if the team's hours are closed when the alert or its reminder is written, the team's business-hours
/// contact if they are open (an incident left untouched overnight is the team's to take up at 08:00). BIL-02's own alert
/// outside the hours carries no mentions, so nobody is said to have been called already.
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
            if (Incident.Number(c) is { } incident)
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
        var escalated = target.DueFrom(c.Policy.Calendar(firstAction.Calendar), c.PackSince);
        var hours = c.Policy.Calendar(matrix.Calendar);
        var due = escalated + matrix.AfterHoursWait;
        var openAtDue = hours.IsOpen(due);
        if (hours.IsOpen(escalated) && openAtDue && !ClosesBetween(hours, escalated, due))
        {
            c.NotApplicable($"o prazo da primeira ação ({c.Local(escalated)}) e a espera de {matrix.AfterHoursWait.TotalMinutes:0} minutos depois dele caem dentro do horário comercial");
            return; // in business hours the team answers; the after-hours chain does not apply
        }

        var first = Incident.Actions(c) is [var action, ..] ? action.At : (DateTimeOffset?)null;
        if ((first is { } f && f <= due) || c.Now <= due)
        {
            c.ExpectPast(first is null ? due : null);
            return;
        }

        // Acted on after the wait: the breach happened and is over; nobody is to be called any more (no mentions).
        // Still without action: whoever answers now is called, so a reminder the next morning tells the team, not the night's contact.
        var wait = $"{matrix.AfterHoursWait.TotalMinutes:0} minutos";
        var openNow = hours.IsOpen(c.Now);
        // The text counts from the wait's end when the hours opened or closed since, and says where the hours stand now.
        var changed = openAtDue != openNow;
        var where = openNow ? "já no horário comercial" : changed ? "de novo fora do horário comercial" : "fora do horário comercial";
        var call = openNow ? $"acionar {matrix.Team}" : "contato de plantão acionado por este aviso";
        var detail = first is { } late
            ? $"prazo da primeira ação vencido em {c.Local(escalated)}, com a espera de {wait} fora do horário comercial, e a primeira ação no incidente só veio em {c.Local(late)}"
            : $"prazo da primeira ação vencido em {c.Local(escalated)}{(!openNow ? "" : hours.IsOpen(escalated) ? $", com a espera de {wait} fora do horário comercial," : ", fora do horário comercial,")} e o incidente segue sem ação " +
              (changed ? $"desde {c.Local(due)}; {where}, {call}" : $"{wait} depois, {where}; {call}");
        // A breach already over is recorded, not a call: nobody is woken at night for an incident someone has taken up.
        c.Add(findings, Id, FindingKind.SlaBreach, detail, first is not null ? [] : c.Mention(openNow ? matrix.BusinessHoursMention : matrix.AfterHoursMention),
            RuleContext.Instance(escalated), due, settled: first is not null);
    }

    /// <summary>Whether the calendar's working period ends somewhere between two instants it is open at (a lunch break, the evening).</summary>
    private static bool ClosesBetween(Sla.BusinessCalendar hours, DateTimeOffset from, DateTimeOffset to) =>
        hours.Elapsed(from, to) < to - from;
}
