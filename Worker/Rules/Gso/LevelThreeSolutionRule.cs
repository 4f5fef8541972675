using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Rules.Gso;

/// <summary>
/// GSO-07: a case returned with "Concluído III" holds the level-3 solution and at least one internal comment (a
/// private case comment) written by the GSO team after the case reached the GSO queue. A return after an earlier one is
/// a breach of its own, keyed by the return's instant. A return the status history
/// shows is judged after the status moved on too (N2 took the case up again before a sweep saw it), unless the case
/// went back to GSO since. Mentions whoever set the return, the GSO route, and the case's holder while GSO's (once back
/// with the N2 who escalated it, the N2 is not the one to fill what GSO left out).
/// </summary>
public sealed class LevelThreeSolutionRule : IRule
{
    public string Id => "GSO-07";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        var (isReturned, returned) = GsoReturn.Of(c);
        var gso = c.Queue(c.Settings.GsoQueue);
        if (!isReturned)
        {
            c.NotApplicable($"o caso está com o status \"{c.Case.Status}\", e a regra só vale para \"{c.Settings.ReturnedStatus}\"");
            return;
        }

        var missing = new List<string>();
        if (c.Case.Field(LogicalField.Level3Solution) is null)
        {
            missing.Add("a Solução do nível 3");
        }

        // Since the case reached GSO for the escalation being returned: after an earlier return, its first arrival in the queue
        // after that return (a comment of an earlier trip does not cover a later one); otherwise its first arrival.
        var firstArrival = gso is null ? null : c.Journey.FirstReached(gso.Id);
        var since = firstArrival?.At;
        var laterTrip = false; // a return after an earlier one: its own instance of the breach, keyed by its instant
        DateTimeOffset? previousReturn = null;
        if (gso is not null && returned is not null &&
            GsoReturn.Returns(c).Where(h => h.At < returned.At).Select(h => (DateTimeOffset?)h.At).Max() is { } earlier &&
            c.Case.Changes(FieldChange.OwnerField).Where(h => SalesforceId.AreEqual(h.NewValue, gso.Id) && h.At > earlier && h.At <= returned.At)
                .Select(h => (DateTimeOffset?)h.At).Min() is { } again)
        {
            since = again;
            laterTrip = true;
            previousReturn = earlier;
        }
        // GSO's people: the queue's members, whoever accepted the case from the queue in Omni-Channel (a GSO manager
        // outside the queue), whoever held it by assignment while it was with GSO (from its arrival until the return; the one
        // it was handed to with the return is N2's), and whoever set the return.
        var team = gso is null ? [] : c.Org.Members(gso.Id);
        // The last of them held the case when it was returned: the N2 it was handed back to before the status was set, as often
        // as a GSO analyst. One who had the case before it first reached GSO (who opened it, held it, or sent it on) is that N2,
        // and counts only as whoever set the return, or as a member; anyone else (GSO's manager, given the case to finish) is GSO's.
        var held = gso is null || since is null ? [] : c.Case.Changes(FieldChange.OwnerField)
            .Where(h => h.At >= since && (returned is null || h.At < returned.At - FieldChange.SavedTogether) && SalesforceId.HasPrefix(h.NewValue, SalesforceId.UserPrefix))
            .Select(h => h.NewValue).ToList();
        var holders = held.Count > 0 && HadItBefore(c, firstArrival, previousReturn, since!.Value, held[^1]) ? held.Take(held.Count - 1) : held;
        var handlers = gso is null ? [] : c.Org.AgentWork(c.Case.Id).Where(w => w.AcceptDateTime is not null && SalesforceId.AreEqual(w.GroupId, gso.Id)).Select(w => w.UserId)
            .Concat(holders).Append(returned?.ById).OfType<string>().ToList();
        var byGso = c.Activity.InternalComments.Any(i => (since is null || i.At >= since) &&
            (team.Count == 0 || team.Any(m => SalesforceId.AreEqual(m, i.ById)) || handlers.Exists(h => SalesforceId.AreEqual(h, i.ById))));
        if (!byGso)
        {
            missing.Add("um comentário interno da equipe GSO");
        }

        if (missing.Count > 0)
        {
            // What is missing is GSO's to write: the holder is told only while GSO's (the N2 the case went back to did nothing wrong).
            var holderIsGso = (gso is not null && c.Org.IsMember(gso.Id, c.Case.OwnerId)) || handlers.Exists(h => SalesforceId.AreEqual(h, c.Case.OwnerId));
            c.Add(findings, Id, FindingKind.MissingField, $"devolvido como {c.Settings.ReturnedStatus} sem {string.Join(" e sem ", missing)}",
                (holderIsGso ? c.Person(c.Case.OwnerId) : []).Concat(c.Person(returned?.ById)).Concat(c.Route("queue:" + c.Settings.GsoQueue)),
                string.Join("+", missing.Select(m => m.Split(' ')[^1])) + (laterTrip ? ":" + RuleContext.Instance(returned!.At) : ""));
        }
    }

    /// <summary>
    /// Whether the user had the case on N2's side (<paramref name="first"/>: the case's first arrival in GSO) before the trip to
    /// GSO being judged reached the queue at <paramref name="since"/>:
    /// opened it, sent it to GSO the first time, held or moved it before it first reached GSO, or since the previous return
    /// (its hand-back included) until this trip's arrival.
    /// </summary>
    private static bool HadItBefore(RuleContext c, (DateTimeOffset At, string? ById)? first, DateTimeOffset? previousReturn, DateTimeOffset since, string? userId)
    {
        if (SalesforceId.AreEqual(userId, c.Case.CreatedById) || SalesforceId.AreEqual(userId, first?.ById))
        {
            return true;
        }

        var from = previousReturn is { } r ? r - FieldChange.SavedTogether : DateTimeOffset.MinValue;
        foreach (var h in c.Case.Changes(FieldChange.OwnerField))
        {
            // Before the case first reached GSO, everyone who had it was N2's side (the N2 who escalated the first trip, too).
            if (first is { } f && h.At <= f.At && (SalesforceId.AreEqual(userId, h.OldValue) || SalesforceId.AreEqual(userId, h.NewValue) || SalesforceId.AreEqual(userId, h.ById)))
            {
                return true;
            }

            if (h.At < from || h.At > since)
            {
                continue;
            }

            // The previous return's hand-back: the one it went to is N2's; who held it and made the change were GSO's.
            var handBack = previousReturn is { } back && h.At <= back + FieldChange.SavedTogether;
            if (SalesforceId.AreEqual(userId, h.NewValue) || (!handBack && (SalesforceId.AreEqual(userId, h.OldValue) || SalesforceId.AreEqual(userId, h.ById))))
            {
                return true;
            }
        }

        return false;
    }
}
