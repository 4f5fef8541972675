namespace SfBridge.Rules.Gso;

/// <summary>GSO-07: a case returned with "Concluído III" must hold the level-3 solution and the internal comments.</summary>
public sealed class LevelThreeSolutionRule : IRule
{
    public string Id => "GSO-07";

    public void Evaluate(RuleContext c, List<FindingDraft> findings)
    {
        if (!c.StatusIs(c.Settings.ReturnedStatus))
        {
            return;
        }

        var missing = new List<string>();
        if (c.Case.Field(LogicalField.Level3Solution) is null)
        {
            missing.Add("Solução do nível 3");
        }

        if (c.Case.Field(LogicalField.InternalComments) is null)
        {
            missing.Add("Comentários internos");
        }

        if (missing.Count > 0)
        {
            c.Add(findings, Id, FindingKind.MissingField, $"status {c.Case.Status} sem {string.Join(" e ", missing)}",
                c.Person(c.Case.OwnerId).Concat(c.Route("queue:" + c.Settings.GsoQueue)), string.Join("+", missing));
        }
    }
}
