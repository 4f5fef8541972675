namespace SfBridge.Rules.SpecialService;

/// <summary>
/// SS-06: Special Service monitors key-account demands handled by other sectors and supports their solution (seed
/// 002). A key-account case outside the Special pack still open after the target (48 hours) is brought to the
/// account's Special analyst (key_accounts.csv), or to their substitute while they are away (absences.csv), or to the Special
/// supervisor when the account names none (or the absence names no substitute). A case Special itself holds (its queue, or
/// one of its analysts), though opened outside its pack, is with no other sector.
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

        if (KeyAccount.InSpecial(c, c.Case.OwnerId) == true)
        {
            c.NotApplicable($"o caso está com o próprio Special ({c.OwnerDisplayName}), não com outro setor");
            return;
        }

        var clock = c.Clock(Id).Measure(c.Case.CreatedDate, null, c.Closures(), c.Now);
        if (!c.ClockRaises(clock, warn: false))
        {
            return;
        }

        var analyst = c.Policy.KeyAccounts.GetValueOrDefault(Salesforce.SalesforceId.To18(c.Case.AccountId!));
        var account = c.Org.Account(c.Case.AccountId)?.Name ?? c.Case.AccountId;
        var what = $"caso do cliente chave {account} com outro setor ({c.OwnerDisplayName}) aberto há mais de {c.Target(Id)}; acompanhar a solução";

        // Seed 002: an analyst on leave hands their pending work to the substitute; the one away is not who follows it now.
        var follows = c.StandIn(analyst);
        if (analyst is not null && c.AwayToday(analyst) is { } absence)
        {
            what += absence.SubstituteId is { } named && follows is null
                ? $" ({c.UserName(analyst)} está ausente até {absence.To:dd/MM/yyyy}, e {c.UserName(named)}, o substituto indicado, também está ausente)"
                : $" ({c.UserName(analyst)} está ausente até {absence.To:dd/MM/yyyy})";
        }

        // Someone must be told: without an analyst, with a substitute away too, or with one who left the company (nobody
        // standing in for them), the Special supervisor.
        var told = c.Person(follows).ToList();
        c.AddClock(findings, Id, clock, what, told.Count > 0 ? told : c.Route("role:special_supervisor"), c.Case.CreatedDate, warn: false);
    }
}
