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

        // The PostgreSQL store is not part of this release; say so at start rather than fail on the first job.
        return options.Provider == "postgres"
            ? ValidateOptionsResult.Fail("State:Provider postgres is not available in this release; use sqlite")
            : ValidateOptionsResult.Success;
    }
}
