namespace SfBridge.Tests.Emulators.Salesforce.Soql;

internal enum SoqlTokenKind
{
    Identifier,
    String,
    Number,
    DateTime,
    Date,
    Symbol,
    End,
}

internal readonly record struct SoqlToken(SoqlTokenKind Kind, string Text, int Position)
{
    public bool Is(string keyword) =>
        Kind is SoqlTokenKind.Identifier or SoqlTokenKind.Symbol && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}
