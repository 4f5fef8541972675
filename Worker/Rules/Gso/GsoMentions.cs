namespace SfBridge.Rules.Gso;

internal static class GsoMentions
{
    /// <summary>The agent who opened the case and Supervisor EPS: who fixes an incomplete escalation.</summary>
    public static IEnumerable<string> AgentAndEps(RuleContext c) =>
        c.Person(c.Case.CreatedById).Concat(c.Route("queue:" + c.Settings.EpsQueue));
}
