using System.Net;
using ContactCenter.Api.Twilio.Rest;
using Microsoft.Extensions.DependencyInjection;
using static ContactCenter.Tests.Twilio.Rest.RestHarness;

namespace ContactCenter.Tests.Twilio.Rest;

/// <summary>
/// The Twilio library takes no CancellationToken; the caller's token must still reach the HTTP request, so an
/// admin request that is abandoned, or a worker that stops, does not leave a Twilio call hanging.
/// </summary>
public sealed class TwilioCancellationTests
{
    /// <summary>Only a guard against a hang turning into a stuck test run; the outcome never depends on it.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Cancelling_the_callers_token_cancels_the_request_Twilio_has_not_answered()
    {
        var probe = new NeverAnswers.Probe();
        await using var rest = new RestHarness(
            services => services.AddHttpClient(TwilioRestGateway.HttpClientName).AddHttpMessageHandler(() => new NeverAnswers(probe)));
        using var caller = new CancellationTokenSource();

        var call = rest.Client.CreateParticipantAsync(ConferenceSid, new() { From = "+18005550100", To = "client:alice" }, caller.Token);
        await probe.Reached.Task.WaitAsync(HangGuard);
        await caller.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(HangGuard));
        Assert.Equal(caller.Token, error.CancellationToken);
        Assert.True(probe.Cancelled);
        Assert.Equal(1, probe.Requests);
    }

    [Fact]
    public async Task Cancelling_the_callers_token_cancels_reading_an_answer_that_stalls()
    {
        var stall = new StallingContent();
        await using var rest = new RestHarness();
        rest.Outgoing.Respond((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = stall });
        using var caller = new CancellationTokenSource();

        var call = rest.Client.FetchConferenceAsync(ConferenceSid, caller.Token);
        await stall.Reading.Task.WaitAsync(HangGuard);
        await caller.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(HangGuard));
        Assert.Equal(caller.Token, error.CancellationToken);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        await using var rest = new RestHarness();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rest.Client.FetchCallAsync(CallSid, new CancellationToken(canceled: true)));

        Assert.Empty(rest.Outgoing.Requests);
    }

    /// <summary>Headers arrive, the body never does until the reader gives up.</summary>
    private sealed class StallingContent : HttpContent
    {
        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            Reading.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
