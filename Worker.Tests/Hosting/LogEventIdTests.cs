using System.Reflection;
using Microsoft.Extensions.Logging;

namespace SfBridge.Tests.Hosting;

public sealed class LogEventIdTests
{
    [Fact]
    public void EveryLogEvent_HasAnIdOfItsOwn()
    {
        // Operators filter and alert on event ids (the README names some): one id must mean one event.
        var events = typeof(SfBridge.Hosting.SfBridgeApp).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToList();

        var shared = events.GroupBy(x => x.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Method))}").ToList();

        Assert.True(events.Count >= 40, $"only {events.Count} log events found");
        Assert.Empty(shared);
    }
}
