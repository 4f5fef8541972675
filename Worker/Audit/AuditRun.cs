using SfBridge.Mappings;
using SfBridge.Rules;
using SfBridge.Snapshots;

namespace SfBridge.Audit;

/// <summary>A case the audit could not judge, and why.</summary>
public sealed record QuarantinedRecord(string? Id, string Reason);

/// <summary>Findings of an audit, ordered by pack, severity (worst first), case and rule.</summary>
public sealed record AuditResult(IReadOnlyList<Finding> Findings, int CasesJudged, IReadOnlyList<QuarantinedRecord> Quarantined)
{
    /// <summary>The cases read from the snapshot (the report shows their subjects and owners).</summary>
    public IReadOnlyList<CaseSnapshot> Cases { get; init; } = [];

    /// <summary>The org the cases were judged against (the report names owners and mentions, and explains clocks, with it).</summary>
    public OrgContext Org { get; init; } = OrgContext.Empty;
}

/// <summary>Evaluates every case of an org snapshot at one instant. Pure apart from what it is given.</summary>
public static class AuditRun
{
    public static AuditResult Evaluate(OrgSnapshot snapshot, Policy policy, DateTimeOffset now)
    {
        var cases = new List<CaseSnapshot>();
        var quarantined = new List<QuarantinedRecord>();
        foreach (var (c, error, id) in snapshot.ReadCases(policy.Fields))
        {
            if (c is null)
            {
                quarantined.Add(new QuarantinedRecord(id, error!));
            }
            else
            {
                cases.Add(c);
            }
        }

        return Judge(cases, OrgContextBuilder.Build(snapshot, cases, policy), policy, now, quarantined);
    }

    /// <summary>
    /// Judges cases already read (a snapshot's, or the ones the worker tracks) in the org around them, as the audit does;
    /// <paramref name="quarantined"/> are the cases that could not be read, reported with the result.
    /// </summary>
    public static AuditResult Judge(IReadOnlyList<CaseSnapshot> cases, OrgContext org, Policy policy, DateTimeOffset now, IEnumerable<QuarantinedRecord>? quarantined = null)
    {
        var skipped = new List<QuarantinedRecord>(quarantined ?? []);
        var engine = new PolicyEngine(policy);
        var notJudged = 0;
        var all = engine.EvaluateEach(cases, org, now, (c, ex) =>
        {
            notJudged++;
            skipped.Add(new QuarantinedRecord(c.Id, $"evaluation failed: {ex.GetType().Name}: {ex.Message}"));
        });
        var findings = all
            .OrderBy(f => PrintedFinding.IndexOfPack(f.Pack)).ThenByDescending(f => f.Severity)
            .ThenBy(f => f.CaseNumber, StringComparer.Ordinal).ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
        return new AuditResult(findings, cases.Count - notJudged, skipped) { Cases = cases, Org = org };
    }
}
