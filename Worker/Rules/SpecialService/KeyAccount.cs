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

    public static IEnumerable<string> OwnerAndSupervisor(RuleContext c) => c.Person(c.Case.OwnerId).Concat(c.Route("role:special_supervisor"));
}
