using System.Net;
using System.Text;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Twilio.Rest;

/// <summary>
/// The service's own DI-built <see cref="ITwilioRestClient"/> (the Twilio library behind the project's handlers), its
/// outgoing HTTP captured and answered by the factory's stub at the primary HttpMessageHandler.
/// </summary>
public sealed class RestHarness : IAsyncDisposable
{
    public const string ConferenceSid = "CF0123456789abcdef0123456789abcdef";
    public const string CallSid = "CA0123456789abcdef0123456789abcdef";
    public const string OtherCallSid = "CAfedcba9876543210fedcba9876543210";
    public const string AccountPath = "/2010-04-01/Accounts/" + ContactCenterFactory.AccountSid;

    /// <summary>A participant create that sets every field the gateway supports.</summary>
    public static CreateParticipantRequest EveryParticipantField(string label, string statusCallback) => new()
    {
        From = "+18005550100",
        To = "sip:agent@desk.example.com",
        Label = label,
        Coaching = true,
        CallSidToCoach = OtherCallSid,
        Beep = false,
        EarlyMedia = true,
        Muted = false,
        StartConferenceOnEnter = true,
        EndConferenceOnExit = false,
        Timeout = 20,
        TimeLimit = 3600,
        StatusCallback = statusCallback,
        StatusCallbackMethod = "POST",
        StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
        Record = true,
        CallerId = "+18005550199",
        WaitUrl = "https://cc.example.com/wait",
    };

    public static readonly string AccountAuth =
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ContactCenterFactory.AccountSid}:{ContactCenterFactory.AuthToken}"));

    /// <summary>Retries without waiting, so retry tests stay fast.</summary>
    public static readonly (string, string?)[] FastRetries =
    [
        ("Twilio:Rest:RetryBaseDelay", "00:00:00.001"),
        ("Twilio:Rest:MaxRetryDelay", "00:00:00.005"),
    ];

    private readonly ContactCenterFactory _factory;

    public RestHarness(params (string Key, string? Value)[] settings)
        : this(null, settings)
    {
    }

    /// <param name="services">Extra service registrations, e.g. a handler appended to the Twilio HttpClient.</param>
    public RestHarness(Action<IServiceCollection>? services, params (string Key, string? Value)[] settings)
    {
        var factory = new ContactCenterFactory().With([.. FastRetries, .. settings]);
        _factory = services is null ? factory : factory.WithServices(services);
        Client = _factory.Services.GetRequiredService<ITwilioRestClient>();
    }

    public IServiceProvider Services => _factory.Services;

    public ITwilioRestClient Client { get; }

    public StubHttpHandler Outgoing => _factory.Outgoing;

    public CapturingSink Logs => _factory.Logs;

    public RestHarness Answer(HttpStatusCode status, string json, Action<HttpResponseMessage>? headers = null)
    {
        Outgoing.Respond((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            headers?.Invoke(response);
            return response;
        });
        return this;
    }

    public RestHarness Fail(Exception exception)
    {
        Outgoing.Respond((_, _) => throw exception);
        return this;
    }

    public static KeyValuePair<string, string> F(string key, string value) => KeyValuePair.Create(key, value);

    /// <summary>
    /// Method, URL (path and query exactly as sent), Basic auth and the decoded form: every field present with its exact
    /// value, nothing else. Fields are compared by name (the library's own order is not part of the contract); repeated
    /// keys keep their order.
    /// </summary>
    public static void AssertRequest(RecordedRequest request, string method, string pathAndQuery, params KeyValuePair<string, string>[] form)
    {
        Assert.Equal(method, request.Method.Method);
        Assert.Equal("https://api.twilio.com" + pathAndQuery, request.Uri.AbsoluteUri);
        Assert.Equal(AccountAuth, request.Authorization);
        Assert.Equal(ByName(form), ByName(Form(request.Body)));
    }

    private static List<KeyValuePair<string, string>> ByName(IEnumerable<KeyValuePair<string, string>> fields) =>
        [.. fields.OrderBy(f => f.Key, StringComparer.Ordinal)];

    public RecordedRequest Single() => Assert.Single(Outgoing.Requests);

    /// <summary>The form body as sent, in order, decoded: repeated keys stay separate pairs.</summary>
    public static List<KeyValuePair<string, string>> Form(string body) =>
        body.Length == 0
            ? []
            : [.. body.Split('&').Select(pair => pair.Split('=', 2)).Select(p => KeyValuePair.Create(Decode(p[0]), Decode(p[1])))];

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}

/// <summary>Answers shaped like Twilio's (trimmed to what the client reads, plus a few fields it ignores).</summary>
public static class TwilioJson
{
    /// <summary>A list page as Twilio sends it: the library follows next_page_uri only on a page that has its own uri.</summary>
    public static string Page(string key, string uri, string? nextPageUri, params string[] items) =>
        $$"""{"{{key}}":[{{string.Join(',', items)}}],"uri":"{{uri}}","page_size":100,"next_page_uri":{{(nextPageUri is null ? "null" : $"\"{nextPageUri}\"")}}}""";

    public const string Participant = """
        {"account_sid":"AC0123456789abcdef0123456789abcdef","call_sid":"CA0123456789abcdef0123456789abcdef","label":"agent",
         "conference_sid":"CF0123456789abcdef0123456789abcdef","status":"connected","muted":false,"hold":true,"coaching":true,
         "call_sid_to_coach":"CAfedcba9876543210fedcba9876543210","start_conference_on_enter":true,"end_conference_on_exit":false,
         "queue_time":"1000","uri":"/x.json"}
        """;

    public const string Conference = """
        {"sid":"CF0123456789abcdef0123456789abcdef","friendly_name":"room-CA0123456789abcdef0123456789abcdef","status":"in-progress",
         "region":"us1","reason_conference_ended":null,"call_sid_ending_conference":null}
        """;

    public const string Call = """
        {"sid":"CA0123456789abcdef0123456789abcdef","parent_call_sid":null,"status":"queued","direction":"outbound-api",
         "to":"+14155550100","from":"+18005550100","duration":"15"}
        """;

    public const string Recording = """
        {"sid":"RE0123456789abcdef0123456789abcdef","call_sid":"CA0123456789abcdef0123456789abcdef","conference_sid":null,
         "status":"in-progress","track":"both","channels":2}
        """;

    public static string Error(int code, int status, string message) =>
        $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""";
}
