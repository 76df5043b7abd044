using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.Api.Twilio.Rest;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Tests.Control;

/// <summary>
/// The service with a configured directory and allow-list, one room seeded through signed callbacks (caller and
/// agent in it), and Twilio either the in-memory <see cref="RecordingTwilio"/> or the factory's HTTP stub.
/// </summary>
public sealed class ControlHarness : IAsyncDisposable
{
    public const string PublicBase = "https://cc.example.com";
    public const string Alice = "+14155550101";
    public const string Bob = "sip:bob@desk.example.com";
    public const string Sam = "client:sam";
    public const string CallerId = "+18005550100";
    public const string HoldMusic = "https://music.example.com/hold.mp3";

    public static readonly (string, string?)[] Settings =
    [
        ("Twilio:PublicBaseUrl", PublicBase),
        ("Twilio:CallerId", CallerId),
        ("Agents:0:Id", "alice"), ("Agents:0:Name", "Alice"), ("Agents:0:Endpoint", Alice),
        ("Agents:1:Id", "bob"), ("Agents:1:Name", "Bob"), ("Agents:1:Endpoint", Bob),
        ("Supervisors:0:Id", "sam"), ("Supervisors:0:Name", "Sam"), ("Supervisors:0:Endpoint", Sam),
        ("Transfers:AllowedNumberPatterns:0", @"^\+1415555\d{4}$"),
        ("Conference:HoldMusicUrl", HoldMusic),
    ];

    private readonly Dictionary<string, long> _callSequence = new(StringComparer.Ordinal);
    private long _sequence;

    public ControlHarness(int n, bool fakeTwilio = true, ContactCenterFactory? baseFactory = null, params (string, string?)[] settings)
    {
        Scenario = new CallScenario(n);
        var factory = (baseFactory ?? new ContactCenterFactory()).With([.. Settings, .. settings]);
        Twilio = new RecordingTwilio();
        Twilio.Names[Customer] = "customer";
        Twilio.Names[Agent] = "agent";
        Twilio.Names[Scenario.SupervisorCall] = "supervisor";
        Factory = fakeTwilio ? factory.WithServices(s => s.AddSingleton<ITwilioRestClient>(Twilio)) : factory;
        Callbacks = Factory.CreateClient();
        Admin = Factory.CreateAdminClient();
    }

    public CallScenario Scenario { get; }
    public string Room => Scenario.Room;
    public string Conference => Scenario.ConferenceSid;
    public string Customer => Scenario.CustomerCall;
    public string Agent => Scenario.AgentCall;
    public ContactCenterFactory Factory { get; }
    public RecordingTwilio Twilio { get; }
    public HttpClient Callbacks { get; }
    public HttpClient Admin { get; }

    /// <summary>A CallSid for a dialed leg, unique to this harness.</summary>
    public string Leg(int part) => Scenario.ConferenceSid.Replace("CF", "CA", StringComparison.Ordinal)[..26] + part.ToString("x8", CultureInfo.InvariantCulture);

    public async Task<ControlHarness> SeedAsync(bool withAgent = true)
    {
        await JoinAsync(Customer, "customer");
        await PostCallbackAsync("/conference-events", TwilioForms.ConferenceEvent(Conference, Room, ++_sequence, "conference-start", TwilioForms.Start));
        if (withAgent)
        {
            await JoinAsync(Agent, "agent", endConferenceOnExit: true);
        }

        return this;
    }

    public Task JoinAsync(string callSid, string label, bool endConferenceOnExit = false, string? coaching = null) =>
        ParticipantAsync("participant-join", callSid, label, endConferenceOnExit, coaching);

    public Task LeaveAsync(string callSid, string label) => ParticipantAsync("participant-leave", callSid, label, reasonLeft: "participant_hung_up");

    public Task ParticipantAsync(string type, string callSid, string label, bool endConferenceOnExit = false, string? coaching = null, string? reasonLeft = null) =>
        PostCallbackAsync("/conference-events", TwilioForms.ParticipantEvent(
            Conference, Room, ++_sequence, type, TwilioForms.Start.AddSeconds(_sequence), callSid, label,
            coaching: coaching, endConferenceOnExit: endConferenceOnExit, reasonLeft: reasonLeft));

    public Task CallStatusAsync(string callSid, string status)
    {
        var sequence = _callSequence[callSid] = _callSequence.GetValueOrDefault(callSid) + 1;
        return PostCallbackAsync("/call-status", TwilioForms.CallStatus(callSid, status, sequence, TwilioForms.Start.AddSeconds(sequence)));
    }

    /// <summary>Posts a callback signed for the public URL Twilio would have called (Twilio:PublicBaseUrl is set) and waits for its reactions.</summary>
    public async Task PostCallbackAsync(string path, IEnumerable<KeyValuePair<string, string>> form)
    {
        var response = await Callbacks.SendAsync(TwilioSigner.SignedPost("http://localhost" + path, form, signedUrl: PublicBase + path));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await Factory.Database.WaitIdleAsync(); // the reactions it queued have run
    }

    /// <summary>Sends a signed callback and returns Twilio's view of the answer, without waiting for its reactions.</summary>
    public Task<HttpResponseMessage> SendCallbackAsync(string path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken = default) =>
        Callbacks.SendAsync(TwilioSigner.SignedPost("http://localhost" + path, form, signedUrl: PublicBase + path), cancellationToken);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        Admin.PostAsJsonAsync($"/admin/conferences/{Room}{path}", body ?? new { });

    public async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Starts a transfer whose target leg gets <paramref name="targetCallSid"/>; the transfer's id.</summary>
    public async Task<string> StartTransferAsync(string type, object to, string targetCallSid)
    {
        Twilio.NextDial(targetCallSid, "target");
        var body = await JsonAsync(await PostAsync("/transfers", new { type, to }), HttpStatusCode.Accepted);
        Assert.Equal(targetCallSid, body.GetProperty("targetCallSid").GetString());
        return body.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> TransferAsync(string id) =>
        await JsonAsync(await Admin.GetAsync($"/admin/conferences/{Room}/transfers/{id}"), HttpStatusCode.OK);

    public async ValueTask DisposeAsync()
    {
        Callbacks.Dispose();
        Admin.Dispose();
        await Factory.DisposeAsync();
    }
}
