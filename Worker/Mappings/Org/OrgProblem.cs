namespace SfBridge.Mappings.Org;

/// <summary>
/// A mapping value the org contradicts, located where the value came from. <see cref="StopsWorker"/> marks the problems
/// that would make every sync fail (a field or object the case query needs and the org does not give): the worker
/// refuses to start on those, and logs the others.
/// </summary>
public sealed record OrgProblem(MappingError Error, bool StopsWorker = false)
{
    /// <summary>A problem with no mapping cell behind it (an object the worker reads, a standard field): named by the org.</summary>
    public static OrgProblem Org(string message, bool stopsWorker = false) => new(new MappingError("org", 0, 0, "", message), stopsWorker);

    public override string ToString() => Error.ToString();
}
