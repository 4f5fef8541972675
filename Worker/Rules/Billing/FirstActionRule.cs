namespace SfBridge.Rules.Billing;

/// <summary>
/// BIL-02 (business hours) and BIL-03 (after hours): an incident with no action in its first 10 minutes is
/// escalated to the responsible team from the matrix; outside the matrix calendar's hours the after-hours
/// contact is mentioned instead. Which one applies is decided by when the deadline passed.
/// </summary>
public sealed class FirstActionRule(bool afterHours) : IRule
{
    public string Id => afterHours ? "BIL-03" : "BIL-02";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        var first = Incident.Actions(c).Cast<DateTimeOffset?>().FirstOrDefault();
        if (!c.IsOpen && first is null)
        {
            return;
        }

        var clock = c.Clock(Id).Measure(c.Case.CreatedDate, first, [], c.Now);
        var matrix = Incident.Matrix(c);
        if (!clock.IsBreached || clock.DueAt is not { } due || matrix is null || c.Policy.Calendar(matrix.Calendar).IsOpen(due) == afterHours)
        {
            return;
        }

        var what = first is null ? "incidente sem nenhuma ação nos primeiros 10 minutos" : $"primeira ação só em {c.Local(first.Value)}";
        // After hours only the after-hours contact is on duty; the queue's day team is not pinged.
        var mentions = Incident.Contact(c, due, matrix).Concat(afterHours ? [] : c.OwnerQueueRoute());
        c.AddClock(findings, Id, clock, $"{what}; acionar {matrix.Team}", mentions, c.Case.CreatedDate, warn: false);
    }
}
