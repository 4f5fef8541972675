using SfBridge.Mappings;

namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-05: for order-release categories, GAR as it stood when the case was escalated to the GSO queue.
/// APROVADO/EMITIDO then makes the escalation undue; a status the category is not escalated in is a mismatch; an
/// escalation sooner than the category's minimum after GAR's validation is premature (measured from the
/// escalation); an unknown order is flagged. While the case sits with Supervisor EPS (its queue or a member) the same
/// check warns before the escalation. The status at the escalation is the latest answer known to hold by then (from
/// GAR's updatedAt or from when it was seen, the earlier): a status set after the escalation did not hold then, and
/// GSO releasing the order is the expected outcome, not a finding. Statuses compare ignoring case. Without GAR data
/// the rule waits, never guesses. An escalation GAR contradicted names who sent the case to GSO and Supervisor EPS,
/// whose check it was; an order GAR does not know names the agent who typed it, and Supervisor EPS.
/// </summary>
public sealed class GarStatusRule : IRule
{
    public string Id => "GSO-05";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        // GAR down, not configured, or this order not looked up yet: postpone rather than guess.
        if (!c.Org.HasGar)
        {
            c.Waiting("o GAR não respondeu ou não está configurado");
            return;
        }

        // An escalation is judged under the category it was made under: one changed since (GSO's analyst writing where the order
        // is now) is not what Supervisor EPS checked GAR against. The field's history tells, where the org keeps it.
        var escalation = c.Reached(c.Settings.GsoQueue);
        var categoryName = escalation is { } made ? CategoryAt(c, made.At) : c.Case.Field(LogicalField.EscalationCategory);
        if (c.Policy.Category(c.Pack, categoryName) is not { OrderRelease: true } category)
        {
            if (categoryName is null)
            {
                c.NotApplicable("o caso não tem categoria de escalonamento");
            }
            else
            {
                c.NotApplicable($"a categoria \"{categoryName}\" não é de liberação de pedido");
            }
            return;
        }

        if (c.Case.Field(LogicalField.OrderNumber) is not { } number)
        {
            c.NotApplicable("o caso não tem número de pedido");
            return;
        }

        if (!GarOrderNumber.IsValid(number))
        {
            c.NotApplicable($"o número do pedido \"{number.Trim()}\" não pode ser consultado no GAR (só letras, dígitos, - e _)");
            return;
        }

        if (!c.Org.GarKnows(number))
        {
            c.Waiting($"o GAR ainda não respondeu sobre o pedido {number}");
            return;
        }

        // Checking GAR is Supervisor EPS's step: a case the N1 agent still holds is judged once it reaches them or GSO.
        if (escalation is null && !WithSupervisorEps(c))
        {
            c.NotApplicable("o caso não foi escalado ao GSO e não está com o Supervisor EPS");
            return;
        }

        // What GAR said before this case was opened is another case's answer, or this order's weeks ago: the order may have moved
        // on since. GAR is asked about it again within minutes, and the case is judged on that.
        var latest = c.Org.GarAnswered(number); // the last time GAR answered about the order, found or not (null: not known)
        if (latest is { } answered && answered < c.Case.CreatedDate)
        {
            c.Waiting($"o GAR não respondeu sobre o pedido {number} desde a abertura do caso ({c.Local(c.Case.CreatedDate)}); última resposta em {c.Local(answered)}");
            c.Expect(c.Now + Recheck);
            return;
        }

        var answers = c.Org.GarAnswers(number);
        // Still with Supervisor EPS, GAR is judged as it is now: its latest answer, given within minutes. One last given longer
        // ago (GAR not asked since: the worker stopped, the number was just corrected to an order asked about for another case)
        // waits for the next; a "not found" after answers found makes the order unknown now.
        if (escalation is null && latest is { } last && last < c.Now - Continuity)
        {
            c.Waiting($"a última resposta do GAR sobre o pedido {number} é de {c.Local(last)}: o GAR será consultado de novo");
            c.Expect(c.Now + Recheck);
            return;
        }

