namespace SfBridge.Rules.SpecialService;

/// <summary>
/// SS-04: a Special analyst holds at most special.backlog_cap open cases. Reported once per analyst, on their
/// oldest open case, so the cap does not turn into one alert per case.
/// </summary>
public sealed class BacklogCapRule : IRule
{
    public string Id => "SS-04";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.IsOpen || !KeyAccount.Applies(c) || !Salesforce.SalesforceId.HasPrefix(c.Case.OwnerId, Salesforce.SalesforceId.UserPrefix))
        {
            return;
        }

        var (count, oldest) = c.Org.OpenCases(c.Case.OwnerId, c.Pack);
        if (count > c.Settings.BacklogCap && Salesforce.SalesforceId.AreEqual(oldest, c.Case.Id))
        {
            c.Add(findings, Id, FindingKind.BacklogCap, $"{c.OwnerDisplayName} tem {count} chamados abertos; o limite diário é {c.Settings.BacklogCap}",
                KeyAccount.OwnerAndSupervisor(c), c.Local(c.Now)[..10]);
        }
    }
}
