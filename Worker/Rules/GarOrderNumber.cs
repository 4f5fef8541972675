using System.Text.RegularExpressions;

namespace SfBridge.Rules;

/// <summary>
/// Which order numbers SfBridge asks GAR about: letters, digits, '-' and '_', up to 64 characters. Anything else (a
/// dot segment such as "..", '/', '?', '#', an escape, whitespace) could turn <c>GET {Gar:BaseUrl}/orders/{number}</c>
/// into a request for another resource, so such a number is never sent.
/// </summary>
public static partial class GarOrderNumber
{
    public const string Allowed = "letters, digits, - and _ (at most 64)";

    public static bool IsValid(string? number) => number is not null && Pattern().IsMatch(number.Trim());

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
