using System.Net;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Infrastructure;
using static ContactCenter.Tests.Twilio.Rest.RestHarness;

namespace ContactCenter.Tests.Twilio.Rest;

/// <summary>Exactly what goes over the wire for each operation: method, path, Basic auth and the decoded form body.</summary>
public sealed class TwilioRestRequestTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static KeyValuePair<string, string> F(string key, string value) => KeyValuePair.Create(key, value);

    private static void AssertRequest(RecordedRequest request, string method, string pathAndQuery, params KeyValuePair<string, string>[] form)
    {
        Assert.Equal(method, request.Method.Method);
        Assert.Equal("https://api.twilio.com" + pathAndQuery, request.Uri.AbsoluteUri);
        Assert.Equal(AccountAuth, request.Authorization);
        Assert.Equal(form, Form(request.Body));
    }

    [Fact]
    public async Task Create_participant_sends_every_field_with_lowercase_booleans_and_repeated_events()
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.Created, TwilioJson.Participant);

        var participant = await rest.Client.CreateParticipantAsync(ConferenceSid, new CreateParticipantRequest
        {
            From = "+18005550100",
            To = "sip:agent@desk.example.com",
            Label = "agent 1",
            Coaching = true,
            CallSidToCoach = OtherCallSid,
            Beep = false,
            EarlyMedia = true,
            Muted = false,
            StartConferenceOnEnter = true,
            EndConferenceOnExit = false,
            Timeout = 20,
            TimeLimit = 3600,
            StatusCallback = "https://cc.example.com/participant-events?room=a&b=c d",
            StatusCallbackMethod = "POST",
            StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
            Record = true,
            CallerId = "+18005550199",
            WaitUrl = "https://cc.example.com/wait",
        }, None);

        AssertRequest(rest.Single(), "POST", $"{AccountPath}/Conferences/{ConferenceSid}/Participants.json",
            F("From", "+18005550100"), F("To", "sip:agent@desk.example.com"), F("Label", "agent 1"), F("Coaching", "true"),
            F("CallSidToCoach", OtherCallSid), F("Beep", "false"), F("EarlyMedia", "true"), F("Muted", "false"),
            F("StartConferenceOnEnter", "true"), F("EndConferenceOnExit", "false"), F("Timeout", "20"), F("TimeLimit", "3600"),
            F("StatusCallback", "https://cc.example.com/participant-events?room=a&b=c d"), F("StatusCallbackMethod", "POST"),
            F("StatusCallbackEvent", "initiated"), F("StatusCallbackEvent", "ringing"), F("StatusCallbackEvent", "answered"),
            F("StatusCallbackEvent", "completed"), F("Record", "true"), F("CallerId", "+18005550199"), F("WaitUrl", "https://cc.example.com/wait"));
        Assert.Contains("StatusCallback=https%3A%2F%2Fcc.example.com%2Fparticipant-events%3Froom%3Da%26b%3Dc+d", rest.Single().Body);
        Assert.Equal(new TwilioParticipant(CallSid, ConferenceSid, "agent", "connected", false, true, true, OtherCallSid, true, false), participant);
    }

    [Fact]
    public async Task Create_participant_omits_fields_left_null()
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.Created, TwilioJson.Participant);

        await rest.Client.CreateParticipantAsync(ConferenceSid, new CreateParticipantRequest { From = "+18005550100", To = "client:alice" }, None);

        AssertRequest(rest.Single(), "POST", $"{AccountPath}/Conferences/{ConferenceSid}/Participants.json",
            F("From", "+18005550100"), F("To", "client:alice"));
    }

    [Fact]
    public async Task Fetch_update_and_delete_address_a_participant_by_call_sid_or_escaped_label()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.OK, TwilioJson.Participant)
            .Answer(HttpStatusCode.OK, TwilioJson.Participant)
            .Answer(HttpStatusCode.NoContent, "");

        await rest.Client.FetchParticipantAsync(ConferenceSid, CallSid, None);
        await rest.Client.UpdateParticipantAsync(ConferenceSid, "agent/1 ü", new UpdateParticipantRequest
        {
            Hold = true,
            HoldUrl = "https://cc.example.com/hold?x=1",
            HoldMethod = "GET",
            Muted = false,
            Coaching = false,
            CallSidToCoach = OtherCallSid,
            AnnounceUrl = "https://cc.example.com/announce",
            EndConferenceOnExit = true,
            BeepOnExit = false,
        }, None);
        await rest.Client.DeleteParticipantAsync(ConferenceSid, "customer", None);

        var requests = rest.Outgoing.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        AssertRequest(requests[0], "GET", $"{AccountPath}/Conferences/{ConferenceSid}/Participants/{CallSid}.json");
        AssertRequest(requests[1], "POST", $"{AccountPath}/Conferences/{ConferenceSid}/Participants/agent%2F1%20%C3%BC.json",
            F("Hold", "true"), F("HoldUrl", "https://cc.example.com/hold?x=1"), F("HoldMethod", "GET"), F("Muted", "false"),
            F("Coaching", "false"), F("CallSidToCoach", OtherCallSid), F("AnnounceUrl", "https://cc.example.com/announce"),
            F("EndConferenceOnExit", "true"), F("BeepOnExit", "false"));
        AssertRequest(requests[2], "DELETE", $"{AccountPath}/Conferences/{ConferenceSid}/Participants/customer.json");
    }

    [Fact]
    public async Task List_participants_follows_next_page_within_the_api()
    {
        var next = $"{AccountPath}/Conferences/{ConferenceSid}/Participants.json?PageSize=100&Page=1&PageToken=PA1";
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.OK, $$"""{"participants":[{{TwilioJson.Participant}}],"next_page_uri":"{{next}}"}""")
            .Answer(HttpStatusCode.OK, $$"""{"participants":[{{TwilioJson.Participant.Replace("\"agent\"", "\"customer\"")}}],"next_page_uri":null}""");

        var participants = await rest.Client.ListParticipantsAsync(ConferenceSid, None);

        Assert.Equal(["agent", "customer"], participants.Select(p => p.Label));
        var requests = rest.Outgoing.Requests.ToArray();
        AssertRequest(requests[0], "GET", $"{AccountPath}/Conferences/{ConferenceSid}/Participants.json?PageSize=100");
        AssertRequest(requests[1], "GET", next);
    }

    [Fact]
    public async Task A_next_page_link_outside_the_api_is_not_followed()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.OK, $$"""{"conferences":[{{TwilioJson.Conference}}],"next_page_uri":"https://elsewhere.example/steal"}""");

        var conferences = await rest.Client.ListConferencesAsync(null, null, None);

        Assert.Single(conferences);
        Assert.Single(rest.Outgoing.Requests);
    }

    [Fact]
    public async Task Conferences_are_listed_by_escaped_friendly_name_and_status_fetched_and_updated()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.OK, $$"""{"conferences":[{{TwilioJson.Conference}}],"next_page_uri":null}""")
            .Answer(HttpStatusCode.OK, TwilioJson.Conference)
            .Answer(HttpStatusCode.OK, TwilioJson.Conference);

        var listed = await rest.Client.ListConferencesAsync("room a&b", ConferenceStatus.InProgress, None);
        var fetched = await rest.Client.FetchConferenceAsync(ConferenceSid, None);
        await rest.Client.UpdateConferenceAsync(ConferenceSid, new UpdateConferenceRequest { Complete = true, AnnounceUrl = "https://cc.example.com/bye" }, None);

        var expected = new TwilioConference(ConferenceSid, "room-" + CallSid, "in-progress", null, null);
        Assert.Equal([expected], listed);
        Assert.Equal(expected, fetched);
        var requests = rest.Outgoing.Requests.ToArray();
        AssertRequest(requests[0], "GET", $"{AccountPath}/Conferences.json?PageSize=100&FriendlyName=room%20a%26b&Status=in-progress");
        AssertRequest(requests[1], "GET", $"{AccountPath}/Conferences/{ConferenceSid}.json");
        AssertRequest(requests[2], "POST", $"{AccountPath}/Conferences/{ConferenceSid}.json",
            F("Status", "completed"), F("AnnounceUrl", "https://cc.example.com/bye"));
    }

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
}
