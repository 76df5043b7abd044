using System.Net;
using System.Text.Json;
using ContactCenter.Api.Twilio.Rest;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Polly.Timeout;
using static ContactCenter.Tests.Twilio.Rest.RestHarness;

namespace ContactCenter.Tests.Twilio.Rest;

/// <summary>
/// The Twilio library wraps every transport failure in ApiConnectionException and an unreadable body in ApiException;
/// callers of the seam branch on the underlying types, so these must surface unwrapped, exactly as they did before.
/// </summary>
public sealed class TwilioFailureTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly (string, string?) NoRetries = ("Twilio:Rest:MaxRetryAttempts", "0");

    [Fact]
    public async Task A_connection_failure_surfaces_as_the_HttpRequestException_itself()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.twilio.com:443)");
        await using var rest = new RestHarness(NoRetries).Fail(refused);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => rest.Client.FetchCallAsync(CallSid, None));

        Assert.Same(refused, error);
    }

    [Fact]
    public async Task An_attempt_that_never_answers_surfaces_as_Pollys_TimeoutRejectedException()
    {
        await using var rest = new RestHarness(
            services => services.AddHttpClient(TwilioRestGateway.HttpClientName).AddHttpMessageHandler(() => new NeverAnswers(new())),
            NoRetries, ("Twilio:Rest:AttemptTimeout", "00:00:00.01"));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => rest.Client.FetchConferenceAsync(ConferenceSid, None));
    }

    [Fact]
    public async Task An_open_circuit_surfaces_as_BrokenCircuitException_without_a_request()
    {
        await using var rest = new RestHarness(NoRetries);
        for (var i = 0; i < 20; i++)
        {
            rest.Answer(HttpStatusCode.ServiceUnavailable, TwilioJson.Error(20503, 503, "Service Unavailable"));
            await Assert.ThrowsAsync<TwilioApiException>(() => rest.Client.FetchCallAsync(CallSid, None));
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => rest.Client.FetchCallAsync(CallSid, None));

        Assert.Equal(20, rest.Outgoing.Requests.Count);
    }

    [Theory]
    [InlineData("<html>maintenance</html>")]
    [InlineData("[1,2]")]
    public async Task A_success_with_a_body_that_is_not_the_resource_is_a_JsonException(string body)
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<JsonException>(() => rest.Client.FetchCallAsync(CallSid, None));

        Assert.IsAssignableFrom<Newtonsoft.Json.JsonException>(error.InnerException);
        Assert.Single(rest.Outgoing.Requests);
    }

    [Theory]
    [InlineData("", "an empty body")]
    [InlineData("{}", "without 'call_sid'")]
    public async Task A_created_participant_without_its_call_sid_is_a_JsonException_not_a_null(string body, string expected)
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.Created, body);

        var error = await Assert.ThrowsAsync<JsonException>(() =>
            rest.Client.CreateParticipantAsync(ConferenceSid, new() { From = "+18005550100", To = "client:alice" }, None));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("""{"conferences":null}""")]
    [InlineData("""{"uri":"/x"}""")]
    [InlineData("not json")]
    public async Task A_list_answer_without_the_list_is_a_JsonException(string body)
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.OK, body);

        await Assert.ThrowsAsync<JsonException>(() => rest.Client.ListConferencesAsync(null, null, None));
    }

    [Fact]
    public async Task A_redirect_is_a_refusal_and_is_not_followed()
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.Found, "", r => r.Headers.Location = new Uri("https://elsewhere.example/"));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => rest.Client.FetchCallAsync(CallSid, None));

        Assert.Equal(HttpStatusCode.Found, error.HttpStatus);
        Assert.Single(rest.Outgoing.Requests);
    }

    [Fact]
    public void The_primary_handler_never_follows_redirects_with_the_credentials()
    {
        using var factory = new Infrastructure.ContactCenterFactory { RealOutgoingHttp = true };
        HttpMessageHandler handler = factory.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(TwilioRestGateway.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        Assert.False(Assert.IsType<SocketsHttpHandler>(handler).AllowAutoRedirect);
    }
}

/// <summary>A Twilio that accepts the request and never answers; <see cref="Probe"/> tells when it was reached and let go.</summary>
public sealed class NeverAnswers(NeverAnswers.Probe probe) : DelegatingHandler
{
    public sealed class Probe
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Cancelled { get; set; }

        private int _requests;

        public int Requests => _requests;

        public void Count() => Interlocked.Increment(ref _requests);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        probe.Count();
        probe.Reached.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            probe.Cancelled = true;
            throw;
        }

        throw new InvalidOperationException("unreachable");
    }
}
