using System.Net;
using ContactCenter.Api.Twilio.Rest;
using static ContactCenter.Tests.Twilio.Rest.RestHarness;

namespace ContactCenter.Tests.Twilio.Rest;

/// <summary>
/// Exactly what the Twilio library sends for conference and participant operations, captured at the primary
/// HttpMessageHandler: method, path and query, Basic auth, the decoded form body.
/// </summary>
public sealed class TwilioRestRequestTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_participant_sends_every_field_with_lowercase_booleans_and_repeated_events()
    {
        await using var rest = new RestHarness().Answer(HttpStatusCode.Created, TwilioJson.Participant);

        var participant = await rest.Client.CreateParticipantAsync(ConferenceSid, RestHarness.EveryParticipantField("agent 1", "https://cc.example.com/participant-events?room=a&b=c d"), None);

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
        var first = $"{AccountPath}/Conferences/{ConferenceSid}/Participants.json?PageSize=100";
        var next = $"{AccountPath}/Conferences/{ConferenceSid}/Participants.json?PageSize=100&Page=1&PageToken=PA1";
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.OK, TwilioJson.Page("participants", first, next, TwilioJson.Participant))
            .Answer(HttpStatusCode.OK, TwilioJson.Page("participants", next, null, TwilioJson.Participant.Replace("\"agent\"", "\"customer\"")));

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
            .Answer(HttpStatusCode.OK, TwilioJson.Page("conferences", $"{AccountPath}/Conferences.json", "https://elsewhere.example/steal", TwilioJson.Conference));

        var conferences = await rest.Client.ListConferencesAsync(null, null, None);

        Assert.Single(conferences);
        Assert.Single(rest.Outgoing.Requests);
    }

    [Fact]
    public async Task Conferences_are_listed_by_escaped_friendly_name_and_status_fetched_and_updated()
    {
        await using var rest = new RestHarness()
            .Answer(HttpStatusCode.OK, TwilioJson.Page("conferences", $"{AccountPath}/Conferences.json", null, TwilioJson.Conference))
            .Answer(HttpStatusCode.OK, TwilioJson.Conference)
            .Answer(HttpStatusCode.OK, TwilioJson.Conference);

        var listed = await rest.Client.ListConferencesAsync("room a&b", TwilioConferenceStatus.InProgress, None);
        var fetched = await rest.Client.FetchConferenceAsync(ConferenceSid, None);
        await rest.Client.UpdateConferenceAsync(ConferenceSid, new UpdateConferenceRequest { Complete = true, AnnounceUrl = "https://cc.example.com/bye" }, None);

        var expected = new TwilioConference(ConferenceSid, "room-" + CallSid, "in-progress", null, null);
        Assert.Equal([expected], listed);
        Assert.Equal(expected, fetched);
        var requests = rest.Outgoing.Requests.ToArray();
        // The library encodes the query as a form (space as '+'), which Twilio, Prism and the simulator all read back.
        AssertRequest(requests[0], "GET", $"{AccountPath}/Conferences.json?FriendlyName=room+a%26b&Status=in-progress&PageSize=100");
        AssertRequest(requests[1], "GET", $"{AccountPath}/Conferences/{ConferenceSid}.json");
        AssertRequest(requests[2], "POST", $"{AccountPath}/Conferences/{ConferenceSid}.json",
            F("Status", "completed"), F("AnnounceUrl", "https://cc.example.com/bye"));
    }
}
