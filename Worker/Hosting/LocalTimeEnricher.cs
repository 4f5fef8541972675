using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace SfBridge.Hosting;

/// <summary>
/// For text logs: every instant a log event carries (its own time and any DateTimeOffset or DateTime property) is
/// written as a person reads it where the operation runs, dd/MM/yyyy HH:mm:ss in Logging:TimeZone, not in UTC.
/// </summary>
internal sealed class LocalTimeEnricher(TimeZoneInfo zone) : ILogEventEnricher
{
    public const string Property = "LocalTime";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        logEvent.AddOrUpdateProperty(new LogEventProperty(Property, new ScalarValue(Format(logEvent.Timestamp))));
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: DateTimeOffset at })
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(Format(at))));
            }
            else if (value is ScalarValue { Value: DateTime dt })
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(Format(dt.Kind == DateTimeKind.Unspecified
                    ? new DateTimeOffset(dt, TimeSpan.Zero) : new DateTimeOffset(dt)))));
            }
        }
    }

    private string Format(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
}
