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

        if (options.Provider == "postgres" && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("State:ConnectionString is required when State:Provider is postgres (Host=...;Database=...;Username=...;Password=...)");
        }

        return StateConnection.Problem(options.Provider, options.ConnectionString ?? SqliteStateStore.DefaultConnectionString) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}
