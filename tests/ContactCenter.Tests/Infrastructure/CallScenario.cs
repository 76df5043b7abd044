using System.Globalization;

namespace ContactCenter.Tests.Infrastructure;

/// <summary>
/// One realistic inbound call's conference callbacks, in Twilio's sequence: the caller joins (starting the room),
/// an agent joins, puts the caller on hold and back, a supervisor joins coaching the agent, the agent (end
/// conference on exit) hangs up, the others are removed and the conference ends. Every id derives from
/// <c>n</c>, so scenarios do not collide in one database.
/// </summary>
public sealed class CallScenario(int n)
{
    public string ConferenceSid { get; } = Sid("CF", n, 0);
    public string CustomerCall { get; } = Sid("CA", n, 1);
    public string AgentCall { get; } = Sid("CA", n, 2);
    public string SupervisorCall { get; } = Sid("CA", n, 3);
    public string RecordingSid { get; } = Sid("RE", n, 4);
    public string Room => "room-" + CustomerCall;

    public static DateTimeOffset At(int seconds) => TwilioForms.Start.AddSeconds(seconds);

    public IReadOnlyList<Dictionary<string, string>> ConferenceEvents() =>
    [
        Participant(1, "participant-join", 0, CustomerCall, "customer"),
        TwilioForms.ConferenceEvent(ConferenceSid, Room, 2, "conference-start", At(0)),
        Participant(3, "participant-join", 30, AgentCall, "agent-bob", endConferenceOnExit: true),
        Participant(4, "participant-hold", 60, CustomerCall, "customer", hold: true),
        Participant(5, "participant-unhold", 90, CustomerCall, "customer"),
        Participant(6, "participant-join", 120, SupervisorCall, "supervisor-sam", coaching: AgentCall, muted: false),
        Participant(7, "participant-leave", 180, AgentCall, "agent-bob", endConferenceOnExit: true, reasonLeft: "participant_hung_up"),
        Participant(8, "participant-leave", 181, SupervisorCall, "supervisor-sam", coaching: AgentCall, reasonLeft: "participant_with_end_conference_on_exit_left"),
        Participant(9, "participant-leave", 181, CustomerCall, "customer", reasonLeft: "participant_with_end_conference_on_exit_left"),
        TwilioForms.ConferenceEvent(ConferenceSid, Room, 10, "conference-end", At(182), "participant-with-end-conference-on-exit-left", AgentCall),
    ];

    public IReadOnlyList<Dictionary<string, string>> Recordings() =>
    [
        TwilioForms.ConferenceRecording(ConferenceSid, RecordingSid, "in-progress"),
        TwilioForms.ConferenceRecording(ConferenceSid, RecordingSid, "completed", duration: 182),
    ];

    private Dictionary<string, string> Participant(
        long sequence, string type, int seconds, string callSid, string label,
        bool hold = false, bool muted = false, string? coaching = null, bool endConferenceOnExit = false, string? reasonLeft = null) =>
        TwilioForms.ParticipantEvent(ConferenceSid, Room, sequence, type, At(seconds), callSid, label, hold, muted, coaching, endConferenceOnExit, reasonLeft);

    private static string Sid(string prefix, int n, int part) =>
        prefix + n.ToString("x24", CultureInfo.InvariantCulture) + part.ToString("x8", CultureInfo.InvariantCulture);
}
