using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace SfBridge.Hosting;

/// <summary>
/// Serilog for every command. Levels come from the standard <c>Serilog</c> section (MinimumLevel, Override);
/// <c>Logging:Format</c> picks <c>text</c> (default) or <c>json</c> (compact JSON, one event per line).
/// </summary>
internal static class SerilogSetup
{
    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, bool toStandardError)
    {
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", "SfBridge");

        var stderrFrom = toStandardError ? LogEventLevel.Verbose : (LogEventLevel?)null;
        return string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase)
            ? logger.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: stderrFrom)
            : logger.WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}",
                standardErrorFromLevel: stderrFrom,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
    }
}
