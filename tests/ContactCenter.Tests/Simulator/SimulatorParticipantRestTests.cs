using System.Net;
using System.Text.Json.Nodes;
using static ContactCenter.Tests.Simulator.SimulatorHttp;

namespace ContactCenter.Tests.Simulator;

public sealed class SimulatorParticipantRestTests
{
    [Fact]
    public async Task Agents_dialed_over_rest_join_by_room_name_and_hold_coach_kick_and_end_behave_like_twilio()
    {
        await using var sim = Create();
        var rest = sim.RestClient();
        var room = (string)(await sim.PlaceCallAsync())["friendlyName"]!;
        var participants = $"{Account}/Conferences/{room}/Participants";

        var created = await rest.PostAsync(participants + ".json", Form(
            ("From", "+18005550100"), ("To", "client:alice"), ("Label", "agent"), ("EarlyMedia", "true"), ("Beep", "false"),
            ("StatusCallback", "http://localhost/call-status"), ("StatusCallbackMethod", "POST"),
            ("StatusCallbackEvent", "initiated"), ("StatusCallbackEvent", "ringing"), ("StatusCallbackEvent", "answered"), ("StatusCallbackEvent", "completed")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agent = await created.JsonAsync();
        Assert.Equal(
            ("agent", "queued", false, false, false, true, false),
            ((string?)agent["label"], (string?)agent["status"], (bool)agent["muted"]!, (bool)agent["hold"]!, (bool)agent["coaching"]!,
             (bool)agent["start_conference_on_enter"]!, (bool)agent["end_conference_on_exit"]!));
        Assert.Null(agent["call_sid_to_coach"]);
        var agentSid = (string)agent["call_sid"]!;

        var holdWhileRinging = await rest.PostAsync($"{participants}/agent.json", Form(("Hold", "true")));
        Assert.Equal(HttpStatusCode.BadRequest, holdWhileRinging.StatusCode);
        Assert.Equal(21220, (int)(await holdWhileRinging.JsonAsync())["code"]!);
        var duplicate = await rest.PostAsync(participants + ".json", Form(("From", "+18005550100"), ("To", "client:bob"), ("Label", "agent")));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await sim.CreateClient().PostAsync($"/sim/phones/{agentSid}/answer", null)).StatusCode);
        var list = await (await rest.GetAsync(participants + ".json")).JsonAsync();
        Assert.Equal(["connected", "connected"], list["participants"]!.AsArray().Select(p => (string?)p!["status"]));

        var held = await (await rest.PostAsync($"{participants}/customer.json", Form(("Hold", "true"), ("HoldUrl", "https://music.example/hold.mp3")))).JsonAsync();
        Assert.True((bool)held["hold"]!);
        var coach = await (await rest.PostAsync(participants + ".json", Form(
            ("From", "+18005550100"), ("To", "client:bob"), ("Label", "supervisor"), ("Coaching", "true"), ("CallSidToCoach", agentSid)))).JsonAsync();
        await sim.CreateClient().PostAsync($"/sim/phones/{coach["call_sid"]}/answer", null);

        var matrix = await (await sim.CreateClient().GetAsync($"/sim/conferences/{room}/audibility")).JsonAsync();
        var byLabel = matrix["participants"]!.AsArray().ToDictionary(p => (string)p!["label"]!, p => p!);
        Assert.True((bool)byLabel["customer"]["hearsHoldMusic"]!);
        Assert.Empty(byLabel["customer"]["hears"]!.AsArray());
        Assert.Equal([agentSid], byLabel["supervisor"]["heardBy"]!.AsArray().Select(s => (string?)s));

        Assert.Equal(HttpStatusCode.NoContent, (await rest.DeleteAsync($"{participants}/agent.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rest.GetAsync($"{participants}/{agentSid}.json")).StatusCode);
        var conferenceSid = (string)agent["conference_sid"]!;
        var ended = await (await rest.PostAsync($"{Account}/Conferences/{conferenceSid}.json", Form(("Status", "completed")))).JsonAsync();
        Assert.Equal(("completed", "conference-ended-via-api"), ((string?)ended["status"], (string?)ended["reason_conference_ended"]));
        var afterEnd = await (await rest.GetAsync($"{Account}/Conferences/{conferenceSid}/Participants.json")).JsonAsync();
        Assert.Empty(afterEnd["participants"]!.AsArray());

        var delivered = await sim.DeliveredAsync();
        var leg = delivered.Where(d => d.Url == "http://localhost/call-status" && d["CallSid"] == agentSid).ToList();
        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], leg.Select(d => d["CallStatus"]));
        var conferenceEvents = delivered.Where(d => d.Url == "http://localhost/conference-events").ToList();
        Assert.Equal(
            ["participant-join", "conference-start", "participant-join", "participant-hold", "participant-join", "participant-leave",
             "participant-leave", "participant-leave", "conference-end"],
            conferenceEvents.Select(d => d["StatusCallbackEvent"]));
        Assert.Equal(Enumerable.Range(1, conferenceEvents.Count).Select(n => n.ToString()), conferenceEvents.Select(d => d["SequenceNumber"]));
        Assert.All(conferenceEvents, d => Assert.Equal(200, d.StatusCode));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_client_caller_id_toward_a_phone_number_is_refused_as_Twilio_refuses_it(bool participant)
    {
        await using var sim = Create();
        var rest = sim.RestClient();
        var path = participant ? $"{Account}/Conferences/{(string)(await sim.PlaceCallAsync())["friendlyName"]!}/Participants.json" : $"{Account}/Calls.json";
        FormUrlEncodedContent Dial(string from, string to) => Form(("From", from), ("To", to), ("Twiml", "<Response/>"));

        var refused = await rest.PostAsync(path, Dial("client:contactcenter", "+14155550123"));
        var notANumber = await rest.PostAsync(path, Dial("contactcenter", "+14155550123"));
        var toAClient = await rest.PostAsync(path, Dial("client:contactcenter", "client:alice"));
        var fromANumber = await rest.PostAsync(path, Dial("+18005550100", "+14155550123"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = await refused.JsonAsync();
        Assert.Equal((21212, 400), ((int)error["code"]!, (int)error["status"]!));
        Assert.StartsWith("Invalid From Number (caller ID)", (string?)error["message"]);
        Assert.Equal("https://www.twilio.com/docs/errors/21212", (string?)error["more_info"]);
        Assert.Equal(21212, (int)(await notANumber.JsonAsync())["code"]!);
        Assert.Equal(HttpStatusCode.Created, toAClient.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fromANumber.StatusCode);
    }
}
