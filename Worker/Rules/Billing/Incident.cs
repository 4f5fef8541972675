using SfBridge.Mappings;

namespace SfBridge.Rules.Billing;

internal static partial class Incident
{
    /// <summary>The escalation-matrix row for the case's incident number (first prefix match, else the * row).</summary>
    public static MatrixEntry? Matrix(RuleContext c)
    {
        var number = c.Case.Field(LogicalField.IncidentNumber) ?? "";
        return c.Policy.Matrix.FirstOrDefault(m => m.IncidentPrefix != "*" && number.StartsWith(m.IncidentPrefix, StringComparison.OrdinalIgnoreCase))
               ?? c.Policy.Matrix.FirstOrDefault(m => m.IncidentPrefix == "*");
    }

    /// <summary>
    /// Work on the incident (BIL-02, BIL-03): every action on the case except the CMC's first message to the customer
    /// when it is the greeting that opens the conversation ("Bom dia, (cliente)! Iniciamos a análise…", seed 004):
    /// a first contact that does not open with a greeting (a call, a question to the customer) is work.
    /// </summary>
    public static IReadOnlyList<Interaction> Actions(RuleContext c)
    {
        var greeting = c.Activity.Contacts.Count > 0 && IsGreeting(c.Activity.Contacts[0].Text) ? c.Activity.Contacts[0] : null;
        return c.Activity.Actions.Where(a => !ReferenceEquals(a, greeting)).ToList();
    }

    private static bool IsGreeting(string? text) => text is not null && Greeting().IsMatch(TextKey.Of(text));

    [System.Text.RegularExpressions.GeneratedRegex(@"^\W*(?:bom dia|boa tarde|boa noite|ola|oi)\b")]
    private static partial System.Text.RegularExpressions.Regex Greeting();

    /// <summary>The CMC analyst (the owner, when a user) and the CMC coordinator.</summary>
    public static IEnumerable<string> AnalystAndCoordinator(RuleContext c) => c.Person(c.Case.OwnerId).Concat(c.Route("role:cmc_coordinator"));
}
