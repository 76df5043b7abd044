using System.Net;
using ContactCenter.Api.Twilio.Rest;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.EndToEnd;

/// <summary>
/// Every operation of the service's REST gateway (the Twilio library) against the embedded simulator over real HTTP:
/// the simulator must read what the library sends (form encoding, repeated keys, query strings, empty bodies) and the
/// library must read what the simulator answers.
/// </summary>
public sealed class LibraryAgainstSimulator
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_simulator_serves_every_request_the_Twilio_library_sends()
    {
        await using var live = LiveContactCenter.Start();
        var twilio = live.Services.GetRequiredService<ITwilioRestClient>();
        var (caller, room) = await live.PlaceCallAsync();
        await live.RoomWhenAsync(room, r => r.Participants.Any(p => p.CallSid == caller && p.InRoom), "the caller is in the room");

        var conference = Assert.Single(await twilio.ListConferencesAsync(room, TwilioConferenceStatus.InProgress, None));
        Assert.Equal(conference, await twilio.FetchConferenceAsync(conference.Sid, None));
        Assert.Equal(caller, (await twilio.FetchParticipantAsync(conference.Sid, "customer", None)).CallSid);
        var held = await twilio.UpdateParticipantAsync(conference.Sid, caller, new()
        {
            Hold = true, HoldUrl = "https://music.example.com/hold.mp3", HoldMethod = "GET", Muted = false, EndConferenceOnExit = true,
        }, None);
        Assert.True(held.Hold);
        Assert.True(held.EndConferenceOnExit);

        var agent = await twilio.CreateParticipantAsync(conference.Sid, new()
        {
            From = "+18005550100", To = "client:alice", Label = "agent", Beep = false, EarlyMedia = true, Muted = false,
            StartConferenceOnEnter = true, EndConferenceOnExit = false, Timeout = 20, Record = false,
            StatusCallback = live.BaseUrl + "/call-status", StatusCallbackMethod = "POST", StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
        }, None);
        Assert.Equal(("agent", conference.Sid), (agent.Label, agent.ConferenceSid));
        Assert.Equal(2, (await twilio.ListParticipantsAsync(conference.Sid, None)).Count);
        Assert.Equal(agent.CallSid, (await twilio.FetchCallAsync(agent.CallSid, None)).Sid);
        await twilio.DeleteParticipantAsync(conference.Sid, "agent", None);

        var byTwiml = await twilio.CreateCallAsync(new() { To = "client:bob", From = "+18005550100", Twiml = "<Response><Say>Hi &amp; bye</Say></Response>", Timeout = 15 }, None);
        var byUrl = await twilio.CreateCallAsync(new() { To = "client:bob", From = "+18005550100", Url = live.BaseUrl + "/voice", StatusCallbackEvent = ["completed"] }, None);
        // Ringing or answered (bob answers after a short delay): hung up either way.
        Assert.Contains((await twilio.UpdateCallAsync(byTwiml.Sid, new() { Complete = true }, None)).Status, new[] { "canceled", "completed" });
        await twilio.UpdateCallAsync(byUrl.Sid, new() { Complete = true }, None);

        var recording = await twilio.StartCallRecordingAsync(caller, new()
        {
            RecordingStatusCallback = live.BaseUrl + "/recording-status", RecordingStatusCallbackEvent = ["in-progress", "completed", "absent"],
        }, None);
        Assert.Equal(caller, recording.CallSid);

        var refused = await Assert.ThrowsAsync<TwilioApiException>(() => twilio.CreateParticipantAsync(
            conference.Sid, new() { From = "client:contactcenter", To = "+14155550124" }, None));
        Assert.Equal((HttpStatusCode.BadRequest, 21212), (refused.HttpStatus, refused.TwilioCode));

        var ended = await twilio.UpdateConferenceAsync(conference.Sid, new() { Complete = true }, None);
        Assert.Equal("completed", ended.Status);
    }
}
