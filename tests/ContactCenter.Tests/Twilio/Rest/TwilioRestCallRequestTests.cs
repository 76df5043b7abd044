using System.Net;
using ContactCenter.Api.Twilio.Rest;
using static ContactCenter.Tests.Twilio.Rest.RestHarness;

namespace ContactCenter.Tests.Twilio.Rest;

/// <summary>Exactly what goes over the wire for call and recording operations, and how credentials and base URL are used.</summary>
public sealed class TwilioRestCallRequestTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Calls_are_created_fetched_and_updated()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.Created, TwilioJson.Call)
            .Answer(HttpStatusCode.OK, TwilioJson.Call)
            .Answer(HttpStatusCode.OK, TwilioJson.Call)
            .Answer(HttpStatusCode.OK, TwilioJson.Call);

        var created = await rest.Client.CreateCallAsync(new CreateCallRequest
        {
            To = "+14155550100",
            From = "+18005550100",
            Twiml = "<Response><Say>Hi & bye</Say></Response>",
            StatusCallback = "https://cc.example.com/call-events",
            StatusCallbackEvent = ["answered", "completed"],
            Timeout = 30,
        }, None);
        await rest.Client.FetchCallAsync(CallSid, None);
        await rest.Client.UpdateCallAsync(CallSid, new UpdateCallRequest { Complete = true }, None);
        await rest.Client.UpdateCallAsync(CallSid, new UpdateCallRequest { Url = "https://cc.example.com/next" }, None);

        Assert.Equal(new TwilioCall(CallSid, null, "queued", "outbound-api"), created);
        var requests = rest.Outgoing.Requests.ToArray();
        AssertRequest(requests[0], "POST", $"{AccountPath}/Calls.json",
            F("To", "+14155550100"), F("From", "+18005550100"), F("Twiml", "<Response><Say>Hi & bye</Say></Response>"),
            F("StatusCallback", "https://cc.example.com/call-events"), F("StatusCallbackEvent", "answered"),
            F("StatusCallbackEvent", "completed"), F("Timeout", "30"));
        AssertRequest(requests[1], "GET", $"{AccountPath}/Calls/{CallSid}.json");
        AssertRequest(requests[2], "POST", $"{AccountPath}/Calls/{CallSid}.json", F("Status", "completed"));
        AssertRequest(requests[3], "POST", $"{AccountPath}/Calls/{CallSid}.json", F("Url", "https://cc.example.com/next"));
    }

    [Fact]
    public async Task A_recording_is_started_on_one_call_leg()
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.Created, TwilioJson.Recording);

        var recording = await rest.Client.StartCallRecordingAsync(CallSid, new StartCallRecordingRequest
        {
            RecordingStatusCallback = "https://cc.example.com/recording-status",
            RecordingStatusCallbackEvent = ["in-progress", "completed", "absent"],
            RecordingTrack = "both",
        }, None);

        Assert.Equal(new TwilioRecording("RE0123456789abcdef0123456789abcdef", CallSid, null, "in-progress", "both"), recording);
        AssertRequest(rest.Single(), "POST", $"{AccountPath}/Calls/{CallSid}/Recordings.json",
            F("RecordingStatusCallback", "https://cc.example.com/recording-status"), F("RecordingStatusCallbackEvent", "in-progress"),
            F("RecordingStatusCallbackEvent", "completed"), F("RecordingStatusCallbackEvent", "absent"), F("RecordingTrack", "both"));
    }

    [Fact]
    public async Task An_api_key_authenticates_instead_of_the_account_which_stays_in_the_path_and_the_base_url_is_configurable()
    {
        const string keySid = "SK0123456789abcdef0123456789abcdef";
        await using var rest = new RestHarness(
                ("Twilio:ApiKeySid", keySid), ("Twilio:ApiKeySecret", "key-secret"), ("Twilio:ApiBaseUrl", "http://simulator.local:8080/twilio/"))
            .Answer(HttpStatusCode.OK, TwilioJson.Call);

        await rest.Client.FetchCallAsync(CallSid, None);

        var request = rest.Single();
        Assert.Equal($"http://simulator.local:8080/twilio{AccountPath}/Calls/{CallSid}.json", request.Uri.AbsoluteUri);
        Assert.Equal("Basic " + Convert.ToBase64String("SK0123456789abcdef0123456789abcdef:key-secret"u8), request.Authorization);
    }

    [Fact]
    public async Task An_edge_location_receives_every_request_including_the_next_page()
    {
        const string edge = "https://api.dublin.ie1.twilio.com";
        var first = $"{AccountPath}/Conferences/{ConferenceSid}/Participants.json?PageSize=100";
        var next = first + "&Page=1&PageToken=PA1";
        await using var rest = new RestHarness(("Twilio:ApiBaseUrl", edge + "/"))
            .Answer(HttpStatusCode.OK, TwilioJson.Page("participants", first, next, TwilioJson.Participant))
            .Answer(HttpStatusCode.OK, TwilioJson.Page("participants", next, null, TwilioJson.Participant));

        var participants = await rest.Client.ListParticipantsAsync(ConferenceSid, None);

        Assert.Equal(2, participants.Count);
        Assert.Equal([edge + first, edge + next], rest.Outgoing.Requests.Select(r => r.Uri.AbsoluteUri));
        Assert.All(rest.Outgoing.Requests, r => Assert.Equal(AccountAuth, r.Authorization));
    }

    [Theory]
    [InlineData("https://elsewhere.example/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json")]
    [InlineData("http://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls.json")]
    [InlineData("https://api.twilio.com.elsewhere.example/2010-04-01/Calls.json")]
    [InlineData("https://api.twilio.com:8443/2010-04-01/Calls.json")]
    public void A_request_outside_the_Twilio_API_is_refused_rather_than_sent_with_the_credentials(string url) =>
        Assert.Throws<InvalidOperationException>(() => TwilioRequestHandler.Rebase(new Uri(url), "https://api.twilio.com"));

    [Fact]
    public void Rebasing_keeps_the_path_and_query_as_escaped()
    {
        var rebased = TwilioRequestHandler.Rebase(
            new Uri("https://api.twilio.com/2010-04-01/Accounts/AC1/Conferences/CF1/Participants/a%2Fb%20c.json?FriendlyName=room+a%26b"),
            "http://127.0.0.1:5000/sim/twilio/");

        Assert.Equal("http://127.0.0.1:5000/sim/twilio/2010-04-01/Accounts/AC1/Conferences/CF1/Participants/a%2Fb%20c.json?FriendlyName=room+a%26b", rebased.AbsoluteUri);
    }
}
