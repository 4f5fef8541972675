namespace SfBridge.Rules.SpecialService;

/// <summary>SS-05: an analyst who is away (absences.csv) must hand their open cases to the substitute.</summary>
public sealed class HandoverRule : IRule
{
    public string Id => "SS-05";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.IsOpen || !KeyAccount.Applies(c) || c.Case.OwnerId is not { } owner)
        {
            return;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.Now, c.Settings.TimeZone).DateTime);
        var absence = c.Policy.Absences.FirstOrDefault(a => Salesforce.SalesforceId.AreEqual(a.UserId, owner) && a.From <= today && today <= a.To);
        if (absence is null)
        {
            return;
        }

        var substitute = absence.SubstituteId is { } s ? c.Org.User(s)?.Name ?? s : "o analista substituto";
        c.Add(findings, Id, FindingKind.HandoverNeeded,
            $"{c.OwnerDisplayName} está ausente até {absence.To:dd/MM/yyyy}; direcionar o caso para {substitute}",
            c.Person(absence.SubstituteId).Concat(c.Route("role:special_supervisor")), absence.From.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
    }
}
