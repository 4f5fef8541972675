namespace SfBridge.Rules.SpecialService;

/// <summary>
/// SS-06: Special Service monitors key-account demands handled by other sectors and supports their solution (seed
/// 002). A key-account case outside the Special pack still open after the target (48 hours) is brought to the
/// account's Special analyst (key_accounts.csv), or to their substitute while they are away (absences.csv), or to the Special
/// supervisor when the account names none (or the absence names no substitute).
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

        var clock = c.Clock(Id).Measure(c.Case.CreatedDate, null, c.Closures(), c.Now);
        if (!c.ClockRaises(clock, warn: false))
        {
            return;
        }

        var analyst = c.Policy.KeyAccounts.GetValueOrDefault(Salesforce.SalesforceId.To18(c.Case.AccountId!));
        var account = c.Org.Account(c.Case.AccountId)?.Name ?? c.Case.AccountId;
        var what = $"caso do cliente chave {account} com outro setor ({c.OwnerDisplayName}) aberto há mais de {c.Target(Id)}; acompanhar a solução";
        IEnumerable<string> mentions;
        if (analyst is null)
        {
            mentions = c.Route("role:special_supervisor");
        }
        else if (AbsentToday(c, analyst) is { } absence)
        {
            // Seed 002: an analyst going on leave hands their pending work to the substitute; the one away is not who follows it now.
            // A substitute away today as well cannot follow it either: the supervisor is told, as when none is named.
            var substitute = absence.SubstituteId is { } s && c.AbsenceOf(s, c.Today, c.Today) is null ? s : null;
            mentions = substitute is not null ? c.Person(substitute) : c.Route("role:special_supervisor");
            what += absence.SubstituteId is { } named && substitute is null
                ? $" ({c.UserName(analyst)} está ausente até {absence.To:dd/MM/yyyy}, e {c.UserName(named)}, o substituto indicado, também está ausente)"
                : $" ({c.UserName(analyst)} está ausente até {absence.To:dd/MM/yyyy})";
        }
        else
        {
            mentions = c.Person(analyst);
        }

        // Someone must be told: an analyst or substitute who left the company (nobody standing in for them) leaves the supervisor.
        var told = mentions.ToList();
        c.AddClock(findings, Id, clock, what, told.Count > 0 ? told : c.Route("role:special_supervisor"), c.Case.CreatedDate, warn: false);
    }

    /// <summary>The analyst's planned absence (absences.csv) that covers today, local time.</summary>
    private static Mappings.Absence? AbsentToday(RuleContext c, string analyst)
    {
        var today = c.Today;
        return c.Policy.Absences.FirstOrDefault(a => Salesforce.SalesforceId.AreEqual(a.UserId, analyst) && a.From <= today && today <= a.To);
    }
}
