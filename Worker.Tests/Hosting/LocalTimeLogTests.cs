using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Parsing;
using SfBridge.Hosting;

namespace SfBridge.Tests.Hosting;

public sealed class LocalTimeLogTests
{
    [Fact]
    public void TextLogs_WriteEveryInstantAsLocalDayMonthYear_NotUtc()
    {
        var enricher = new LocalTimeEnricher(TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo"));
        var at = new DateTimeOffset(2026, 3, 2, 12, 5, 9, TimeSpan.Zero);
        var template = new MessageTemplateParser().Parse("Sweep at {Now}");
        var logEvent = new LogEvent(at, LogEventLevel.Information, null, template, [new LogEventProperty("Now", new ScalarValue(at.AddMinutes(1)))]);

        enricher.Enrich(logEvent, null!);

        Assert.Equal("Sweep at \"02/03/2026 09:06:09\"", logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("02/03/2026 09:05:09", ((ScalarValue)logEvent.Properties[LocalTimeEnricher.Property]).Value);
    }

    [Fact]
    public void TheTextConsoleLine_StartsWithTheLocalTime()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:TimeZone"] = "America/Sao_Paulo" }).Build();
            using (var logger = SerilogSetup.Configure(new LoggerConfiguration(), configuration, toStandardError: false).CreateLogger())
            {
                logger.Information("Case sync watermark {Watermark}", new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Matches(@"(?m)^\[\d\d/\d\d/\d{4} \d\d:\d\d:\d\d INF\] Case sync watermark 02/03/2026 09:00:00 ", output.ToString()); // other tests may log meanwhile
    }
}
