using SfBridge.Mappings;
using SfBridge.Salesforce;

namespace SfBridge.Rules.PitStop;

/// <summary>
/// PIT-03: work waiting in a queue past the target (10 minutes) while no member of that queue is in an available
/// Omni-Channel presence calls the management support group ("APOIO da gestão"). A "current" presence older
/// than presence.max_age is stale and does not count as available.
/// </summary>
public sealed class NoAgentAvailableRule : IRule
{
    public string Id => "PIT-03";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.IsOpen)
        {
            return;
        }

        foreach (var pending in c.Org.Pending(c.Case.Id))
        {
            if (c.Org.Group(pending.GroupId) is not { } queue || !c.Clock(Id).Measure(pending.CreatedDate, null, [], c.Now).IsBreached)
            {
                continue;
            }

            var available = c.Org.Members(queue.Id).Any(m => c.Org.Presence(m) is { } p && !p.IsAway &&
                PolicySettings.Is(c.Settings.AvailablePresenceStatuses, p.Status) && (p.Since is null || c.Now - p.Since <= c.Settings.PresenceMaxAge));
            if (!available)
            {
                var minutes = (int)(c.Now - pending.CreatedDate).TotalMinutes;
                c.Add(findings, Id, FindingKind.NoAgentAvailable,
                    $"aguardando na fila {queue.Name ?? queue.DeveloperName} há {minutes} min e nenhum membro está disponível",
                    c.Route("group:Apoio_Gestao"), SalesforceId.To18(queue.Id) + ":" + pending.CreatedDate.ToUnixTimeSeconds(), pending.CreatedDate.Add(c.Policy.Rules[Id].Target!.Value.Duration));
            }
        }
    }
}
