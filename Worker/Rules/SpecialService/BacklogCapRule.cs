namespace SfBridge.Rules.SpecialService;

/// <summary>
/// SS-04: a Special analyst holds at most special.backlog_cap open key-account cases. Only key-account cases count, of
/// every pack (a key-account protocol the analyst holds is in their backlog too), and the finding is reported once per
/// analyst and day, on their oldest open key-account case of this pack. The cap is the Special
/// analysts' (seed 002: "O analista Special não poderá ter mais de 5 chamados"): another sector's agent holding cases Special
/// forwarded to them is not held to it.
/// </summary>
public sealed class BacklogCapRule : IRule
{
    public string Id => "SS-04";

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

        if (!Salesforce.SalesforceId.HasPrefix(c.Case.OwnerId, Salesforce.SalesforceId.UserPrefix))
        {
            if (c.Case.OwnerId is null)
            {
                c.NotApplicable("o caso não tem proprietário");
            }
            else
            {
                c.NotApplicable($"o proprietário do caso ({c.OwnerDisplayName}) não é um usuário");
            }
            return;
        }

        if (KeyAccount.InSpecial(c, c.Case.OwnerId) == false)
        {
            c.NotApplicable($"{c.OwnerDisplayName} não é analista do Special (fila {c.Settings.SpecialQueue}): o limite de chamados é dos analistas do Special");
            return;
        }

        // Every open key-account case the analyst holds is in their backlog, a case another pack follows (a protocol) too; the
        // finding is reported on their oldest case of this pack, where SS-04 runs.
        var open = c.Org.OpenKeyAccountCases(c.Case.OwnerId);
        if (open.Count > c.Settings.BacklogCap && FirstOfPack(open, c.Pack) is { } oldest && Salesforce.SalesforceId.AreEqual(oldest.CaseId, c.Case.Id))
        {
            c.Add(findings, Id, FindingKind.BacklogCap,
                $"{c.OwnerDisplayName} tem {open.Count} chamados de clientes chave em aberto; o limite diário é {c.Settings.BacklogCap}",
                // The analyst the text names; while away (absences.csv), their substitute when at work, else the supervisor alone.
                c.Person(c.StandIn(c.Case.OwnerId)).Concat(c.Route("role:special_supervisor")), c.Local(c.Now)[..10]);
            // One report a day: tomorrow's is a new finding.
            c.Expect(RuleContext.StartOf(c.Today.AddDays(1), c.Settings.TimeZone));
        }
    }

    private static OpenCaseRef? FirstOfPack(IReadOnlyList<OpenCaseRef> open, string pack)
    {
        foreach (var o in open)
        {
            if (string.Equals(o.Pack, pack, StringComparison.Ordinal))
            {
                return o;
            }
        }

        return null;
    }
}
