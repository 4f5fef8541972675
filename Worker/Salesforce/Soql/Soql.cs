using System.Runtime.CompilerServices;

namespace SfBridge.Salesforce;

/// <summary>
/// A SOQL statement whose interpolated values were all rendered as escaped literals:
/// <c>Soql.Create($"SELECT Id FROM Case WHERE Subject = {subject}")</c> cannot be turned into another query by the
/// subject's text. Field and object names go in as <see cref="SoqlIdentifier"/>, which only accepts API names.
/// </summary>
public readonly record struct Soql
{
    private Soql(string text) => Text = text;

    public string Text { get; }

    public static Soql Create([InterpolatedStringHandlerArgument] ref SoqlInterpolatedStringHandler statement) =>
        new(statement.ToStringAndClear());

    /// <summary>Trusted text written by SfBridge itself (no outside values).</summary>
    internal static Soql Trusted(string text) => new(text);

    public override string ToString() => Text;
}
