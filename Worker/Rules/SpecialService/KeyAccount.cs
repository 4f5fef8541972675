using SfBridge.Salesforce;

namespace SfBridge.Rules.SpecialService;

public static class KeyAccount
{
    /// <summary>Special Service serves the franchisor, accounts over the store threshold and accounts listed in key_accounts.csv.</summary>
    public static bool Applies(RuleContext c) => Is(c.Case.AccountId, c.Org, c.Policy);

    public static bool Is(string? accountId, OrgContext org, Mappings.Policy policy)
    {
        if (!SalesforceId.IsValid(accountId))
        {
            return false;
        }

        var account = org.Account(accountId);
        return account is { KeyAccountFlag: true } || account?.StoreCount > policy.Settings.KeyAccountStoreThreshold ||
               policy.KeyAccounts.ContainsKey(SalesforceId.To18(accountId!));
    }

    /// <summary>
    /// Who answers for a Special Service deadline, and the Special supervisor. The case's owner; but a case forwarded to
    /// another sector (owned by a person outside the Special queue, or by another queue) is still followed by Special (seed
    /// 002: "realizados ou encaminhados para os outros setores"), so the account's analyst in key_accounts.csv answers for
    /// it, or, with none listed, the supervisor alone (the other sector's agent is not Special's to chase); and while
    /// absences.csv has that person away, the substitute does (seed 002: the pending work goes to the substitute), unless
    /// away too: then the supervisor alone.
    /// </summary>
    public static IEnumerable<string> OwnerAndSupervisor(RuleContext c)
    {
        var who = c.Case.OwnerId;
        if (InSpecial(c, who) == false)
        {
            who = SalesforceId.IsValid(c.Case.AccountId) ? c.Policy.KeyAccounts.GetValueOrDefault(SalesforceId.To18(c.Case.AccountId!)) : null;
        }

        return c.Person(c.StandIn(who)).Concat(c.Route("role:special_supervisor"));
    }

    /// <summary>
    /// Whether <paramref name="who"/> (a case's owner) is Special Service's: its queue (special.queue) or one of the queue's
    /// members; null when that cannot be told (nobody named, or an org that lists no such queue or no member of it).
    /// </summary>
    public static bool? InSpecial(RuleContext c, string? who)
    {
        var special = c.Queue(c.Settings.SpecialQueue);
        if (who is null || special is null)
        {
            return null;
        }

        if (SalesforceId.AreEqual(who, special.Id))
        {
            return true;
        }

        return c.Org.Members(special.Id).Count == 0 ? null : c.Org.IsMember(special.Id, who);
    }
}
