using Microsoft.Extensions.Options;

namespace SfBridge.Hosting;

/// <summary>
/// How the worker writes its log. JSON shape: <code>"Logging": { "Format": "text", "TimeZone": "America/Sao_Paulo" }</code>
/// (levels stay in the standard <c>Serilog</c> section).
/// </summary>
public sealed class LoggingOptions
{
    public const string SectionName = "Logging";

    /// <summary>The values <see cref="Format"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Formats = ["text", "json"];

    /// <summary><c>text</c> (default: one line per event, local times) or <c>json</c> (compact JSON, one event per line).</summary>
    public string Format { get; set; } = "text";

    /// <summary>Time zone of the instants in text logs. Default America/Sao_Paulo; an unknown id falls back to UTC.</summary>
    public string? TimeZone { get; set; }

    internal static bool IsJson(string? format) => string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A misspelt format would silently give text logs to a collector that expects JSON: it stops the start instead.</summary>
internal sealed class LoggingOptionsValidator : IValidateOptions<LoggingOptions>
{
    public ValidateOptionsResult Validate(string? name, LoggingOptions options) =>
        LoggingOptions.Formats.Contains(options.Format.Trim(), StringComparer.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Logging:Format must be one of {string.Join(", ", LoggingOptions.Formats)}, not '{options.Format}'");
}
