using SfBridge.Rules;

namespace SfBridge.Audit;

/// <summary>Compares two judgements of the same cases by breach key. Pure.</summary>
public static class ReplayRun
{
    /// <summary>
    /// The differences between the baseline's findings and the changed mappings' findings. The message's wording is not
    /// compared: the template a finding gets rotates with the other findings of its case, so it moves whenever they do.
    /// </summary>
    public static ReplayResult Compare(AuditResult baseline, AuditResult current, DateTimeOffset at)
    {
        // A breach key is unique within one judgement (the ledger is keyed by it); a snapshot listing a case twice is not held against that.
        var before = baseline.Findings.DistinctBy(f => f.BreachKey, StringComparer.Ordinal).ToDictionary(f => f.BreachKey, StringComparer.Ordinal);
        var after = current.Findings.DistinctBy(f => f.BreachKey, StringComparer.Ordinal).ToDictionary(f => f.BreachKey, StringComparer.Ordinal);
        var added = current.Findings.Where(f => !before.ContainsKey(f.BreachKey)).ToList();
        var removed = baseline.Findings.Where(f => !after.ContainsKey(f.BreachKey)).ToList();
        var changed = current.Findings.Where(f => before.TryGetValue(f.BreachKey, out var old) && Differs(old, f))
            .Select(f => new FindingChange(before[f.BreachKey], f)).ToList();
        var perRule = added.Select(f => (f.RuleId, Change: '+')).Concat(removed.Select(f => (f.RuleId, Change: '-'))).Concat(changed.Select(c => (c.After.RuleId, Change: '~')))
            .GroupBy(x => x.RuleId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RuleChangeCount(g.Key, g.Count(x => x.Change == '+'), g.Count(x => x.Change == '-'), g.Count(x => x.Change == '~')))
            .ToList();
        var quarantined = baseline.Quarantined.Concat(current.Quarantined).DistinctBy(q => (q.Id, q.Reason)).ToList();
        return new ReplayResult
        {
            At = at,
            CasesJudged = current.CasesJudged,
            Baseline = baseline.Findings,
            Current = current.Findings,
            Added = added,
            Removed = removed,
            Changed = changed,
            PerRule = perRule,
            Quarantined = quarantined,
        };
    }

    /// <summary>What a person acting on the alert would see differently: how loud, what kind, when due, what it says was wrong, whom it calls.</summary>
    public static bool Differs(Finding before, Finding after) =>
        before.Severity != after.Severity || before.Kind != after.Kind || before.DueAt != after.DueAt ||
        !string.Equals(before.Detail, after.Detail, StringComparison.Ordinal) || !before.Mentions.SequenceEqual(after.Mentions, StringComparer.Ordinal);
}
