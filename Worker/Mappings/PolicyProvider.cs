using Microsoft.Extensions.Options;

namespace SfBridge.Mappings;

/// <summary>
/// Loads mappings/ once for the worker. A folder with problems never yields a policy: the worker refuses to start
/// and prints each problem (see <see cref="MappingsOptionsValidator"/>).
/// </summary>
public sealed class PolicyProvider(Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    // Read from configuration, not IOptions<MappingsOptions>: validating those options asks this provider.
    private readonly Lazy<MappingLoadResult> _result = new(() =>
        MappingLoader.Load(configuration[$"{MappingsOptions.SectionName}:Path"] is { Length: > 0 } path ? path : new MappingsOptions().Path));

    public MappingLoadResult Result => _result.Value;

    public Policy Current => Result.Policy ?? throw new InvalidOperationException("mappings failed to load: " + string.Join("; ", Result.Errors));
}

/// <summary>Fails start-up with every mapping problem, one line each.</summary>
internal sealed class MappingsOptionsValidator(PolicyProvider policy) : IValidateOptions<MappingsOptions>
{
    public ValidateOptionsResult Validate(string? name, MappingsOptions options) =>
        policy.Result.Succeeded ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(policy.Result.Errors.Select(e => $"Mappings:Path '{options.Path}': {e}"));
}
