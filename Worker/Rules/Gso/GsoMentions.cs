namespace SfBridge.Rules.Gso;

internal static class GsoMentions
{
    /// <summary>The agent who opened the case and Supervisor EPS: who fixes an incomplete escalation.</summary>
    public static IEnumerable<string> AgentAndEps(RuleContext c) =>
        c.Person(c.Case.CreatedById).Concat(c.Route("queue:" + c.Settings.EpsQueue));

    /// <summary>
    /// Who sent the case to GSO, and Supervisor EPS: checking GAR before that escalation is the supervisor's step ("O
    /// supervisor realiza uma análise do caso … Sempre deve consultar o GAR"), whoever of the queue took it.
    /// </summary>
    public static IEnumerable<string> EscalatorAndEps(RuleContext c, string? byId) => c.Person(byId).Concat(c.Route("queue:" + c.Settings.EpsQueue));

    /// <summary>
    /// When the N1 agent escalated the case: it first reached Supervisor EPS (or GSO directly). Until then the agent
    /// is still registering it, and the completeness rules do not judge.
    /// </summary>
    public static DateTimeOffset? Escalated(RuleContext c)
    {
        var eps = c.Reached(c.Settings.EpsQueue)?.At;
        var gso = c.Reached(c.Settings.GsoQueue)?.At;
        return eps is { } e && gso is { } g ? (e < g ? e : g) : eps ?? gso;
    }
}
