namespace SfBridge.Sla;

/// <summary>A half-open span of time [From, To); To null while it is still going on.</summary>
public readonly record struct Interval(DateTimeOffset From, DateTimeOffset? To);
