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

    /// <summary>Inside the matrix calendar's hours the team's contact, outside them the after-hours contact (BIL-03).</summary>
    public static IEnumerable<string> Contact(RuleContext c, DateTimeOffset at, MatrixEntry? matrix) =>
        matrix is null ? [] : [c.Policy.Calendar(matrix.Calendar).IsOpen(at) ? matrix.BusinessHoursMention : matrix.AfterHoursMention];

    /// <summary>Actions on the incident: e-mails sent and comments published.</summary>
    public static IReadOnlyList<DateTimeOffset> Actions(RuleContext c) => c.CustomerContacts();
}
