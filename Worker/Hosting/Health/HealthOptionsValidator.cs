using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SfBridge.Hosting.Health;

internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Url) && Problem(options.Url) is { } problem)
        {
            failures.Add($"Health:Url {problem}, not '{options.Url}' (empty turns the endpoint off)");
        }

        if (options.MissedRuns < 1)
        {
            failures.Add($"Health:MissedRuns must be at least 1, not {options.MissedRuns}");
        }

        if (options.CacheDuration < TimeSpan.Zero || options.CacheDuration > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Health:CacheDuration must be between 00:00:00 and 00:05:00, not {options.CacheDuration}");
        }

        if (options.CheckTimeout <= TimeSpan.Zero || options.CheckTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Health:CheckTimeout must be more than 00:00:00 and at most 00:01:00, not {options.CheckTimeout}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Kestrel's own parser decides what it can bind (it accepts * and + for every interface).</summary>
    private static string? Problem(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url.Trim());
        }
        catch (FormatException)
        {
            return "must be http://host:port";
        }

        if (!string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase))
        {
            return "must be plain http (the endpoint has no certificate; put a TLS proxy in front if needed)";
        }

        if (address.PathBase.Length > 0)
        {
            return "must not have a path (the endpoints are /health/live, /health/ready and /metrics)";
        }

        // BindingAddress gives http://host the default port 80; the endpoint wants its port said.
        var explicitPort = url.Trim().TrimEnd('/').EndsWith(":" + address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return address.IsUnixPipe || address.IsNamedPipe || string.IsNullOrEmpty(address.Host) || address.Port is < 0 or > 65535 || !explicitPort
            ? "must be http://host:port with an explicit port"
            : null;
    }
}
