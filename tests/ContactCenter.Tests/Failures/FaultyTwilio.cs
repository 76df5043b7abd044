using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;
using ContactCenter.Tests.Infrastructure;
using Polly.CircuitBreaker;

namespace ContactCenter.Tests.Failures;

/// <summary>How Twilio misbehaves on the faulted step.</summary>
public enum Fault
{
    /// <summary>Never answers (the attempt timeout gives up); nothing was done.</summary>
    Hang,

    /// <summary>Acts (places the call, applies the update), then answers after the attempt timeout.</summary>
    Late,

    /// <summary>Acts and answers 2xx with truncated JSON.</summary>
    Malformed,

    /// <summary>500 with Twilio's error document, every time; nothing was done.</summary>
    ServerErrors,

    /// <summary>429 with Retry-After, every time; nothing was done.</summary>
    RateLimited,

    /// <summary>The circuit breaker is open: nothing reaches Twilio.</summary>
    OpenCircuit,
}

/// <summary>
/// Twilio at the HTTP handler: keeps the room's participants (label, endpoint, hold, EndConferenceOnExit) as Twilio would,
/// counts the calls it actually placed per endpoint, and misbehaves with <see cref="Mode"/> on every request of step
/// <see cref="FaultOn"/> ("dial", "hold", "unhold", "eoe-false", "eoe-true", "mute", "unmute", "update", "remove", "hangup", "end", "list", "fetch").
/// </summary>
public sealed partial class FaultyTwilio
{
    private readonly ConcurrentDictionary<string, Leg> _legs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _placed = new(StringComparer.Ordinal);

    public sealed class Leg(string label, string endpoint)
    {
        public string Label { get; } = label;
        public string Endpoint { get; } = endpoint;
        public bool Hold { get; set; }
        public bool? EndConferenceOnExit { get; set; }
        public bool Gone { get; set; }
    }

    public string? FaultOn { get; set; }

    public Fault Mode { get; set; }

    public ConcurrentQueue<string> Steps { get; } = new();

    /// <summary>A step that waits for <see cref="Release"/> (after signalling <see cref="Reached"/>) and then works normally.</summary>
    public string? PauseOn { get; set; }

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>With <see cref="Fault.ServerErrors"/>: a proxy's 502 page instead of Twilio's error document.</summary>
    public string? ProxyPage { get; set; }

    /// <summary>Registers <paramref name="capacity"/> answers on the factory's stub (every one goes through this fake).</summary>
    public FaultyTwilio Attach(StubHttpHandler stub, int capacity = 200)
    {
        for (var i = 0; i < capacity; i++)
        {
            stub.RespondAsync(HandleAsync);
        }

        return this;
    }

    /// <summary>A leg that is in the room from the start (seeded through callbacks).</summary>
    public void Seed(string callSid, string label, string endpoint, bool? endConferenceOnExit = null) =>
        _legs[callSid] = new Leg(label, endpoint) { EndConferenceOnExit = endConferenceOnExit };

    public Leg this[string callSid] => _legs[callSid];

    public int Placed(string endpoint) => _placed.GetValueOrDefault(endpoint);

    public IReadOnlyDictionary<string, int> PlacedByEndpoint => _placed;

    public string? CallSidOf(string label) => _legs.FirstOrDefault(l => l.Value.Label == label && !l.Value.Gone).Key;

