using Microsoft.Extensions.Options;
using SfBridge.State;

namespace SfBridge.Cluster;

/// <summary>
/// Several workers on one PostgreSQL state database. JSON shape:
/// <code>"Cluster": { "Enabled": true, "InstanceId": "sfbridge-a", "CheckinInterval": "00:00:10" }</code>
/// </summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Runs the jobs on Quartz's clustered store in the state database (PostgreSQL only). Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>This worker's name in the cluster. Default: host name and process id.</summary>
    public string? InstanceId { get; set; }

    /// <summary>How often each worker tells the others it is alive; a worker silent for about this long is taken over. Default 10 s.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The instance id in use: the configured one, or host name and process id.</summary>
    public string Instance => string.IsNullOrWhiteSpace(InstanceId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : InstanceId.Trim();
}

/// <summary>Clustering needs PostgreSQL (SQLite cannot be shared safely between processes) and a positive check-in interval.</summary>
public sealed class ClusterOptionsValidator(IOptions<StateOptions> state) : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && !string.Equals(state.Value.Provider, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Cluster:Enabled=true needs State:Provider=postgres (it is '{state.Value.Provider}'): SQLite serves one worker only.");
        }

        if (options.CheckinInterval <= TimeSpan.Zero || options.CheckinInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Cluster:CheckinInterval must be between 00:00:01 and 00:10:00 (it is {options.CheckinInterval}).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
