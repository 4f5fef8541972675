using Microsoft.Extensions.Options;
using SfBridge.Salesforce;

namespace SfBridge.Gar;

internal sealed class GarOptionsValidator : IValidateOptions<GarOptions>
{
    public ValidateOptionsResult Validate(string? name, GarOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            return ValidateOptionsResult.Success;
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri))
        {
            return ValidateOptionsResult.Fail($"Gar:BaseUrl '{SecureUrl.Quoted(options.BaseUrl)}' is not an absolute URL");
        }

        return SecureUrl.IsAllowed(uri)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Gar:BaseUrl '{SecureUrl.Quoted(options.BaseUrl)}' must use https (plain http only for loopback addresses)");
    }
}
