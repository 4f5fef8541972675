using System.Globalization;
using System.Text.RegularExpressions;

namespace SfBridge.Salesforce;

/// <summary>The org's daily API usage as Salesforce reports it in <c>Sforce-Limit-Info: api-usage=18/5000</c>.</summary>
public readonly partial record struct ApiUsage(long Used, long Max)
{
    public const string HeaderName = "Sforce-Limit-Info";

    public long Remaining => Math.Max(0, Max - Used);

    /// <summary>Tolerates extra parts (<c>; api-bursts=1/750</c>, <c>per-app-api-usage=…</c>).</summary>
    public static bool TryParse(string? header, out ApiUsage usage)
    {
        usage = default;
        if (header is null)
        {
            return false;
        }

        var match = Pattern().Match(header);
        if (!match.Success ||
            !long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var used) ||
            !long.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var max))
        {
            return false;
        }

        usage = new ApiUsage(used, max);
        return true;
    }

    // (?<![-\w]) keeps "per-app-api-usage=" from matching as "api-usage=".
    [GeneratedRegex(@"(?<![-\w])api-usage=(\d+)/(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
