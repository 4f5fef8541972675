namespace SfBridge.Hosting;

/// <summary>How <c>run</c> was invoked.</summary>
public sealed record RunSettings(bool Once);
