using System.Globalization;
using SfBridge.Mappings;

namespace SfBridge.Rules.SpecialService;

/// <summary>
/// SS-05: an analyst with a planned absence (absences.csv) must finish or hand over their open cases before leaving:
/// from one business day before the absence starts the case is reported as a warning, once it started as a breach.
/// Mentions the analyst (before the absence only: once away they cannot act), the substitute and the supervisor.
/// </summary>
public sealed class HandoverRule : IRule
{
    public string Id => "SS-05";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        // Every open case of the pack, key account or not: the analyst "zera os chamados" before leaving (seed 002).
        if (!c.RequireOpen())
        {
            return;
        }

        if (c.Case.OwnerId is not { } owner)
        {
            c.NotApplicable("o caso não tem proprietário");
            return;
        }

        var calendar = c.Policy.Calendar(c.Policy.Rules[Id].Calendar);
        var today = calendar.LocalDate(c.Now);
        foreach (var absence in c.Policy.Absences.Where(a => Salesforce.SalesforceId.AreEqual(a.UserId, owner) && today <= a.To))
        {
            var started = absence.From <= today;
            var warnFrom = PreviousWorkingDay(calendar, absence.From);
            c.Expect(RuleContext.StartOf(warnFrom, calendar.Zone));
            c.Expect(RuleContext.StartOf(absence.From, calendar.Zone));
            c.Expect(absence.Back is { } back ? RuleContext.StartOf(back, calendar.Zone) : null);
            if (!started && today < warnFrom)
            {
                c.NotApplicable($"a ausência de {c.OwnerDisplayName} começa em {absence.From:dd/MM/yyyy}, e o aviso para passar os casos só vale a partir de {warnFrom:dd/MM/yyyy}");
                continue;
            }

            // Before a day off the analyst answers or finishes what is still open (seed 002); a case answered and waiting on
            // the customer is in order, and nothing is handed over.
            if (absence.DayOff)
            {
                if (PolicySettings.Is(c.Settings.PauseStatuses, c.Case.Status))
                {
                    c.NotApplicable($"{c.OwnerDisplayName} tem folga em {absence.From:dd/MM/yyyy}, e o caso já foi respondido: aguarda o cliente (status \"{c.Case.Status}\")");
                    continue;
                }

                // Left open: judged by the case as the analyst left it, after the close of their last working day before the
                // day off. What the customer wrote after that close (a case opened or passed to them that evening, an answer to
                // one that awaited them) they could not answer before leaving; what was done for it until the day off began counts.
                var closeAt = calendar.LastCloseBefore(absence.From);
                var dayOffStart = RuleContext.StartOf(absence.From, calendar.Zone);
                // Owner history holds a row of ids and a row of names for each change: the ids tell.
                var ownerThen = c.Case.Changes(FieldChange.OwnerField).FirstOrDefault(h => h.At >= closeAt && Salesforce.SalesforceId.IsValid(h.OldValue))?.OldValue ?? owner;
                if (started && (c.Case.CreatedDate >= closeAt || !Salesforce.SalesforceId.AreEqual(ownerThen, owner)))
                {
                    c.NotApplicable($"o caso chegou a {c.OwnerDisplayName} depois do fim do expediente anterior à folga de {absence.From:dd/MM/yyyy}: não foi deixado em aberto");
                    continue;
                }

                // Waiting on the customer at the close, or as the agents last left it before the day off (an answer at 18:20
                // that set "Aguardando Cliente").
                if (started && (PolicySettings.Is(c.Settings.PauseStatuses, StatusAt(c, closeAt)) || PolicySettings.Is(c.Settings.PauseStatuses, StatusAt(c, LastWorkBefore(c, closeAt, dayOffStart)))))
                {
                    c.NotApplicable($"o caso aguardava o cliente quando {c.OwnerDisplayName} saiu para a folga de {absence.From:dd/MM/yyyy}: não foi deixado em aberto");
                    continue;
                }

                // Answered: a contact with the customer after the customer last wrote (a case waiting on another sector, "Em
                // Atendimento", may have been answered without waiting on the customer).
                if ((started ? AnsweredBy(c, dayOffStart, closeAt) : AnsweredBy(c, c.Now, c.Now)) is { } answered)
                {
                    c.NotApplicable($"o cliente foi respondido em {c.Local(answered)}, depois da sua última mensagem: o caso não foi deixado sem resposta para a folga de {absence.From:dd/MM/yyyy}");
                    continue;
                }

                // Left open, and answered since (by the substitute, during the day off): the breach stands, on record, with nothing
                // left to do.
                var since = started ? AnsweredBy(c, c.Now, c.Now) : null;
                var open = !started
                    ? $"{c.OwnerDisplayName} tem folga em {absence.From:dd/MM/yyyy} (até {absence.To:dd/MM/yyyy}); responder ao cliente ou finalizar este caso, em aberto, antes da folga"
                    : since is { } answeredSince
                    ? $"{c.OwnerDisplayName} está de folga de {absence.From:dd/MM/yyyy} a {absence.To:dd/MM/yyyy} e deixou este caso em aberto; o cliente foi respondido em {c.Local(answeredSince)}"
                    : $"{c.OwnerDisplayName} está de folga de {absence.From:dd/MM/yyyy} a {absence.To:dd/MM/yyyy} e deixou este caso em aberto; responder ao cliente ou finalizar o caso";
                // Settled, it is posted as a record of the deadline missed: the start of the day off, until which an answer counted.
                Report(absence, started, warnFrom, open, started ? (c.AwayToday(absence.SubstituteId) is null ? c.Person(absence.SubstituteId) : []) : c.Person(owner),
                    since is null ? null : dayOffStart);
                continue;
            }

            // A substitute away when the case is to go to them (today once the absence started, else its first day) cannot take it:
            // another analyst must, and the supervisor says who. One away only later in the absence takes it, told of the days
            // they will be away too (their own absence hands it on then).
            var from = started ? today : absence.From;
            // Away that day (absences.csv rows need not be in date order), else the first of their absences later in this one.
            var awayThatDay = c.AbsenceOf(absence.SubstituteId, from, from);
            var awayLater = awayThatDay is not null ? null : c.Policy.Absences
                .Where(a => Salesforce.SalesforceId.AreEqual(a.UserId, absence.SubstituteId) && a.From > from && a.From <= absence.To).MinBy(a => a.From);
            if ((awayThatDay ?? awayLater) is { } away)
            {
                c.Expect(RuleContext.StartOf(away.From, calendar.Zone));
                c.Expect(away.Back is { } awayBack ? RuleContext.StartOf(awayBack, calendar.Zone) : null);
            }

            var substitute = absence.SubstituteId is not { } s ? "o analista substituto"
                : awayThatDay is { } thatDay ? $"outro analista ({c.UserName(s)}, o substituto indicado, também estará ausente de {thatDay.From:dd/MM/yyyy} a {thatDay.To:dd/MM/yyyy})"
                : awayLater is { } later ? $"{c.UserName(s)} (o substituto indicado, que também estará ausente de {later.From:dd/MM/yyyy} a {later.To:dd/MM/yyyy})"
                : c.UserName(s);
            var detail = started
                ? $"{c.OwnerDisplayName} está ausente de {absence.From:dd/MM/yyyy} a {absence.To:dd/MM/yyyy} e ainda tem este caso; direcionar para {substitute}"
                : $"{c.OwnerDisplayName} sai em {absence.From:dd/MM/yyyy} (até {absence.To:dd/MM/yyyy}); finalizar o caso ou passá-lo para {substitute} antes da saída";
            // Once the absence started the analyst is away: the substitute and the supervisor are the ones to act.
            Report(absence, started, warnFrom, detail, (started ? [] : c.Person(owner)).Concat(awayThatDay is null ? c.Person(absence.SubstituteId) : []));
        }

