namespace SfBridge;

/// <summary>The later of two instants where either may be unknown (null).</summary>
internal static class Instants
{
    public static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null || a > b ? a : b;
}
