using System.Collections.Concurrent;
using System.Net;

namespace ContactCenter.Tests.Infrastructure;

/// <summary>
/// The only way out of the service under test. Requests are answered by registered responders in order;
/// a request nobody expected is recorded and answered with an exception, and the test fails.
/// </summary>
public sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, string, CancellationToken, Task<HttpResponseMessage?>>> _responders = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public ConcurrentQueue<string> Unexpected { get; } = new();

    public void Respond(Func<HttpRequestMessage, string, HttpResponseMessage?> responder) => _responders.Enqueue((r, b, _) => Task.FromResult(responder(r, b)));

    /// <summary>A responder that may wait (for the test to release it); it sees the service's cancellation token.</summary>
    public void RespondAsync(Func<HttpRequestMessage, string, CancellationToken, Task<HttpResponseMessage?>> responder) => _responders.Enqueue(responder);

    public void RespondJson(HttpStatusCode status, string json) =>
        Respond((_, _) => new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        if (_responders.TryDequeue(out var responder) && await responder(request, body, cancellationToken) is { } response)
        {
            return response;
        }

        var description = $"{request.Method} {request.RequestUri}";
        Unexpected.Enqueue(description);
        throw new InvalidOperationException($"Unexpected outgoing HTTP request: {description}");
    }
}

public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string Body);
