using SfBridge.Mappings;

namespace SfBridge.Rules.Billing;

internal static class Incident
{
    /// <summary>The escalation-matrix row for the case's incident number (first prefix match, else the * row).</summary>
    public static MatrixEntry? Matrix(RuleContext c)
    {
        var number = c.Case.Field(LogicalField.IncidentNumber) ?? "";
        return c.Policy.Matrix.FirstOrDefault(m => m.IncidentPrefix != "*" && number.StartsWith(m.IncidentPrefix, StringComparison.OrdinalIgnoreCase))
               ?? c.Policy.Matrix.FirstOrDefault(m => m.IncidentPrefix == "*");
    }

    /// <summary>
    /// Work on the incident (BIL-02, BIL-03): every action on the case except the CMC's first message to the customer,
    /// which is the greeting that opens the conversation (seed 004), not work on the incident.
    /// </summary>
    public static IReadOnlyList<Interaction> Actions(RuleContext c)
    {
        var greeting = c.Activity.Contacts.Count > 0 ? c.Activity.Contacts[0] : null;
        return c.Activity.Actions.Where(a => !ReferenceEquals(a, greeting)).ToList();
    }

    /// <summary>The CMC analyst (the owner, when a user) and the CMC coordinator.</summary>
    public static IEnumerable<string> AnalystAndCoordinator(RuleContext c) => c.Person(c.Case.OwnerId).Concat(c.Route("role:cmc_coordinator"));
}
