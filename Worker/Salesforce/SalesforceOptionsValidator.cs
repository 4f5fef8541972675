using Microsoft.Extensions.Options;

namespace SfBridge.Salesforce;

/// <summary>Rules that span several keys. Messages name the key and quote only non-secret values.</summary>
internal sealed class SalesforceOptionsValidator : IValidateOptions<SalesforceOptions>
{
    public ValidateOptionsResult Validate(string? name, SalesforceOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.LoginUrl))
        {
            failures.Add("Salesforce:LoginUrl is required (e.g. https://login.salesforce.com or the org's My Domain URL)");
        }
        else if (!Uri.TryCreate(options.LoginUrl, UriKind.Absolute, out var login))
        {
            failures.Add($"Salesforce:LoginUrl '{SecureUrl.Quoted(options.LoginUrl)}' is not an absolute URL");
        }
        else if (!SecureUrl.IsAllowed(login))
        {
            failures.Add($"Salesforce:LoginUrl '{SecureUrl.Quoted(options.LoginUrl)}' must use https (plain http only for loopback addresses)");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Salesforce:ClientId is required (the connected app's consumer key)");
        }

        var jwt = !string.IsNullOrWhiteSpace(options.Username) || !string.IsNullOrWhiteSpace(options.PrivateKeyPath);
        var secret = !string.IsNullOrWhiteSpace(options.ClientSecret);
        if (jwt && secret)
        {
            failures.Add("Salesforce:ClientSecret must be empty when Salesforce:Username/Salesforce:PrivateKeyPath select the JWT bearer flow");
        }
        else if (jwt)
        {
            if (string.IsNullOrWhiteSpace(options.Username))
            {
                failures.Add("Salesforce:Username is required for the JWT bearer flow");
            }

            if (string.IsNullOrWhiteSpace(options.PrivateKeyPath))
            {
                failures.Add("Salesforce:PrivateKeyPath is required for the JWT bearer flow");
            }
            else if (!File.Exists(options.PrivateKeyPath))
            {
                failures.Add($"Salesforce:PrivateKeyPath '{options.PrivateKeyPath}' does not exist");
            }
            else if (KeyProblem(options.PrivateKeyPath) is { } problem)
            {
                failures.Add($"Salesforce:PrivateKeyPath '{options.PrivateKeyPath}' {problem}");
            }
        }
        else if (!secret)
        {
            failures.Add("Salesforce:ClientSecret (client-credentials flow) or Salesforce:Username + Salesforce:PrivateKeyPath (JWT bearer flow) is required");
        }

        if (options.JwtAudience is { Length: > 0 } aud && !Uri.TryCreate(aud, UriKind.Absolute, out _))
        {
            failures.Add($"Salesforce:JwtAudience '{aud}' is not an absolute URL");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(options.ApiVersion ?? "", @"^\d{2,3}\.0$"))
        {
            failures.Add($"Salesforce:ApiVersion '{options.ApiVersion}' must look like 62.0");
        }

        if (options.QueryBatchSize is < 200 or > 2000)
        {
            failures.Add($"Salesforce:QueryBatchSize must be between 200 and 2000, not {options.QueryBatchSize}");
        }

        if (options.ApiCallFloor < 0)
        {
            failures.Add($"Salesforce:ApiCallFloor must not be negative, not {options.ApiCallFloor}");
        }

        ValidatePositive(failures, "Salesforce:ApiFloorPause", options.ApiFloorPause);
        ValidatePositive(failures, "Salesforce:TokenLifetime", options.TokenLifetime);
        ValidatePositive(failures, "Salesforce:OrgCheckTimeout", options.OrgCheckTimeout);
        var r = options.Resilience;
        if (r.MaxRetries is < 0 or > 10)
        {
            failures.Add($"Salesforce:Resilience:MaxRetries must be between 0 and 10, not {r.MaxRetries}");
        }

        ValidatePositive(failures, "Salesforce:Resilience:AttemptTimeout", r.AttemptTimeout);
        ValidatePositive(failures, "Salesforce:Resilience:TotalTimeout", r.TotalTimeout);
        ValidatePositive(failures, "Salesforce:Resilience:BreakDuration", r.BreakDuration);
        if (r.BreakerSamplingDuration < r.AttemptTimeout * 2)
        {
            failures.Add("Salesforce:Resilience:BreakerSamplingDuration must be at least twice Salesforce:Resilience:AttemptTimeout");
        }

        if (r.BreakerFailureRatio is <= 0 or > 1)
        {
            failures.Add($"Salesforce:Resilience:BreakerFailureRatio must be in (0, 1], not {r.BreakerFailureRatio}");
        }

        if (r.BaseDelay < TimeSpan.Zero)
        {
            failures.Add("Salesforce:Resilience:BaseDelay must not be negative");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? KeyProblem(string path)
    {
        try
        {
            return PrivateKeyFile.Problem(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read ({ex.GetType().Name})";
        }
    }

    private static void ValidatePositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be a positive duration (hh:mm:ss), not {value}");
        }
    }
}