        if (answers.Count == 0 || (escalation is null && latest > answers[^1].LastSeen))
        {
            if (!c.Org.GarFoundAny)
            {
                c.Waiting($"o GAR não encontrou o pedido {number}, mas ainda não encontrou pedido nenhum: um 404 de um endereço errado (Gar:BaseUrl) não prova que o pedido não existe");
                return;
            }

            if (escalation is null)
            {
                c.Add(findings, Id, FindingKind.GarMismatch, $"o pedido {number} não existe no GAR: conferir antes de escalar ao GSO", c.Route("queue:" + c.Settings.EpsQueue),
                    "unknown:" + number + ":eps", severity: Severity.Warning);
            }
            else
            {
                c.Add(findings, Id, FindingKind.GarMismatch, $"o pedido {number} não existe no GAR", GsoMentions.AgentAndEps(c), "unknown:" + number);
            }

            return;
        }

        if (escalation is { } escalated)
        {
            // GAR is judged as it stood at the escalation: dated at the case's creation, one made a day later would be called
            // premature, or undue for an order approved meanwhile.
            if (c.ArrivalUnknown(c.Queue(c.Settings.GsoQueue)!))
            {
                return;
            }

            var (order, later) = StatusAt(answers, escalated.At);
            if (order is null && later is false)
            {
                // GAR's last answer is from before the escalation: whether it still held then, its next answer tells.
                c.Waiting($"a última resposta do GAR sobre o pedido {number} é anterior ao escalonamento de {c.Local(escalated.At)}");
                c.Expect(c.Now + Recheck);
            }
            else if (order is not null)
            {
                // A case sent to GSO without passing Supervisor EPS never had their GAR check: who sent it answers alone (GSO-09
                // tells Supervisor EPS of the bypass); when the history names nobody who can be told (an automation, a routing),
                // Supervisor EPS after all, so that someone is.
                var sender = c.Bypassed(c.Settings.GsoQueue, c.Settings.EpsQueue) ? c.Person(escalated.ById).ToList() : [];
                var told = sender.Count > 0 ? sender : GsoMentions.EscalatorAndEps(c, escalated.ById);
                Judge(c, findings, category, number, order, escalated.At, before: false, told);
            }
            else
            {
                c.NotApplicable($"nenhuma resposta do GAR mostra o status do pedido {number} em {c.Local(escalated.At)}, quando foi escalado ao GSO");
            }
        }
        else
        {
            // Still with Supervisor EPS: warn before an escalation that GAR already contradicts.
            Judge(c, findings, category, number, answers[^1].Order, c.Now, before: true, c.Route("queue:" + c.Settings.EpsQueue));
        }
    }

    /// <summary>The escalation category at an instant: the value the first change after it replaced, else the value now.</summary>
    private static string? CategoryAt(RuleContext c, DateTimeOffset at)
    {
        var changes = c.Case.Changes(c.Policy.Fields[LogicalField.EscalationCategory]);
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].At > at)
            {
                return changes[i].OldValue;
            }
        }

        return c.Case.Field(LogicalField.EscalationCategory);
    }

    /// <summary>How soon a case waiting for GAR's next answer is judged again (GAR's audit runs every five minutes by default).</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long GAR may go unasked between two answers for the first to hold until the second's status was set: a few of
    /// the GAR audit's runs (every five minutes by default). Over a longer gap the order may have passed through other
    /// statuses unseen.
    /// </summary>
    public static readonly TimeSpan Continuity = TimeSpan.FromMinutes(15);

    /// <summary>
    /// GAR's status at an instant: the latest answer (in the order seen) known to hold by then, and still holding at it. An
    /// answer holds from GAR's updatedAt or from when it was seen, whichever is earlier, so an answer seen after the
    /// escalation whose status was set before it still counts, and one set after it does not; and it holds until GAR last
    /// gave it, or, when GAR was asked again within minutes, until the next answer's status was set. An answer of weeks
    /// before, with nothing seen in between, says nothing of the order at the escalation. Null with <c>Later</c> false when
    /// GAR's last answer is from before the instant (its next answer tells); null with <c>Later</c> true when no answer
    /// shows the status then (the order changed while GAR was not asked).
    /// </summary>
    private static (GarOrder? Order, bool Later) StatusAt(IReadOnlyList<GarObservation> answers, DateTimeOffset at)
    {
        for (var i = answers.Count - 1; i >= 0; i--)
        {
            var a = answers[i];
            if (HeldFrom(a) is not { } from || from > at)
            {
                continue;
            }

            // Undated answers (an offline snapshot's) hold as long as nothing later says otherwise.
            if (a.LastSeen is not { } last || at <= last)
            {
                return (a.Order, true);
            }

            if (i == answers.Count - 1)
            {
                return (null, false);
            }

            // The next answer's status was set after the instant (else it would be the latest held by then): this one held
            // until then, if GAR was asked again soon enough for no other status to have come and gone unseen.
            var next = answers[i + 1];
            return (next.SeenAt is { } seen && seen - last <= Continuity ? a.Order : null, true);
        }

        return (null, true);
    }

    private static DateTimeOffset? HeldFrom(GarObservation a) => (a.Order.UpdatedAt, a.SeenAt) switch
    {
        ({ } updated, { } seen) => updated < seen ? updated : seen,
        ({ } updated, null) => updated,
        (null, var seen) => seen,
    };

    /// <summary>The case sits in the Supervisor EPS queue or with one of its members (not merely passed through it).</summary>
    private static bool WithSupervisorEps(RuleContext c) =>
        c.Queue(c.Settings.EpsQueue) is { } eps &&
        (Salesforce.SalesforceId.AreEqual(c.Case.OwnerId, eps.Id) || c.Org.IsMember(eps.Id, c.Case.OwnerId));

    private void Judge(RuleContext c, List<FindingDraft> findings, EscalationCategory category, string number, GarOrder order, DateTimeOffset escalatedAt, bool before,
        IEnumerable<string> mentions)
    {
        var severity = before ? Severity.Warning : (Severity?)null;
        var suffix = before ? ":eps" : "";
        if (c.Settings.OrderApprovedStatuses.Contains(order.Status.Trim()))
        {
            c.Add(findings, Id, FindingKind.GarMismatch, before
                    ? $"o pedido {number} já está {order.Status} no GAR: não há o que escalar ao GSO"
                    : $"o pedido {number} já estava {order.Status} no GAR quando foi escalado ao GSO em {c.Local(escalatedAt)}: escalonamento indevido",
                mentions, "undue:" + order.Status + suffix, severity: severity);
        }
        else if (!category.GarStatuses.Contains(order.Status.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            c.Add(findings, Id, FindingKind.GarMismatch,
                $"o GAR mostra o pedido {number} em {order.Status}, e a categoria pede {string.Join(" ou ", category.GarStatuses)}", mentions, "status:" + order.Status + suffix,
                severity: severity);
        }
        else if (category.MinHoursAfterValidation > 0 && order.ValidatedAt is { } validated && validated <= escalatedAt &&
                 escalatedAt < validated.AddHours(category.MinHoursAfterValidation))
        {
            var earliest = validated.AddHours(category.MinHoursAfterValidation);
            if (before)
            {
                c.Expect(earliest); // from then on the escalation is no longer premature
            }

            var waited = escalatedAt - validated;
            c.Add(findings, Id, FindingKind.GarMismatch, before
                    ? $"o pedido {number} foi validado em {c.Local(validated)}; escalar ao GSO só a partir de {c.Local(earliest)} ({category.MinHoursAfterValidation} horas após a validação)"
                    : $"o caso foi escalado ao GSO {Hours(waited)} após a validação de {c.Local(validated)}, antes das {category.MinHoursAfterValidation} horas (escalonamento prematuro)",
                mentions, "premature" + suffix, earliest, severity);
        }
    }

    private static string Hours(TimeSpan span) => span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}" : $"{(int)span.TotalMinutes} min";
}
