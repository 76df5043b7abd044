using System.Net;
using System.Net.Http.Headers;
using ContactCenter.Api.Twilio.Rest;
using Polly;
using Polly.Timeout;
using Microsoft.Extensions.DependencyInjection;
using static ContactCenter.Tests.Twilio.Rest.RestHarness;

namespace ContactCenter.Tests.Twilio.Rest;

/// <summary>
/// Retry rules through the real registration (IHttpClientFactory + resilience handler, stub as primary handler):
/// reads and updates are retried; a request that dials someone is sent again only when Twilio cannot have acted on it.
/// </summary>
public sealed class TwilioRetryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly CreateParticipantRequest DialAgent = new() { From = "+18005550100", To = "+14155550123", Label = "agent" };

    private static string Unavailable => TwilioJson.Error(20503, 503, "Service Unavailable");

    [Fact]
    public async Task A_503_on_an_update_is_retried_with_the_same_request()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.ServiceUnavailable, Unavailable)
            .Answer(HttpStatusCode.OK, TwilioJson.Participant);

        var participant = await rest.Client.UpdateParticipantAsync(ConferenceSid, CallSid, new() { Hold = true }, None);

        Assert.True(participant.Hold);
        var requests = rest.Outgoing.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal(("POST", "Hold=true"), (r.Method.Method, r.Body)));
    }

    [Fact]
    public async Task A_503_on_a_participant_create_is_not_retried_because_the_desk_phone_may_already_ring()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.ServiceUnavailable, Unavailable)
            .Answer(HttpStatusCode.Created, TwilioJson.Participant);

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => rest.Client.CreateParticipantAsync(ConferenceSid, DialAgent, None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.HttpStatus);
        Assert.Single(rest.Outgoing.Requests);
    }

    [Fact]
    public async Task A_500_on_a_call_create_is_not_retried()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.InternalServerError, TwilioJson.Error(20500, 500, "Internal Server Error"))
            .Answer(HttpStatusCode.Created, TwilioJson.Call);

        await Assert.ThrowsAsync<TwilioApiException>(() =>
            rest.Client.CreateCallAsync(new() { From = "+18005550100", To = "+14155550123", Url = "https://cc.example.com/twiml" }, None));

        Assert.Single(rest.Outgoing.Requests);
    }

    [Fact]
    public async Task A_dropped_connection_after_sending_a_participant_create_is_not_retried()
    {
        await using var rest = new RestHarness()
            .Fail(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."))
            .Answer(HttpStatusCode.Created, TwilioJson.Participant);

        await Assert.ThrowsAsync<HttpRequestException>(() => rest.Client.CreateParticipantAsync(ConferenceSid, DialAgent, None));

        Assert.Single(rest.Outgoing.Requests);
    }

    [Fact]
    public async Task A_429_on_a_participant_create_is_retried_because_Twilio_rejected_it()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.TooManyRequests, TwilioJson.Error(20429, 429, "Too Many Requests"))
            .Answer(HttpStatusCode.Created, TwilioJson.Participant);

        var participant = await rest.Client.CreateParticipantAsync(ConferenceSid, DialAgent, None);

        Assert.Equal(CallSid, participant.CallSid);
        Assert.Equal(2, rest.Outgoing.Requests.Count);
    }

    [Fact]
    public async Task A_refused_connection_on_a_call_create_is_retried_because_nothing_was_sent()
    {
        await using var rest = new RestHarness()
            .Fail(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.twilio.com:443)"))
            .Answer(HttpStatusCode.Created, TwilioJson.Call);

        var call = await rest.Client.CreateCallAsync(new() { From = "+18005550100", To = "+14155550123", Twiml = "<Response/>" }, None);

        Assert.Equal(CallSid, call.Sid);
        Assert.Equal(2, rest.Outgoing.Requests.Count);
    }

    [Fact]
    public async Task A_503_on_starting_a_recording_is_not_retried_so_a_leg_is_never_recorded_twice()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.ServiceUnavailable, Unavailable)
            .Answer(HttpStatusCode.Created, TwilioJson.Recording);

        await Assert.ThrowsAsync<TwilioApiException>(() => rest.Client.StartCallRecordingAsync(CallSid, new(), None));

        Assert.Single(rest.Outgoing.Requests);
    }

    [Fact]
    public async Task A_429_with_retry_after_on_a_fetch_is_retried()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.TooManyRequests, TwilioJson.Error(20429, 429, "Too Many Requests"),
                r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)))
            .Answer(HttpStatusCode.OK, TwilioJson.Conference);

        var conference = await rest.Client.FetchConferenceAsync(ConferenceSid, None);

        Assert.Equal(ConferenceSid, conference.Sid);
        Assert.Equal(2, rest.Outgoing.Requests.Count);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number_and_the_last_error_surfaces()
    {
        await using var rest = new RestHarness(("Twilio:Rest:MaxRetryAttempts", "2"));
        for (var i = 0; i < 4; i++)
        {
            rest.Answer(HttpStatusCode.ServiceUnavailable, Unavailable);
        }

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => rest.Client.DeleteParticipantAsync(ConferenceSid, "customer", None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.HttpStatus);
        Assert.Equal(3, rest.Outgoing.Requests.Count);
    }

    [Fact]
    public async Task A_client_error_is_never_retried()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.NotFound, TwilioJson.Error(20404, 404, "Not found"))
            .Answer(HttpStatusCode.OK, TwilioJson.Call);

        await Assert.ThrowsAsync<TwilioApiException>(() => rest.Client.FetchCallAsync(CallSid, None));

        Assert.Single(rest.Outgoing.Requests);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task A_timeout_is_retried_only_for_repeatable_requests(bool notRepeatable, bool retried)
    {
        var outcome = Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException());
        var request = new HttpRequestMessage(HttpMethod.Post, "https://api.twilio.com/x.json");
        request.Options.Set(TwilioRetryRules.NotRepeatable, notRepeatable);
        var context = ResilienceContextPool.Shared.Get();
        context.SetRequestMessage(request);

        var decision = await TwilioRetryRules.ShouldRetry(new Polly.Retry.RetryPredicateArguments<HttpResponseMessage>(context, outcome, 0));

        Assert.Equal(retried, decision);
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, 1)]
    public async Task An_attempt_timeout_is_retried_for_a_read_but_not_for_a_dial(bool dial, int attempts)
    {
        var probe = new NeverAnswers.Probe();
        await using var rest = new RestHarness(
            services => services.AddHttpClient(TwilioRestGateway.HttpClientName).AddHttpMessageHandler(() => new NeverAnswers(probe)),
            ("Twilio:Rest:MaxRetryAttempts", "2"), ("Twilio:Rest:AttemptTimeout", "00:00:00.01"));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => dial
            ? rest.Client.CreateParticipantAsync(ConferenceSid, DialAgent, None)
            : rest.Client.FetchParticipantAsync(ConferenceSid, "agent", None));

        Assert.Equal(attempts, probe.Requests);
    }

    [Theory]
    [InlineData("POST", "/2010-04-01/Accounts/AC1/Calls.json", true)]
    [InlineData("POST", "/2010-04-01/Accounts/AC1/Conferences/CF1/Participants.json", true)]
    [InlineData("POST", "/2010-04-01/Accounts/AC1/Calls/CA1/Recordings.json", true)]
    [InlineData("POST", "/sim/twilio/2010-04-01/Accounts/AC1/Calls.json", true)]
    [InlineData("POST", "/2010-04-01/Accounts/AC1/Calls/CA1.json", false)]
    [InlineData("POST", "/2010-04-01/Accounts/AC1/Conferences/CF1.json", false)]
    [InlineData("POST", "/2010-04-01/Accounts/AC1/Conferences/CF1/Participants/agent.json", false)]
    [InlineData("POST", "/2010-04-01/Accounts/AC1/Conferences/CF1/Participants/a%2Fb.json", false)]
    [InlineData("GET", "/2010-04-01/Accounts/AC1/Calls.json", false)]
    [InlineData("DELETE", "/2010-04-01/Accounts/AC1/Conferences/CF1/Participants/CA1.json", false)]
    [InlineData("POST", "/v1/Somewhere/Else", true)]
    public void A_POST_to_a_collection_is_a_create_and_is_marked_not_repeatable(string method, string path, bool create)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.twilio.com" + path);

        Assert.Equal(create, TwilioRetryRules.IsCreate(request));
    }

    [Fact]
    public void Retry_after_is_honoured_in_seconds_or_as_a_date_and_capped()
    {
        var now = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var max = TimeSpan.FromSeconds(30);
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(7)) } };
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new(now.AddSeconds(12)) } };
        using var far = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromHours(1)) } };
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(7), TwilioRetryRules.RetryAfter(seconds, max, now));
        Assert.Equal(TimeSpan.FromSeconds(12), TwilioRetryRules.RetryAfter(date, max, now));
        Assert.Equal(max, TwilioRetryRules.RetryAfter(far, max, now));
        Assert.Null(TwilioRetryRules.RetryAfter(none, max, now));
    }
}
