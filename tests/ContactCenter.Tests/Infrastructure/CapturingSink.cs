using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace ContactCenter.Tests.Infrastructure;

/// <summary>Every log event the service writes, rendered, so tests can assert what is (and is not) logged.</summary>
public sealed class CapturingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

    /// <summary>Request-completed lines are written after the response is sent, so a test may have to wait a moment.</summary>
    public async Task<LogEvent> WaitForAsync(Func<LogEvent, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (DateTime.UtcNow < deadline)
        {
            if (Events.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("No matching log event was written.");
    }

    public IEnumerable<string> Rendered =>
        Events.Select(e => e.RenderMessage() + " " + string.Join(' ', e.Properties.Select(p => $"{p.Key}={p.Value}")));
}
