using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace SfBridge.Tests.Fixtures;

/// <summary>Keeps every Serilog event so tests can assert on what was (and was not) logged.</summary>
public sealed class CollectingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Forgets the events kept so far (a long test checks them as it goes and keeps its memory flat).</summary>
    public void Clear() => _events.Clear();

    /// <summary>Everything an operator could see: rendered message, every property value, exception text.</summary>
    public IEnumerable<string> AllText() => Events.SelectMany(Text);

    /// <summary>Rendered message, property values and exception text of one event.</summary>
    public static IEnumerable<string> Text(LogEvent e) =>
        new[] { e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture), e.Exception?.ToString() ?? "" }
            .Concat(e.Properties.Select(p => p.Value.ToString()));

    public IEnumerable<LogEvent> WithEventName(string name) =>
        Events.Where(e => e.Properties.TryGetValue("EventId", out var id) && id.ToString().Contains(name, StringComparison.Ordinal));
}
