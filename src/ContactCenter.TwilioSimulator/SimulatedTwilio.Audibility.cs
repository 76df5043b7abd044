namespace ContactCenter.TwilioSimulator;

/// <summary>Who hears whom, and the immutable snapshots handed out of the lock.</summary>
public sealed partial class SimulatedTwilio
{
    /// <summary>
    /// A hears B iff both are connected to the same in-progress room, A is not B, neither is on hold, B is not
    /// muted, and a coaching B is heard only by the participant it coaches. Nobody else in the mix means wait music.
    /// </summary>
    public AudibilityMatrix Audibility(string conferenceSidOrName)
    {
        lock (_gate)
        {
            var conference = _conferences.TryGetValue(conferenceSidOrName, out var bySid)
                ? bySid
                : ActiveConference(conferenceSidOrName)
                    ?? _conferences.Values.Where(c => c.FriendlyName == conferenceSidOrName).MaxBy(c => c.DateCreated)
                    ?? throw SimulatorApiException.NotFound($"/Conferences/{conferenceSidOrName}");
            var connected = conference.Connected.ToList();
            var mixing = conference.Status == ConferenceStatus.InProgress;
            var entries = connected.Select(listener =>
            {
                var hears = connected.Where(speaker => Hears(conference, listener, speaker)).Select(s => s.Call.Sid).ToList();
                var heardBy = connected.Where(other => Hears(conference, other, listener)).Select(o => o.Call.Sid).ToList();
                var waiting = !listener.Hold && (!mixing || connected.Count(p => !ReferenceEquals(p, listener)) == 0);
                return new AudibilityEntry(listener.Call.Sid, listener.Label, hears, heardBy, waiting, listener.Hold);
            }).ToList();
            return new AudibilityMatrix(conference.Sid, conference.FriendlyName, conference.Status, entries);
        }
    }

    private static bool Hears(SimulatedConference conference, SimulatedParticipant listener, SimulatedParticipant speaker) =>
        conference.Status == ConferenceStatus.InProgress &&
        listener.Status == ParticipantStatus.Connected && speaker.Status == ParticipantStatus.Connected &&
        !ReferenceEquals(listener, speaker) &&
        !listener.Hold && !speaker.Hold && !speaker.Muted &&
        (!speaker.Coaching || speaker.CallSidToCoach == listener.Call.Sid);

    private static CallSnapshot Snapshot(SimulatedCall call) => new(
        call.Sid, call.From, call.To, call.Direction, call.Status, call.DateCreated, call.DateUpdated, call.StartTime, call.EndTime,
        call.Duration, call.Conference?.Sid, call.Conference?.FriendlyName, call.Prompts.ToList());

    private static ConferenceSnapshot Snapshot(SimulatedConference conference) => new(
        conference.Sid, conference.FriendlyName, conference.Status, conference.DateCreated, conference.DateUpdated,
        conference.ReasonConferenceEnded, conference.CallSidEndingConference);

    private static ParticipantSnapshot Snapshot(SimulatedParticipant participant)
    {
        var status = participant.Status == ParticipantStatus.Connected ? ParticipantStatus.Connected : participant.Call.Status switch
        {
            CallStatus.Queued => ParticipantStatus.Queued,
            CallStatus.Initiated => ParticipantStatus.Connecting,
            CallStatus.Ringing => ParticipantStatus.Ringing,
            CallStatus.Completed => ParticipantStatus.Complete,
            _ => ParticipantStatus.Failed,
        };
        return new ParticipantSnapshot(
            participant.Call.Sid, participant.Call.Conference!.Sid, participant.Label, status, participant.Muted, participant.Hold,
            participant.Coaching, participant.CallSidToCoach, participant.StartConferenceOnEnter, participant.EndConferenceOnExit,
            participant.DateCreated, participant.DateUpdated);
    }
}
