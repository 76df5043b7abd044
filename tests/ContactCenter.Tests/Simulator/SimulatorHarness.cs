using ContactCenter.TwilioSimulator;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Tests.Simulator;

/// <summary>The simulator core on a fake clock, every callback it owes recorded in order.</summary>
public sealed class SimulatorHarness : ISimulatorCallbackSink
{
    public const string ConferenceEvents = "http://service.test/conference-events";
    public const string CallStatusUrl = "http://service.test/call-status";
    public const string ServiceNumber = "+18005550100";

    public SimulatorHarness(params SimulatedPhoneOptions[] phones)
    {
        Twilio = new SimulatedTwilio(Clock, this, new SimulatorOptions { AnswerDelayMs = 1500, Phones = [.. phones] });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.Zero));

    public SimulatedTwilio Twilio { get; }

    public List<SimulatorCallback> Callbacks { get; } = [];

    public void Enqueue(SimulatorCallback callback) => Callbacks.Add(callback);

    public IEnumerable<SimulatorCallback> ConferenceCallbacks => Callbacks.Where(c => c.Url == ConferenceEvents);

    public IEnumerable<string?> ConferenceEventNames => ConferenceCallbacks.Select(c => c["StatusCallbackEvent"]);

    public IEnumerable<SimulatorCallback> CallStatusOf(string callSid) =>
        Callbacks.Where(c => c.Url == CallStatusUrl && c["CallSid"] == callSid);

    /// <summary>A caller answered with the service's TwiML: greeting, then their own room, as the customer.</summary>
    public CallSnapshot PlaceCaller(string from = "+14155551234")
    {
        var call = Twilio.CreateInboundCall(from, ServiceNumber);
        var twiml = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Response><Say>Welcome</Say><Dial><Conference startConferenceOnEnter="true" endConferenceOnExit="false"
              waitUrl="https://twimlets.com/holdmusic" statusCallback="{ConferenceEvents}" statusCallbackMethod="POST"
              statusCallbackEvent="start end join leave mute hold modify" record="do-not-record"
              participantLabel="customer">room-{call.Sid}</Conference></Dial></Response>
            """;
        return Twilio.ApplyTwiml(call.Sid, TwimlInstructions.Parse(twiml));
    }

    /// <summary>Dials an agent leg into the room and lets the phone ring until it answers.</summary>
    public ParticipantSnapshot AddAnswered(string room, string label, string to, ParticipantRequest? request = null)
    {
        var created = Twilio.CreateParticipant(room, (request ?? new ParticipantRequest()) with
        {
            From = ServiceNumber,
            To = to,
            Label = label,
            StatusCallback = CallStatusUrl,
            StatusCallbackEvents = new HashSet<string> { "initiated", "ringing", "answered", "completed" },
        });
        Clock.Advance(TimeSpan.FromMilliseconds(1500));
        return Twilio.GetParticipant(room, created.CallSid);
    }

    public static ParticipantRequest Dial(string to, string? label = null) =>
        new() { From = ServiceNumber, To = to, Label = label, StatusCallback = CallStatusUrl };
}
