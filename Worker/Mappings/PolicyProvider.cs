using Microsoft.Extensions.Options;

namespace SfBridge.Mappings;

/// <summary>
/// Loads mappings/ once for the worker. A folder with problems never yields a policy: the worker refuses to start
/// and prints each problem (see <see cref="MappingsOptionsValidator"/>).
/// </summary>
public sealed class PolicyProvider(Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    // Read from configuration, not IOptions<MappingsOptions>: validating those options asks this provider. The files are
    // fingerprinted before they are read: a file changed in between makes the fingerprint older than the policy, never newer.
    private readonly Lazy<(MappingLoadResult Result, string Fingerprint)> _loaded = new(() =>
    {
        var path = configuration[$"{MappingsOptions.SectionName}:Path"] is { Length: > 0 } p ? p : new MappingsOptions().Path;
        var fingerprint = JudgementFingerprint.Of(path);
        return (MappingLoader.Load(path), fingerprint);
    });

    public MappingLoadResult Result => _loaded.Value.Result;

    /// <summary>What the worker judges under: the mapping files as loaded and this build (<see cref="JudgementFingerprint"/>).</summary>
    public string Fingerprint => _loaded.Value.Fingerprint;

    public Policy Current => Result.Policy ?? throw new InvalidOperationException("mappings failed to load: " + string.Join("; ", Result.Errors));
}

/// <summary>Fails start-up with every mapping problem, one line each.</summary>
internal sealed class MappingsOptionsValidator(PolicyProvider policy) : IValidateOptions<MappingsOptions>
{
    public ValidateOptionsResult Validate(string? name, MappingsOptions options) =>
        policy.Result.Succeeded ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(policy.Result.Errors.Select(e => $"Mappings:Path '{options.Path}': {e}"));
}
