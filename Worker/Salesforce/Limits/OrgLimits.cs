using System.Text.Json;

namespace SfBridge.Salesforce;

/// <summary>One limit from <c>GET /limits</c>.</summary>
public sealed record OrgLimit(string Name, long Max, long Remaining);

/// <summary>
/// The body of <c>GET /limits</c>, keyed by limit name. Per-connected-app sub-objects inside some limits are ignored.
/// </summary>
public sealed class OrgLimits
{
    private readonly Dictionary<string, OrgLimit> _limits;

    private OrgLimits(Dictionary<string, OrgLimit> limits) => _limits = limits;

    public IReadOnlyCollection<OrgLimit> All => _limits.Values;

    public OrgLimit? this[string name] => _limits.GetValueOrDefault(name);

    public OrgLimit? DailyApiRequests => this["DailyApiRequests"];

    internal static OrgLimits Parse(JsonElement root)
    {
        var limits = new Dictionary<string, OrgLimit>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object &&
                property.Value.TryGetProperty("Max", out var max) && max.TryGetInt64(out var maxValue) &&
                property.Value.TryGetProperty("Remaining", out var remaining) && remaining.TryGetInt64(out var remainingValue))
            {
                limits[property.Name] = new OrgLimit(property.Name, maxValue, remainingValue);
            }
        }

        return new OrgLimits(limits);
    }
}