        // Before the absence a warning, keyed apart from the breach it becomes; the supervisor is always told.
        void Report(Absence absence, bool started, DateOnly warnFrom, string detail, IEnumerable<string> people, DateTimeOffset? settledDue = null) =>
            c.Add(findings, Id, FindingKind.HandoverNeeded, detail, people.Concat(c.Route("role:special_supervisor")),
                absence.From.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (started ? "" : ":warn"), due: settledDue, severity: started ? null : Severity.Warning,
                since: RuleContext.StartOf(started ? absence.From : warnFrom, calendar.Zone), settled: settledDue is not null);
    }

    /// <summary>
    /// When, up to <paramref name="by"/>, an agent last contacted the customer (contact.sources), if the customer wrote
    /// nothing after it up to <paramref name="customerBy"/> (an incoming e-mail, a published comment by a customer, a message
    /// in a linked session); null when the case was not answered by then.
    /// </summary>
    private static DateTimeOffset? AnsweredBy(RuleContext c, DateTimeOffset by, DateTimeOffset customerBy)
    {
        DateTimeOffset? answered = null;
        foreach (var contact in c.Activity.Contacts)
        {
            if (contact.At <= by)
            {
                answered = contact.At;
            }
        }

        if (answered is not { } at)
        {
            return null;
        }

        var customerSince = c.Case.Emails.Any(e => e.Incoming && e.MessageDate > at && e.MessageDate <= customerBy) ||
                            c.Case.Comments.Any(m => m.CreatedDate > at && m.CreatedDate <= customerBy && m.IsPublished && c.Org.IsCustomer(m.CreatedById, m.AuthorType)) ||
                            c.Org.Messages(c.Case.Id).Any(m => string.Equals(m.ActorType, "EndUser", StringComparison.OrdinalIgnoreCase) && m.At > at && m.At <= customerBy);
        return customerSince ? null : at;
    }

    /// <summary>The case's status at <paramref name="at"/> (status history: the value the first later change replaced).</summary>
    private static string? StatusAt(RuleContext c, DateTimeOffset at) =>
        c.Case.Changes(FieldChange.StatusField).FirstOrDefault(h => h.At > at)?.OldValue ?? c.Case.Status;

    /// <summary>
    /// The last action of an agent on the case (a contact, a status set, a note) after <paramref name="from"/> and by
    /// <paramref name="to"/>: how the agents last left it; else <paramref name="from"/>.
    /// </summary>
    private static DateTimeOffset LastWorkBefore(RuleContext c, DateTimeOffset from, DateTimeOffset to)
    {
        var last = from;
        foreach (var action in c.Activity.Actions)
        {
            if (action.At > last && action.At <= to)
            {
                last = action.At;
            }
        }

        return last;
    }

    private static DateOnly PreviousWorkingDay(Sla.BusinessCalendar calendar, DateOnly date)
    {
        var day = date.AddDays(-1);
        for (var i = 0; i < 30 && !calendar.IsWorkingDay(day); i++)
        {
            day = day.AddDays(-1);
        }

        return day;
    }
}
