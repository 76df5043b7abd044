using System.Net;
using System.Text;
using System.Text.Json;

namespace ContactCenter.Tests.Console;

/// <summary>One server-sent event as received: its id, type and data lines.</summary>
public sealed record SseEvent(string? Id, string Type, string Data)
{
    public long ChangeId => long.Parse(Id!, System.Globalization.CultureInfo.InvariantCulture);

    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    public string Subject => Json.GetProperty("subject").GetString()!;
}

/// <summary>
/// A test's page: GET /console/api/events read as a stream, parsed line by line (id:, event:, data:, comments)
/// into <see cref="SseEvent"/>s. Every event received is kept in <see cref="Received"/>.
/// </summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _closed = new();

    private SseReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reader = new StreamReader(stream, Encoding.UTF8);
    }

    public List<SseEvent> Received { get; } = [];

    public static async Task<SseReader> OpenAsync(HttpClient client, string? lastEventId = null, string path = "/console/api/events", bool inQuery = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, inQuery && lastEventId is not null ? $"{path}?lastEventId={lastEventId}" : path);
        if (lastEventId is not null && !inQuery)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Reads events until one matches (heartbeats skipped); fails after <paramref name="timeout"/> (5 s unless said).</summary>
    public async Task<SseEvent> NextAsync(Func<SseEvent, bool> match, string what, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            while (true)
            {
                var next = await ReadEventAsync(deadline.Token) ?? throw new Xunit.Sdk.XunitException($"The stream ended before: {what}");
                if (next.Type == "heartbeat")
                {
                    continue;
                }

                Received.Add(next);
                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException expired)
        {
            throw new Xunit.Sdk.XunitException($"No event within the timeout: {what}. Received: {string.Join(" | ", Received.Select(e => $"{e.Id} {e.Type} {e.Data}"))}", expired);
        }
    }

    public Task<SseEvent> NextAsync(string type, string subject, TimeSpan? timeout = null) =>
        NextAsync(e => e.Type == type && e.Subject == subject, $"a {type} change of {subject}", timeout);

    private async Task<SseEvent?> ReadEventAsync(CancellationToken cancellationToken)
    {
        string? id = null, type = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0 || type is not null)
                {
                    return new SseEvent(id, type ?? "message", data.ToString());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Append(data.Length > 0 ? "\n" : "").Append(value); break;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        _reader.Dispose();
        _response.Dispose();
        _closed.Dispose();
    }
}
