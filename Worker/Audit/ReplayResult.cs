using SfBridge.Rules;

namespace SfBridge.Audit;

/// <summary>
/// What a mappings change does to the findings of the same cases at the same instant, compared by breach key: the
/// findings that appear (<see cref="Added"/>), disappear (<see cref="Removed"/>) or keep their key with another
/// severity, kind, due time, detail or mentions (<see cref="Changed"/>), and both judgements whole. The text and JSON
/// lines writers print it; a report can take the same model.
/// </summary>
public sealed record ReplayResult
{
    /// <summary>The instant both judgements are made at.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Cases judged (with the changed mappings; the same cases are judged with the baseline).</summary>
    public required int CasesJudged { get; init; }

    /// <summary>Every finding with the baseline mappings.</summary>
    public required IReadOnlyList<Finding> Baseline { get; init; }

    /// <summary>Every finding with the changed mappings.</summary>
    public required IReadOnlyList<Finding> Current { get; init; }

    /// <summary>Findings whose breach key only the changed mappings produce.</summary>
    public required IReadOnlyList<Finding> Added { get; init; }

    /// <summary>Findings whose breach key only the baseline produces.</summary>
    public required IReadOnlyList<Finding> Removed { get; init; }

    /// <summary>Findings both produce under one breach key that differ in severity, kind, due time, detail or mentions.</summary>
    public required IReadOnlyList<FindingChange> Changed { get; init; }

    /// <summary>For each rule with a difference, how many of its findings were added, removed and changed; by rule id.</summary>
    public required IReadOnlyList<RuleChangeCount> PerRule { get; init; }

    /// <summary>Cases that could not be read or judged under either mappings folder.</summary>
    public IReadOnlyList<QuarantinedRecord> Quarantined { get; init; } = [];

    /// <summary>Every difference in reading order: by case number and rule, a removal before the change or addition that replaces it.</summary>
    public IEnumerable<(char Change, Finding Finding, Finding? Before)> Lines() =>
        Removed.Select(f => ('-', f, (Finding?)null))
            .Concat(Changed.Select(c => ('~', c.After, (Finding?)c.Before)))
            .Concat(Added.Select(f => ('+', f, (Finding?)null)))
            .OrderBy(l => l.Item2.CaseNumber, StringComparer.Ordinal).ThenBy(l => l.Item2.RuleId, StringComparer.Ordinal)
            .ThenBy(l => "-~+".IndexOf(l.Item1, StringComparison.Ordinal)).ThenBy(l => l.Item2.BreachKey, StringComparer.Ordinal);
}

/// <summary>One breach key found by both mappings folders, as each found it.</summary>
public sealed record FindingChange(Finding Before, Finding After);

/// <summary>How many findings of one rule a mappings change adds, removes and changes.</summary>
public sealed record RuleChangeCount(string RuleId, int Added, int Removed, int Changed);
