namespace SfBridge.Audit;

/// <summary>How the audit holds its findings on disk while it judges (see <see cref="AuditStream"/>).</summary>
public sealed record AuditSpillOptions
{
    /// <summary>Cases judged, and their findings sorted and written, together. Default 2,000: a few MB of cases and cards.</summary>
    public int CasesPerRun { get; init; } = 2_000;

    /// <summary>Runs read at once while merging (open files); more are first merged into longer runs. Default 64.</summary>
    public int MaxFanIn { get; init; } = 64;

    /// <summary>The folder the audit's private temporary folder is made in; null (default) is the system's (TMPDIR).</summary>
    public string? Folder { get; init; }
}
