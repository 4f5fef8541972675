using SfBridge.Mappings;
using SfBridge.Sla;

namespace SfBridge.Rules.PitStop;

/// <summary>
/// PIT-01: resolution within the case's SLA tier (FAQ 7367: IS, Urgente, 2h, 4h, 24h, 72h, 10 days), counted from the
/// opening, or from the last change of the tier that made the deadline stricter while the case was not yet late (the
/// tier field's history), paused while awaiting the customer.
/// </summary>
public sealed class TierSlaRule : IRule
{
    public string Id => "PIT-01";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpenOrClosedBySalesforce())
        {
            return;
        }

        // An OC opened as "72 Horas" and made "Urgente" a day later was not urgent, nor late, the day before: the clock runs
        // from the last change that made the deadline stricter (the tier's field history; without it, the opening). A case
        // already late under the tier it held stays late under it, whatever the tier is changed to afterwards.
        var (since, kept, keptAt, setTo) = TierSince(c);
        var tierName = kept ?? c.Case.Field(LogicalField.SlaTier);
        if (tierName is null)
        {
            c.NotApplicable("o caso não tem nível de SLA");
            return;
        }

        if (Tier(c, tierName) is not { } tier)
        {
            c.NotApplicable($"o nível de SLA \"{tierName}\" não está em sla_tiers.csv");
            return;
        }

        var clock = c.Clock(Id, tier.Calendar, tier.Target).Measure(since, c.Case.EndedAt, c.Pauses(), c.Now);
        if (c.ClockRaises(clock, warn: !c.Case.IsClosed))
        {
            var what = $"resolução no SLA {tier.Tier} ({tier.Target.Describe()})";
            if (since != c.Case.CreatedDate)
            {
                what += $", contado da mudança de nível que encurtou o prazo, em {c.Local(since)}";
            }

            if (keptAt is { } changedAt)
            {
                what += $": o nível do caso até {c.Local(changedAt)}, quando passou a {setTo}, que daria um prazo mais longo";
            }

            c.AddClock(findings, Id, clock, what, c.Person(c.Case.OwnerId).Concat(c.OwnerQueueRoute()), since, warn: !c.Case.IsClosed);
        }
    }

    /// <summary>
    /// Where the case's tier clock starts, read forward through the tier field's history: the opening, then each change
    /// that made the deadline stricter (from a longer tier, or from none ever set) while the case had never been late,
    /// each tier measured from the start it had. A relaxation, a tier the mappings do not know, or a tier cleared and set
    /// again keeps the start; once late, the case keeps its start, its breach key and the tier it was late under (returned
    /// as Kept), whatever the tier does next: a deadline missed is not unmissed by relaxing or clearing the tier. A shorter
    /// tier set so late that it would end after the deadline the case already had (4 hours, made 2 hours at the third hour)
    /// gives no more time: the tier held and its start are kept (Kept, and KeptAt the change), until a later change moves the
    /// deadline earlier or relaxes the tier.
    /// </summary>
    private static (DateTimeOffset Since, string? Kept, DateTimeOffset? KeptAt, string? SetTo) TierSince(RuleContext c)
    {
        var start = c.Case.CreatedDate;
        var changes = c.Case.Changes(c.Policy.Fields[LogicalField.SlaTier]);
        string? held = changes.Count > 0 && !string.IsNullOrWhiteSpace(changes[0].OldValue) ? changes[0].OldValue : null; // the tier at the opening
        (string Tier, DateTimeOffset At, string SetTo)? kept = null; // a tier held past a stricter change that would have given more time
        foreach (var change in changes)
        {
            var measured = kept?.Tier ?? held;
            var before = Tier(c, measured);
            if (change.At > c.Now)
            {
                break;
            }

            var ran = before is null ? null : Clock(c, before).Measure(start, null, c.Pauses(), change.At); // the tier held, up to the change
            if (ran?.IsBreached == true)
            {
                return (start, measured, kept?.At, kept?.SetTo); // late under the tier it held: the start, the breach key and that tier stay
            }

            var after = Tier(c, change.NewValue);
            if (change.At <= c.Case.CreatedDate)
            {
                // Set as the case was opened: the tier at the opening.
            }
            else if (after is null)
            {
                // Cleared, or a tier the mappings do not know: the field's tier is judged, as for a case never kept; the tier kept
                // is the one the case held (a tier set again is compared with it, not with the shorter one it never ran by).
                held = kept?.Tier ?? held;
                kept = null;
            }
            else if (before is null)
            {
                // From none ever set, or from a tier the mappings do not know: nothing ran before, so nothing is owed for it.
                (start, kept) = (change.At, null);
            }
            else if (!Longer(before.Target, after.Target))
            {
                kept = null; // relaxed: the tier set is measured from the start
            }
            else if (EndsLater(c, after, before, ran!, change.At))
            {
                kept ??= (measured!, change.At, change.NewValue!);
            }
            else
            {
                (start, kept) = (change.At, null);
            }

            held = string.IsNullOrWhiteSpace(change.NewValue) ? held : change.NewValue;
        }

        return (start, kept?.Tier, kept?.At, kept?.SetTo);
    }

    /// <summary>
    /// Whether a tier set at <paramref name="at"/> would end no sooner than the one held (<paramref name="held"/>: its clock
    /// measured up to the change): by their due instants; while the case is paused at the change (neither is due yet), by the
    /// working time each has left.
    /// </summary>
    private static bool EndsLater(RuleContext c, SlaTier after, SlaTier before, ClockResult held, DateTimeOffset at)
    {
        var set = Clock(c, after).Measure(at, null, c.Pauses(), at);
        if (held.DueAt is { } heldDue && set.DueAt is { } setDue)
        {
            return setDue >= heldDue;
        }

        return !before.Target.IsPromise && !after.Target.IsPromise && after.Target.Duration >= before.Target.Duration - held.Elapsed;
    }

    private static SlaClock Clock(RuleContext c, SlaTier tier) => new(c.Policy.Calendar(tier.Calendar), tier.Target, 1);

    private static SlaTier? Tier(RuleContext c, string? name) =>
        name is null ? null : c.Policy.Tiers.FirstOrDefault(t => TextKey.Of(t.Tier) == TextKey.Of(name));

    /// <summary>Whether one tier's target gives more time than another's (business days weigh as whole days).</summary>
    private static bool Longer(SlaTarget a, SlaTarget b) => Weight(a) > Weight(b);

    private static TimeSpan Weight(SlaTarget t) => t.IsBusinessDays ? TimeSpan.FromDays(t.BusinessDays) : t.Duration;
}
