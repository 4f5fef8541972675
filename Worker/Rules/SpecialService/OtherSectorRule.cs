namespace SfBridge.Rules.SpecialService;

/// <summary>
/// SS-06: Special Service monitors key-account demands handled by other sectors and supports their solution (seed
/// 002). A key-account case outside the Special pack still open after the target (48 hours) is brought to the
/// account's Special analyst (key_accounts.csv), or to the Special supervisor when the account names none.
/// </summary>
public sealed class OtherSectorRule : IRule
{
    public string Id => "SS-06";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.RequireOpen())
        {
            return;
        }

        if (!KeyAccount.Applies(c))
        {
            c.NotApplicable(c.Case.AccountId is null ? "o caso não tem conta associada" : "a conta do caso não é cliente chave");
            return;
        }

        var clock = c.Clock(Id).Measure(c.Case.CreatedDate, null, [], c.Now);
        if (!c.ClockRaises(clock, warn: false))
        {
            return;
        }

        var analyst = c.Policy.KeyAccounts.GetValueOrDefault(Salesforce.SalesforceId.To18(c.Case.AccountId!));
        var account = c.Org.Account(c.Case.AccountId)?.Name ?? c.Case.AccountId;
        var mentions = analyst is not null ? c.Person(analyst) : c.Route("role:special_supervisor");
        c.AddClock(findings, Id, clock, $"caso do cliente chave {account} com outro setor ({c.OwnerDisplayName}) aberto há mais de {c.Target(Id)}; acompanhar a solução",
            mentions, c.Case.CreatedDate, warn: false);
    }
}
