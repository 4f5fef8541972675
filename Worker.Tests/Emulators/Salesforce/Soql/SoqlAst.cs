namespace SfBridge.Tests.Emulators.Salesforce.Soql;

internal sealed record SoqlQuery(
    IReadOnlyList<SelectItem> Select,
    string From,
    Condition? Where,
    IReadOnlyList<OrderItem> OrderBy,
    int? Limit,
    int? Offset,
    bool IsCount);

internal abstract record SelectItem;

internal sealed record FieldItem(string Path) : SelectItem;

internal sealed record SubqueryItem(SoqlQuery Query) : SelectItem;

internal sealed record OrderItem(string Path, bool Descending, bool NullsFirst);

internal abstract record Condition;

internal sealed record AndCondition(IReadOnlyList<Condition> Items) : Condition;

internal sealed record OrCondition(IReadOnlyList<Condition> Items) : Condition;

internal sealed record NotCondition(Condition Inner) : Condition;

internal sealed record Comparison(string Path, string Operator, SoqlValue Value) : Condition;

internal sealed record InCondition(string Path, bool Negated, IReadOnlyList<SoqlValue> Values) : Condition;

internal enum SoqlValueKind
{
    Null,
    String,
    Number,
    Boolean,
    DateTime,
    Date,
    DateRange,
}

/// <summary>A literal. Date literals such as TODAY or LAST_N_DAYS:7 are ranges [Start, End).</summary>
internal sealed record SoqlValue(SoqlValueKind Kind, string? Text = null, decimal Number = 0, bool Boolean = false,
    DateTimeOffset Start = default, DateTimeOffset End = default);
