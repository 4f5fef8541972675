namespace SfBridge.Mappings.Org;

/// <summary>What the org check found, and a one-line summary of what it checked.</summary>
public sealed record OrgCheckResult(IReadOnlyList<OrgProblem> Problems, string Checked)
{
    public bool StopsWorker => Problems.Any(p => p.StopsWorker);
}
