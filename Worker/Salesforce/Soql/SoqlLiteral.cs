using System.Collections;
using System.Globalization;
using System.Text;

namespace SfBridge.Salesforce;

/// <summary>Renders .NET values as SOQL literals. Types without a safe rendering are refused, never ToString()'d.</summary>
public static class SoqlLiteral
{
    public static string Render<T>(T value) => value switch
    {
        null => "null",
        SoqlIdentifier id => id.Name,
        Soql nested => nested.Text,
        SoqlLikePattern like => QuoteEscaped(like.Pattern, escapeBackslash: false),
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int or long or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset dto => SalesforceDateTime.FormatSoql(dto),
        DateTime dt => SalesforceDateTime.FormatSoql(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc))),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IEnumerable sequence and not string => List(sequence),
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be written into SOQL"),
    };

    /// <summary>Quotes a string, escaping backslash, quotes and control characters as SOQL requires.</summary>
    public static string Quote(string value) => QuoteEscaped(value, escapeBackslash: true);

    private static string QuoteEscaped(string value, bool escapeBackslash)
    {
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\' when escapeBackslash: sb.Append("\\\\"); break;
                case '\'': sb.Append("\\'"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (char.IsControl(c))
                    {
                        // Other control characters have no SOQL escape; they never belong in a filter value.
                        throw new ArgumentException("A SOQL string literal cannot hold control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }

                    sb.Append(c);
                    break;
            }
        }

        return sb.Append('\'').ToString();
    }

    private static string List(IEnumerable sequence)
    {
        var items = sequence.Cast<object?>().Select(Render).ToList();
        if (items.Count == 0)
        {
            throw new ArgumentException("An IN list cannot be empty (Salesforce rejects IN ())");
        }

        return "(" + string.Join(", ", items) + ")";
    }
}
