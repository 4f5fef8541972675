using Microsoft.Extensions.Options;

namespace SfBridge.State;

internal sealed class StateOptionsValidator : IValidateOptions<StateOptions>
{
    public ValidateOptionsResult Validate(string? name, StateOptions options)
    {
        if (options.Provider is not ("sqlite" or "postgres"))
        {
            return ValidateOptionsResult.Fail($"State:Provider must be sqlite or postgres, not '{options.Provider}'");
        }

        return options.Provider == "postgres" && string.IsNullOrWhiteSpace(options.ConnectionString)
            ? ValidateOptionsResult.Fail("State:ConnectionString is required when State:Provider is postgres (Host=...;Database=...;Username=...;Password=...)")
            : ValidateOptionsResult.Success;
    }
}
