using System.Net;
using ContactCenter.Api.Twilio.Rest;
using static ContactCenter.Tests.Twilio.Rest.RestHarness;

namespace ContactCenter.Tests.Twilio.Rest;

public sealed class TwilioErrorMappingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_missing_participant_is_not_found()
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.NotFound,
            TwilioJson.Error(20404, 404, "The requested resource /2010-04-01/Accounts/AC.../Participants/customer.json was not found"));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => rest.Client.FetchParticipantAsync(ConferenceSid, "customer", None));

        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatus);
        Assert.Equal(20404, error.TwilioCode);
        Assert.Equal("https://www.twilio.com/docs/errors/20404", error.MoreInfo);
        Assert.True(error.IsNotFound);
        Assert.False(error.IsNotConnected);
        Assert.False(error.IsRateLimited);
        Assert.Contains("20404", error.Message);
    }

    [Fact]
    public async Task A_call_no_longer_in_progress_is_not_connected()
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.BadRequest, TwilioJson.Error(21220, 400, "Call is not in-progress. Cannot redirect."));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            rest.Client.UpdateCallAsync(CallSid, new() { Twiml = "<Response/>" }, None));

        Assert.Equal((HttpStatusCode.BadRequest, 21220), (error.HttpStatus, error.TwilioCode));
        Assert.True(error.IsNotConnected);
        Assert.False(error.IsNotFound);
        Assert.Single(rest.Outgoing.Requests);
    }

    [Fact]
    public async Task Rate_limiting_is_recognised_once_retries_are_exhausted()
    {
        await using var rest = new RestHarness(("Twilio:Rest:MaxRetryAttempts", "0"))
            .Answer(HttpStatusCode.TooManyRequests, TwilioJson.Error(20429, 429, "Too Many Requests"));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => rest.Client.FetchConferenceAsync(ConferenceSid, None));

        Assert.True(error.IsRateLimited);
        Assert.Equal(20429, error.TwilioCode);
    }

    [Fact]
    public async Task Phone_numbers_echoed_by_Twilio_are_masked_in_the_exception_and_the_log()
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.BadRequest,
            TwilioJson.Error(21211, 400, "The 'To' number +14155550123 is not a valid phone number."));

        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            rest.Client.CreateParticipantAsync(ConferenceSid, new() { From = "+18005550100", To = "+14155550123" }, None));

        Assert.Equal(21211, error.TwilioCode);
        Assert.DoesNotContain("4155550123", error.Message);
        Assert.Contains("+*******0123", error.Message);
        Assert.Contains(rest.Logs.Rendered, line => line.Contains("21211"));
        Assert.Contains(rest.Logs.Rendered, line => line.Contains("Dialing") && line.Contains("+*******0123"));
        Assert.DoesNotContain(rest.Logs.Rendered, line => line.Contains("4155550123"));
    }

    [Fact]
    public async Task A_body_that_is_not_a_Twilio_error_is_never_quoted_only_its_status_is_kept()
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            rest.Client.StartCallRecordingAsync(CallSid, new(), None));

        Assert.Equal(HttpStatusCode.BadGateway, error.HttpStatus);
        Assert.Null(error.TwilioCode);
        Assert.DoesNotContain("bad gateway", error.ToString());
        Assert.DoesNotContain("html", error.TwilioMessage);
        Assert.Equal("HTTP 502 without Twilio's error document", error.TwilioMessage);
        Assert.DoesNotContain(ContactCenter.Tests.Infrastructure.ContactCenterFactory.AuthToken, error.ToString());
        Assert.DoesNotContain(AccountAuth["Basic ".Length..], error.ToString());
    }

    [Fact]
    public void Sids_inside_a_message_are_not_mistaken_for_phone_numbers() =>
        Assert.Equal($"Participant {CallSid} not found", TwilioApiException.Scrub($"Participant {CallSid} not found"));
}
