using SfBridge.Sla;

namespace SfBridge.Rules;

/// <summary>What a rule concluded about a case and why (explain).</summary>
public static class Verdict
{
    public const string Fired = "fired";
    public const string Ok = "ok";
    public const string NotApplicable = "not-applicable";

    /// <summary>Data the rule needs is not known yet (GAR not looked up, no owner history): it waits, never guesses.</summary>
    public const string Waiting = "waiting";
}

/// <summary>One rule's verdict on a case, the reason in Portuguese, its findings and the clocks it measured.</summary>
public sealed record RuleExplanation(string RuleId, string Pack, string Verdict, string Reason, IReadOnlyList<Finding> Findings, IReadOnlyList<ClockMeasurement> Clocks);

/// <summary>What rules record while judging a case for explain: a verdict they state and the clocks they measure.</summary>
public sealed class RuleTrace
{
    private readonly Dictionary<string, (string Verdict, string Reason)> _stated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ClockMeasurement>> _clocks = new(StringComparer.Ordinal);

    public void State(string ruleId, string verdict, string reason) => _stated.TryAdd(ruleId, (verdict, reason));

    public void Clock(string ruleId, ClockMeasurement measurement)
    {
        if (!_clocks.TryGetValue(ruleId, out var list))
        {
            _clocks[ruleId] = list = [];
        }

        list.Add(measurement);
    }

    public (string Verdict, string Reason)? Stated(string ruleId) => _stated.TryGetValue(ruleId, out var s) ? s : null;

    public IReadOnlyList<ClockMeasurement> Clocks(string ruleId) => _clocks.TryGetValue(ruleId, out var list) ? list : [];
}
