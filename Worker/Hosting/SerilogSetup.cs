using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace SfBridge.Hosting;

/// <summary>
/// Serilog for every command. Levels come from the standard <c>Serilog</c> section (MinimumLevel, Override);
/// <c>Logging:Format</c> picks <c>text</c> (default) or <c>json</c> (compact JSON, one event per line). Text logs
/// give every instant as dd/MM/yyyy HH:mm:ss in <c>Logging:TimeZone</c> (default America/Sao_Paulo); JSON keeps
/// ISO-8601 for machines.
/// </summary>
internal static class SerilogSetup
{
    /// <summary>
    /// The zone text logs are written in. An unknown id stops the start with one line naming the key, as any wrong setting does:
    /// falling back to UTC would stamp every line hours off with nothing on it to show so.
    /// </summary>
    private static TimeZoneInfo Zone(string? id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? "America/Sao_Paulo" : id, out var zone) ? zone
            : throw new SettingException($"Logging:TimeZone: unknown time zone '{id}' (an IANA id such as America/Sao_Paulo)");

    /// <summary>
    /// The levels under Serilog:MinimumLevel (its own value, Default and each Override), checked before Serilog reads them:
    /// Serilog throws on a name it does not know ("Info"), which would end the process with a stack trace. Reported in the
    /// words of a wrong-typed value, so the start-up prints one line naming the key.
    /// </summary>
    private static void CheckLevels(IConfiguration configuration)
    {
        var section = configuration.GetSection("Serilog:MinimumLevel");
        var switches = configuration.GetSection("Serilog:LevelSwitches");
        var keyed = new List<IConfigurationSection> { section, section.GetSection("Default") };
        keyed.AddRange(switches.GetChildren()); // each declared switch's level
        foreach (var over in section.GetSection("Override").GetChildren())
        {
            // An override may name a level switch ("$name") instead of a level: one that is declared.
            if (over.Value is { } name && name.StartsWith('$'))
            {
                _ = switches.GetSection(name).Value ?? throw new SettingException($"{over.Path} names the level switch '{name}', which Serilog:LevelSwitches does not declare");
            }
            else
            {
                keyed.Add(over);
            }
        }

        foreach (var level in keyed.Where(s => s.Value is not null))
        {
            if (!Enum.TryParse<LogEventLevel>(level.Value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                throw new SettingException(StartupFailure.WrongType(level.Path, level.Value, typeof(LogEventLevel).AssemblyQualifiedName!));
            }
        }
    }

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, bool toStandardError)
    {
        CheckLevels(configuration);
        var zone = Zone(configuration["Logging:TimeZone"]); // checked whatever the format, so a JSON log's wrong zone is told too
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", "SfBridge");

        var stderrFrom = toStandardError ? LogEventLevel.Verbose : (LogEventLevel?)null;
        return LoggingOptions.IsJson(configuration["Logging:Format"])
            ? logger.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: stderrFrom)
            : logger.WriteTo.Logger(text => text
                .Enrich.With(new LocalTimeEnricher(zone))
                .WriteTo.Console(
                    outputTemplate: "[{" + LocalTimeEnricher.Property + "} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}",
                    standardErrorFromLevel: stderrFrom,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture));
    }
}