    private async Task<HttpResponseMessage?> HandleAsync(HttpRequestMessage request, string body, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var form = HttpUtility.ParseQueryString(body);
        var step = Step(request.Method, path, form);
        Steps.Enqueue(step);
        if (step == PauseOn)
        {
            Reached.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }

        if (step != FaultOn)
        {
            return Act(step, path, form);
        }

        switch (Mode)
        {
            case Fault.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return null;
            case Fault.Late:
                Act(step, path, form);
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return null;
            case Fault.Malformed:
                var acted = Act(step, path, form);
                return new HttpResponseMessage(acted.StatusCode == HttpStatusCode.NoContent ? HttpStatusCode.OK : acted.StatusCode)
                {
                    Content = new StringContent("""{"call_sid":"CA0123""", Encoding.UTF8, "application/json"),
                };
            case Fault.ServerErrors when ProxyPage is { } page:
                return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(page, Encoding.UTF8, "text/html") };
            case Fault.ServerErrors:
                return Error(HttpStatusCode.InternalServerError, 20500, "Internal Server Error");
            case Fault.RateLimited:
                var limited = Error(HttpStatusCode.TooManyRequests, 20429, "Too Many Requests");
                limited.Headers.Add("Retry-After", "3");
                return limited;
            default:
                throw new BrokenCircuitException("The circuit is now open and is not allowing calls.");
        }
    }

    private static string Step(HttpMethod method, string path, System.Collections.Specialized.NameValueCollection form)
    {
        if (path.EndsWith("/Participants.json", StringComparison.Ordinal))
        {
            return method == HttpMethod.Get ? "list" : "dial";
        }

        if (path.Contains("/Participants/", StringComparison.Ordinal))
        {
            return method == HttpMethod.Delete ? "remove"
                : form["Hold"] is { } hold ? (hold == "true" ? "hold" : "unhold")
                : form["EndConferenceOnExit"] is { } eoe ? "eoe-" + eoe
                : form["Muted"] is { } muted && form["Coaching"] is null ? (muted == "true" ? "mute" : "unmute")
                : "update";
        }

        return path.Contains("/Calls/", StringComparison.Ordinal) ? "hangup" : method == HttpMethod.Get ? "fetch" : "end";
    }

    private HttpResponseMessage Act(string step, string path, System.Collections.Specialized.NameValueCollection form)
    {
        var conference = ConferencePattern().Match(path).Value;
        switch (step)
        {
            case "dial":
                var sid = "CA" + Guid.NewGuid().ToString("N");
                _legs[sid] = new Leg(form["Label"]!, form["To"]!) { EndConferenceOnExit = form["EndConferenceOnExit"] == "true" };
                _placed.AddOrUpdate(form["To"]!, 1, (_, n) => n + 1);
                return Json(HttpStatusCode.Created, Participant(sid, conference, _legs[sid]));
            case "list":
                var live = _legs.Where(l => !l.Value.Gone).Select(l => Participant(l.Key, conference, l.Value));
                return Json(HttpStatusCode.OK, $$"""{"participants":[{{string.Join(',', live)}}],"uri":"{{path}}","page_size":100,"next_page_uri":null}""");
            case "fetch":
                return Json(HttpStatusCode.OK,
                    $$"""{"sid":"{{conference}}","friendly_name":"room","status":"in-progress","reason_conference_ended":null,"call_sid_ending_conference":null}""");
            case "hangup":
            case "end":
                var call = CallPattern().Match(path).Value;
                if (step == "hangup" && _legs.TryGetValue(call, out var ended))
                {
                    ended.Gone = true;
                }

                return Json(HttpStatusCode.OK, step == "end"
                    ? $$"""{"sid":"{{conference}}","friendly_name":"room","status":"completed","reason_conference_ended":"conference-ended-via-api","call_sid_ending_conference":null}"""
                    : $$"""{"sid":"{{call}}","parent_call_sid":null,"status":"canceled","direction":"outbound-api"}""");
            default:
                var key = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..^".json".Length]);
                var (callSid, leg) = _legs.FirstOrDefault(l => !l.Value.Gone && (l.Key == key || l.Value.Label == key));
                if (leg is null)
                {
                    return Error(HttpStatusCode.NotFound, 20404, "The requested resource was not found");
                }

                if (step == "remove")
                {
                    leg.Gone = true;
                    return new HttpResponseMessage(HttpStatusCode.NoContent);
                }

                leg.Hold = step switch { "hold" => true, "unhold" => false, _ => leg.Hold };
                leg.EndConferenceOnExit = step switch { "eoe-true" => true, "eoe-false" => false, _ => leg.EndConferenceOnExit };
                return Json(HttpStatusCode.OK, Participant(callSid, conference, leg));
        }
    }

    private static string Participant(string callSid, string conferenceSid, Leg leg) =>
        $$"""{"call_sid":"{{callSid}}","conference_sid":"{{conferenceSid}}","label":"{{leg.Label}}","status":"connected","muted":false,"hold":{{(leg.Hold ? "true" : "false")}},"coaching":false,"call_sid_to_coach":null,"start_conference_on_enter":true,"end_conference_on_exit":{{(leg.EndConferenceOnExit == true ? "true" : "false")}}}""";

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Error(HttpStatusCode status, int code, string message) =>
        Json(status, $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{(int)status}}}""");

    [GeneratedRegex("CF[0-9a-f]{32}")]
    private static partial Regex ConferencePattern();

    [GeneratedRegex("CA[0-9a-f]{32}")]
    private static partial Regex CallPattern();
}
