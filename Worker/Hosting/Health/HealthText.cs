using System.Globalization;

namespace SfBridge.Hosting.Health;

/// <summary>How check descriptions write instants: UTC, to the second, for machines and people alike.</summary>
internal static class HealthText
{
    public static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
