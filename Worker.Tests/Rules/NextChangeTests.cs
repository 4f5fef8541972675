using SfBridge.Rules;
using SfBridge.Snapshots;
using SfBridge.Tests.Builders;
using SfBridge.Tests.Fixtures;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

/// <summary>
/// The worker judges a case again only when it changes or its next change comes. That is right only if no verdict
/// changes before the instant the engine names: checked on thousands of generated cases and on the sample org, at
/// several instants between a judgement and its next change, and long after a judgement that names none.
/// </summary>
public sealed class NextChangeTests
{
    private static List<string> Verdicts(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.BreachKey} {f.Kind} {f.Severity}").Order(StringComparer.Ordinal).ToList();

    public static TheoryData<int> Starts => [0, 7 * 60 + 13, 19 * 60 + 41, 2 * 24 * 60 + 5 * 60, 5 * 24 * 60 + 23 * 60 + 50];

    [Theory]
    [MemberData(nameof(Starts))]
    public void NoVerdictChangesBeforeTheNextChangeTheEngineNames(int minutesAfterWednesday)
    {
        // After everything the cases record (the sample org's last records are of Tuesday 3 March): the worker never
        // judges a case before its own comments.
        var t0 = At(2026, 3, 4, 0).AddMinutes(minutesAfterWednesday);
        var (cases, org) = VariedCases.Generate(2_000, t0);
        var snapshot = OrgSnapshot.Load(RepoPaths.SampleOrg);
        var sampleCases = snapshot.Records("Case").Select(r => Snapshots.CaseReader.Read(r, Policy.Fields).Case).OfType<CaseSnapshot>().ToList();
        var sampleOrg = OrgContextBuilder.Build(snapshot, sampleCases, Policy);
        var engine = new PolicyEngine(Policy);
        var wrong = new List<string>();
        foreach (var (c, o) in cases.Select(c => (c, org)).Concat(sampleCases.Select(c => (c, sampleOrg))))
        {
            var first = engine.Judge(c, o, t0);
            var probes = first.NextChange is { } next
                ? new[] { t0 + ((next - t0) / 3), t0 + ((next - t0) / 2), next - TimeSpan.FromSeconds(1) }
                : [t0.AddHours(3), t0.AddDays(3), t0.AddDays(20)];
            foreach (var t in probes.Where(t => t > t0))
            {
                var later = engine.Judge(c, o, t);
                if (!Verdicts(first.Findings).SequenceEqual(Verdicts(later.Findings)))
                {
                    wrong.Add($"{c.CaseNumber} ({c.RecordType}) judged at {t0:o}, next {first.NextChange:o}: changed by {t:o}: " +
                              $"{string.Join("; ", Verdicts(later.Findings).Except(Verdicts(first.Findings)))} / gone {string.Join("; ", Verdicts(first.Findings).Except(Verdicts(later.Findings)))}");
                    break;
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} cases changed before their next change:\n" + string.Join("\n", wrong.Take(15)));
    }
}
