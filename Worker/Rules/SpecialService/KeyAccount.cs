namespace SfBridge.Rules.SpecialService;

internal static class KeyAccount
{
    /// <summary>Special Service serves the franchisor, accounts over the store threshold and accounts listed in key_accounts.csv.</summary>
    public static bool Applies(RuleContext c)
    {
        if (c.Case.AccountId is not { } id)
        {
            return false;
        }

        var account = c.Org.Account(id);
        return account is { KeyAccountFlag: true } || account?.StoreCount > c.Settings.KeyAccountStoreThreshold ||
               c.Policy.KeyAccounts.Contains(Salesforce.SalesforceId.IsValid(id) ? Salesforce.SalesforceId.To18(id) : id);
    }

    public static IEnumerable<string> OwnerAndSupervisor(RuleContext c) => c.Person(c.Case.OwnerId).Concat(c.Route("role:special_supervisor"));
}
