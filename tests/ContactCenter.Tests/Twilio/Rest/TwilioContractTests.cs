using ContactCenter.Api.Twilio.Rest;
using static ContactCenter.Tests.Twilio.Rest.RestHarness;

namespace ContactCenter.Tests.Twilio.Rest;

/// <summary>
/// Every operation of <see cref="ITwilioRestClient"/> against Twilio's OpenAPI description served by Prism: a 2xx
/// means method, path, SIDs, auth and every form field match the contract; a 422 names what does not. Prism answers
/// with the description's examples, so parsing is checked on Twilio's own sample bodies too.
/// </summary>
[Collection(PrismCollection.Name)]
// Integration: Stoplight Prism.
[Trait("Category", "Integration")]
public sealed class TwilioContractTests(PrismFixture prism)
{
    private const string ExampleCall = "CAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string ExampleConference = "CFaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static readonly CancellationToken None = CancellationToken.None;

    private ITwilioRestClient Twilio => prism.Client;

    /// <summary>Any non-2xx becomes TwilioApiException, whose message carries Prism's report (the 422 validation list).</summary>
    private static async Task<T> Contract<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (TwilioApiException error)
        {
            Assert.Fail($"Prism rejected the request ({(int)error.HttpStatus}): {error.Message}");
            throw;
        }
    }

    private static Task Contract(Func<Task> operation) => Contract(async () => { await operation(); return true; });

    [Fact]
    public async Task List_conferences_by_friendly_name_and_status()
    {
        var conferences = await Contract(() => Twilio.ListConferencesAsync("room-" + CallSid, TwilioConferenceStatus.InProgress, None));
        Assert.NotNull(conferences);
    }

    [Fact]
    public async Task Fetch_conference()
    {
        var conference = await Contract(() => Twilio.FetchConferenceAsync(ConferenceSid, None));
        Assert.Equal(ExampleConference, conference.Sid);
        Assert.NotNull(conference.Status);
    }

    [Fact]
    public async Task Update_conference_to_completed_with_an_announcement()
    {
        var conference = await Contract(() => Twilio.UpdateConferenceAsync(
            ConferenceSid, new() { Complete = true, AnnounceUrl = "https://cc.example.com/announce?x=1" }, None));
        Assert.Equal(ExampleConference, conference.Sid);
    }

    [Fact]
    public async Task Create_participant_with_every_field()
    {
        var participant = await Contract(() => Twilio.CreateParticipantAsync(ConferenceSid, RestHarness.EveryParticipantField("agent", "https://cc.example.com/participant-events"), None));
        Assert.Equal((ExampleCall, ExampleConference), (participant.CallSid, participant.ConferenceSid));
    }

    [Fact]
    public async Task Fetch_participant_by_call_sid_and_by_label()
    {
        var bySid = await Contract(() => Twilio.FetchParticipantAsync(ConferenceSid, CallSid, None));
        var byLabel = await Contract(() => Twilio.FetchParticipantAsync(ConferenceSid, "customer", None));
        Assert.Equal(ExampleCall, bySid.CallSid);
        Assert.Equal(ExampleCall, byLabel.CallSid);
    }

    [Fact]
    public async Task List_participants()
    {
        var participants = await Contract(() => Twilio.ListParticipantsAsync(ConferenceSid, None));
        Assert.NotNull(participants);
    }

    [Fact]
    public async Task Update_participant_with_every_field()
    {
        var participant = await Contract(() => Twilio.UpdateParticipantAsync(ConferenceSid, "agent", new()
        {
            Hold = true,
            HoldUrl = "https://cc.example.com/hold",
            HoldMethod = "GET",
            Muted = true,
            Coaching = true,
            CallSidToCoach = OtherCallSid,
            AnnounceUrl = "https://cc.example.com/announce",
            EndConferenceOnExit = false,
            BeepOnExit = false,
        }, None));
        Assert.Equal(ExampleCall, participant.CallSid);
    }

    [Fact]
    public Task Delete_participant() => Contract(() => Twilio.DeleteParticipantAsync(ConferenceSid, CallSid, None));

    [Fact]
    public async Task Create_call_with_twiml_and_with_url()
    {
        var withTwiml = await Contract(() => Twilio.CreateCallAsync(new()
        {
            To = "+14155550100",
            From = "+18005550100",
            Twiml = "<Response><Say>Hello</Say></Response>",
            StatusCallback = "https://cc.example.com/call-events",
            StatusCallbackEvent = ["initiated", "answered", "completed"],
            Timeout = 30,
        }, None));
        var withUrl = await Contract(() => Twilio.CreateCallAsync(
            new() { To = "client:agent_7", From = "+18005550100", Url = "https://cc.example.com/twiml" }, None));
        Assert.Equal(ExampleCall, withTwiml.Sid);
        Assert.Equal(ExampleCall, withUrl.Sid);
    }

    [Fact]
    public async Task Fetch_call()
    {
        var call = await Contract(() => Twilio.FetchCallAsync(CallSid, None));
        Assert.Equal(ExampleCall, call.Sid);
    }

    [Fact]
    public async Task Update_call_to_completed_and_redirect_it()
    {
        var completed = await Contract(() => Twilio.UpdateCallAsync(CallSid, new() { Complete = true }, None));
        var redirected = await Contract(() => Twilio.UpdateCallAsync(CallSid, new() { Twiml = "<Response><Hangup/></Response>" }, None));
        var byUrl = await Contract(() => Twilio.UpdateCallAsync(CallSid, new() { Url = "https://cc.example.com/next" }, None));
        Assert.All([completed, redirected, byUrl], call => Assert.Equal(ExampleCall, call.Sid));
    }

    [Fact]
    public async Task Start_recording_a_call_leg()
    {
        var recording = await Contract(() => Twilio.StartCallRecordingAsync(CallSid, new()
        {
            RecordingStatusCallback = "https://cc.example.com/recording-status",
            RecordingStatusCallbackEvent = ["in-progress", "completed", "absent"],
            RecordingTrack = "both",
        }, None));
        Assert.Equal(ExampleCall, recording.CallSid);
        Assert.StartsWith("RE", recording.Sid);
    }

    [Fact]
    public async Task Prism_really_checks_what_these_tests_send()
    {
        // What makes the 2xx above mean something: Prism refuses Twilio's classic mistakes and a missing login.
        using var http = new HttpClient();
        var url = $"{prism.BaseUrl}{AccountPath}/Conferences/{ConferenceSid}/Participants/{CallSid}.json";
        using var capitalised = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent([KeyValuePair.Create("Hold", "True")]) };
        capitalised.Headers.Authorization = new("Basic", AccountAuth["Basic ".Length..]);
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, url);

        using var refused = await http.SendAsync(capitalised);
        using var unauthorised = await http.SendAsync(anonymous);

        Assert.Equal(422, (int)refused.StatusCode);
        Assert.Contains("Hold", await refused.Content.ReadAsStringAsync());
        Assert.Equal(401, (int)unauthorised.StatusCode);
    }
}
