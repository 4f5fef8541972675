using System.Collections.Concurrent;
using SfBridge.Rules;
using SfBridge.Tests.Builders;
using static SfBridge.Tests.Builders.Scenario;

namespace SfBridge.Tests.Rules;

/// <summary>
/// PolicyEngine.JudgeEach judges a batch on every core: the same judgements, in input order, as judging the cases one
/// by one; a case the rules cannot judge reaches the callback (on the caller's thread, in input order) and the others
/// are still judged; a fault that is not bad data escapes as itself.
/// </summary>
public sealed class PolicyEngineParallelTests
{
    private static readonly DateTimeOffset Now = At(2026, 3, 4, 15);

    private static string Describe(CaseJudgement j) =>
        $"{j.CaseId} next={j.NextChange:O}\n" + string.Join("\n", j.Findings.Select(f =>
            $"  {f.BreachKey} {f.Pack} {f.Kind} {f.Severity} due={f.DueAt:O} tpl={f.TemplateId} mentions={string.Join(",", f.Mentions)} " +
            $"gaps={string.Join(",", f.MentionGaps)} detail={f.Detail} message={f.Message}"));

    [Fact]
    public void JudgeEach_ThousandsOfVariedCases_SameJudgementsInInputOrderAsOneByOne()
    {
        var (cases, org) = VariedCases.Generate(4_000, Now);
        var engine = new PolicyEngine(Policy);
        var lastTemplates = cases.Where((_, i) => i % 3 == 0).ToDictionary(c => c.Id, c => "T" + c.CaseNumber[^1]);
        var oneByOne = cases.Select(c => engine.Judge(c, org, Now, lastTemplates.GetValueOrDefault(c.Id))).Select(Describe).ToList();

        var failures = new List<string>();
        var batch = engine.JudgeEach(cases, org, Now, (c, _) => failures.Add(c.Id), id => lastTemplates.GetValueOrDefault(id)).Select(Describe).ToList();

        Assert.Empty(failures);
        Assert.Equal(oneByOne, batch);
        var findings = engine.EvaluateEach(cases, org, Now, (_, _) => { });
        Assert.True(findings.Select(f => f.RuleId).Distinct().Count() >= 15, "the generated cases should make many rules fire");
        Assert.Equal(cases.Sum(c => engine.Judge(c, org, Now).Findings.Count), findings.Count);
    }

    [Fixtures.MultiCoreFact]
    public void JudgeEach_ManyCases_JudgesOnSeveralCores()
    {
        var (cases, org) = VariedCases.Generate(2_000, Now);
        var threads = new ConcurrentDictionary<int, bool>();
        using var second = new ManualResetEventSlim();
        var rules = RuleSet.All.Select(r => r.Id == "GSO-01" ? new Probe(r, (_, _) =>
        {
            if (threads.TryAdd(Environment.CurrentManagedThreadId, true) && threads.Count == 1)
            {
                second.Wait(TimeSpan.FromSeconds(10)); // the first thread holds its first case until another thread judges one
            }
            else
            {
                second.Set();
            }
        }) : r);

        new PolicyEngine(Policy, rules).JudgeEach(cases, org, Now, (_, _) => { });

        Assert.True(threads.Count >= 2, $"judged on {threads.Count} thread(s)");
    }

    [Fact]
    public void JudgeEach_OneCaseCannotBeJudged_CallbackGetsItOnTheCallersThreadAndTheOthersAreJudged()
    {
        var (cases, org) = VariedCases.Generate(3_000, Now);
        var bad = new HashSet<string>(cases.Where((_, i) => i % 5 == 0).Skip(7).Take(3).Select(c => c.Id).Append(cases[2_501].Id));
        var rules = RuleSet.All.Select(r => r.Id == "GSO-01" ? new Probe(r, (c, _) =>
        {
            if (bad.Contains(c.Case.Id))
            {
                throw new FormatException("unreadable category on " + c.Case.Id);
            }
        }) : r);
        var engine = new PolicyEngine(Policy, rules);
        var caller = Environment.CurrentManagedThreadId;
        var failed = new List<(string Id, string Message, int Thread)>();

        var judged = engine.JudgeEach(cases, org, Now, (c, ex) => failed.Add((c.Id, ex.Message, Environment.CurrentManagedThreadId)));

        var expectedFailed = cases.Where(c => bad.Contains(c.Id) && c.RecordType == "GSO").Select(c => c.Id).ToList();
        Assert.Equal(3, expectedFailed.Count); // the case at 2,501 is not GSO: GSO-01 never runs on it
        Assert.Equal(expectedFailed, failed.Select(f => f.Id));
        Assert.All(failed, f => Assert.Equal(caller, f.Thread));
        Assert.All(failed, f => Assert.Equal("unreadable category on " + f.Id, f.Message));
        var plain = new PolicyEngine(Policy);
        Assert.Equal(cases.Where(c => !expectedFailed.Contains(c.Id)).Select(c => Describe(plain.Judge(c, org, Now))), judged.Select(Describe));
    }

    [Fact]
    public void JudgeEach_FaultThatIsNotBadData_EscapesAsItself()
    {
        var (cases, org) = VariedCases.Generate(2_000, Now);
        var rules = RuleSet.All.Select(r => r.Id == "GSO-01" ? new Probe(r, (c, _) =>
        {
            if (c.Case.Id == cases[1_500].Id)
            {
                throw new DivideByZeroException("simulated");
            }
        }) : r);
        var failed = 0;

        var thrown = Assert.Throws<DivideByZeroException>(() => new PolicyEngine(Policy, rules).JudgeEach(cases, org, Now, (_, _) => failed++));

        Assert.Equal("simulated", thrown.Message);
        Assert.Equal(0, failed);
    }

    /// <summary>A real rule with something run before it on each case (to watch threads or to fail on chosen cases).</summary>
    private sealed class Probe(IRule inner, Action<RuleContext, List<FindingDraft>> before) : IRule
    {
        public string Id => inner.Id;

        public void Evaluate(RuleContext context, List<FindingDraft> findings)
        {
            before(context, findings);
            inner.Evaluate(context, findings);
        }
    }
}
