namespace SfBridge.Hosting;

/// <summary>Which worker this process is, as metrics and logs name it; filled from the Cluster:* settings.</summary>
public sealed class InstanceInfo
{
    /// <summary>The instance's name among the workers sharing one state database. Default: host name and process id.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Whether the jobs run on Quartz's clustered store (several instances, one runs each firing).</summary>
    public bool Clustered { get; set; }
}
