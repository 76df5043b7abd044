using System.Net;
using System.Net.Http.Json;
using ContactCenter.TwilioSimulator;
using static ContactCenter.Tests.Simulator.SimulatorHttp;

namespace ContactCenter.Tests.Simulator;

public sealed class SimulatorRestTests
{
    [Fact]
    public async Task The_rest_api_wants_basic_auth_and_refuses_like_twilio()
    {
        await using var sim = Create();

        var anonymous = await sim.CreateClient().GetAsync(Account + "/Conferences.json");
        var wrongToken = await sim.RestClient("not-the-token").GetAsync(Account + "/Conferences.json");
        var unknownCall = await sim.RestClient().GetAsync(Account + "/Calls/CA00000000000000000000000000000000.json");
        var otherAccount = await sim.RestClient().GetAsync("/sim/twilio/2010-04-01/Accounts/AC00000000000000000000000000000000/Conferences.json");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(20003, (int)(await anonymous.JsonAsync())["code"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownCall.StatusCode);
        var error = await unknownCall.JsonAsync();
        Assert.Equal(20404, (int)error["code"]!);
        Assert.Equal(404, (int)error["status"]!);
        Assert.Equal("https://www.twilio.com/docs/errors/20404", (string?)error["more_info"]);
        Assert.Contains("CA00000000000000000000000000000000", (string?)error["message"]);
        Assert.Equal(HttpStatusCode.NotFound, otherAccount.StatusCode);
    }

    [Fact]
    public async Task A_simulated_inbound_call_posts_a_valid_signed_voice_webhook_and_joins_its_room()
    {
        await using var sim = Create();

        var placed = await sim.PlaceCallAsync();

        var callSid = (string)placed["callSid"]!;
        Assert.Equal(200, (int)placed["webhookStatus"]!);
        Assert.Equal("in-progress", (string?)placed["status"]);
        Assert.Equal("room-" + callSid, (string?)placed["friendlyName"]);
        Assert.Equal("say:Thank you for calling. Please hold while we connect you to an agent.", (string?)placed["call"]!["prompts"]![0]);
        var list = await (await sim.RestClient().GetAsync($"{Account}/Conferences.json?FriendlyName=room-{callSid}&Status=in-progress")).JsonAsync();
        var conference = Assert.Single(list["conferences"]!.AsArray())!;
        Assert.Equal((string?)placed["conferenceSid"], (string?)conference["sid"]);
        Assert.Equal(SimulatorActivation.AccountSid, (string?)conference["account_sid"]);
        Assert.Matches(@"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$", (string?)conference["date_created"]);

        var delivered = await sim.DeliveredAsync();
        var events = delivered.Where(d => d.Url == "http://localhost/conference-events").ToList();
        Assert.Equal(["participant-join", "conference-start"], events.Select(e => e["StatusCallbackEvent"]));
        // 200, not 403: the service's signature filter accepted what the simulator signed.
        Assert.All(events, e => Assert.Equal(200, e.StatusCode));
        Assert.Equal(["1", "2"], events.Select(e => e["SequenceNumber"]));
        Assert.Equal("customer", events[0]["ParticipantLabel"]);
    }

    [Fact]
    public async Task A_voice_webhook_the_service_refuses_fails_the_call()
    {
        await using var sim = Create(("Twilio:PublicBaseUrl", "https://elsewhere.example"));

        var response = await sim.CreateClient().PostAsJsonAsync("/sim/calls", new { from = "+14155551234", to = "+18005550100" });

        // The service validates against a different public URL, so the simulator's signature cannot match.
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("403", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Calls_can_be_created_canceled_and_recorded_and_bad_requests_get_twilio_codes()
    {
        await using var sim = Create();
        var rest = sim.RestClient();

        var created = await rest.PostAsync(Account + "/Calls.json", Form(
            ("To", "client:alice"), ("From", "+18005550100"), ("Twiml", "<Response><Say>Hi</Say></Response>"),
            ("StatusCallback", "http://localhost/call-status"), ("StatusCallbackEvent", "initiated"), ("StatusCallbackEvent", "ringing")));
        var call = await created.JsonAsync();
        var canceled = await (await rest.PostAsync($"{Account}/Calls/{call["sid"]}.json", Form(("Status", "canceled")))).JsonAsync();
        var recordRinging = await rest.PostAsync($"{Account}/Calls/{call["sid"]}/Recordings.json", Form());
        var missingTo = await rest.PostAsync(Account + "/Calls.json", Form(("From", "+18005550100"), ("Url", "http://localhost/x")));
        var caller = await sim.PlaceCallAsync();
        var recording = await rest.PostAsync($"{Account}/Calls/{caller["callSid"]}/Recordings.json", Form());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(("queued", "outbound-api", "client:alice"), ((string?)call["status"], (string?)call["direction"], (string?)call["to"]));
        Assert.Equal("canceled", (string?)canceled["status"]);
        Assert.Equal(HttpStatusCode.BadRequest, recordRinging.StatusCode);
        Assert.Equal(21220, (int)(await recordRinging.JsonAsync())["code"]!);
        Assert.Equal(21604, (int)(await missingTo.JsonAsync())["code"]!);
        Assert.Equal(HttpStatusCode.Created, recording.StatusCode);
        var recordingJson = await recording.JsonAsync();
        Assert.StartsWith("RE", (string?)recordingJson["sid"]);
        Assert.Equal(((string?)caller["callSid"], "in-progress"), ((string?)recordingJson["call_sid"], (string?)recordingJson["status"]));
        var legEvents = (await sim.DeliveredAsync()).Where(d => d.Url == "http://localhost/call-status").Select(d => d["CallStatus"]);
        Assert.Equal(["initiated", "ringing"], legEvents);
    }
}
