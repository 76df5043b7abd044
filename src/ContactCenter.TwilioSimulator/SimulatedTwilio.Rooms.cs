namespace ContactCenter.TwilioSimulator;

/// <summary>Conference semantics: joining, leaving and ending rooms.</summary>
public sealed partial class SimulatedTwilio
{
    /// <summary>Ends a leg: a ringing one never joins; a connected one leaves its room first.</summary>
    private void EndCall(SimulatedCall call, string finalStatus, string leaveReason = "participant_hung_up", bool kicked = false)
    {
        if (call.IsEnded)
        {
            return;
        }

        call.Timer?.Dispose();
        call.Timer = null;
        if (call.Conference is { } conference && ParticipantOf(call) is { } participant)
        {
            if (participant.Status == ParticipantStatus.Connected)
            {
                Leave(conference, participant, leaveReason, kicked);
            }
            else
            {
                conference.Participants.Remove(participant);
                EndIfAbandoned(conference);
            }
        }

        if (call.StartTime is not null)
        {
            call.EndTime = Now;
        }

        foreach (var recording in call.Recordings.Where(r => r.Status == "in-progress"))
        {
            recording.Status = "completed";
            SendRecordingStatus(recording, call.Duration);
        }

        SetStatus(call, finalStatus);
    }

    private SimulatedParticipant? ParticipantOf(SimulatedCall call) =>
        call.Conference?.Participants.FirstOrDefault(p => ReferenceEquals(p.Call, call));

    private SimulatedConference? ActiveConference(string friendlyName) =>
        _conferences.Values.FirstOrDefault(c => c.FriendlyName == friendlyName && c.Status != ConferenceStatus.Completed);

    /// <summary>A CF sid, or (as Twilio accepts on the Participants path) the FriendlyName of a room that is not completed.</summary>
    private SimulatedConference FindConference(string sidOrName) =>
        _conferences.TryGetValue(sidOrName, out var bySid) ? bySid
        : ActiveConference(sidOrName) ?? throw SimulatorApiException.NotFound($"/Conferences/{sidOrName}");

    private SimulatedConference CreateConference(string friendlyName, ConferenceJoin settings)
    {
        var conference = new SimulatedConference
        {
            Sid = NewSid("CF"),
            FriendlyName = friendlyName,
            DateCreated = Now,
            DateUpdated = Now,
            StatusCallback = settings.StatusCallback,
            StatusCallbackEvents = settings.StatusCallbackEvents,
            WaitUrl = settings.WaitUrl,
            Record = settings.Record,
            RecordingStatusCallback = settings.RecordingStatusCallback,
            RecordingStatusCallbackEvents = settings.RecordingStatusCallbackEvents,
        };
        _conferences.Add(conference.Sid, conference);
        return conference;
    }

    /// <summary>&lt;Dial&gt;&lt;Conference&gt;: the first participant creates the room; a full room plays an error and hangs up.</summary>
    private void JoinFromTwiml(SimulatedCall call, ConferenceJoin join)
    {
        var conference = ActiveConference(join.FriendlyName) ?? CreateConference(join.FriendlyName, join);
        if (conference.Participants.Count >= MaxParticipants)
        {
            call.Prompts.Add("error:" + TwilioErrorCodes.ConferenceFull);
            EndCall(call, CallStatus.Completed);
            return;
        }

        var participant = NewParticipant(call, join);
        conference.Participants.Add(participant);
        call.Conference = conference;
        Connect(conference, participant);
    }

    private SimulatedParticipant NewParticipant(SimulatedCall call, ConferenceJoin join) => new()
    {
        Call = call,
        DateCreated = Now,
        DateUpdated = Now,
        Label = join.Label,
        StartConferenceOnEnter = join.StartConferenceOnEnter,
        EndConferenceOnExit = join.EndConferenceOnExit,
        Muted = join.Muted,
        Hold = join.Hold,
        Coaching = join.Coaching,
        CallSidToCoach = join.CallSidToCoach,
    };

    private void Connect(SimulatedConference conference, SimulatedParticipant participant)
    {
        participant.Status = ParticipantStatus.Connected;
        participant.DateUpdated = Now;
        SendConferenceEvent(conference, "participant-join", participant);
        if (conference.Status == ConferenceStatus.Init && participant.StartConferenceOnEnter)
        {
            conference.Status = ConferenceStatus.InProgress;
            conference.DateUpdated = Now;
            SendConferenceEvent(conference, "conference-start");
            if (conference.Record)
            {
                var recording = new SimulatedRecording
                {
                    Sid = NewSid("RE"),
                    ConferenceSid = conference.Sid,
                    Source = "Conference",
                    StartTime = Now,
                    StatusCallback = conference.RecordingStatusCallback,
                    StatusCallbackEvents = conference.RecordingStatusCallbackEvents,
                };
                conference.Recording = recording;
                SendRecordingStatus(recording, 0);
            }
        }
    }

    /// <summary>A connected participant leaves; an endConferenceOnExit participant or the last one out ends the room.</summary>
    private void Leave(SimulatedConference conference, SimulatedParticipant participant, string reason, bool kicked)
    {
        conference.Participants.Remove(participant);
        participant.Status = ParticipantStatus.Complete;
        SendConferenceEvent(conference, "participant-leave", participant, ("ReasonParticipantLeft", reason));
        if (conference.Status == ConferenceStatus.Completed)
        {
            return;
        }

        if (participant.EndConferenceOnExit && conference.Status == ConferenceStatus.InProgress)
        {
            var why = kicked ? "participant-with-end-conference-on-exit-kicked" : "participant-with-end-conference-on-exit-left";
            EndConference(conference, why, participant.Call.Sid);
        }
        else if (!conference.Connected.Any())
        {
            EndConference(conference, kicked ? "last-participant-kicked" : "last-participant-left", participant.Call.Sid);
        }
    }

    /// <summary>A room whose only remaining legs never connected (they all failed) is gone.</summary>
    private void EndIfAbandoned(SimulatedConference conference)
    {
        if (conference.Status != ConferenceStatus.Completed && conference.Participants.Count == 0)
        {
            EndConference(conference, "last-participant-left", null);
        }
    }

    /// <summary>Everyone still in the room leaves and hangs up, legs still ringing are canceled, then conference-end.</summary>
    private void EndConference(SimulatedConference conference, string reason, string? endingCallSid)
    {
        var started = conference.Status == ConferenceStatus.InProgress;
        conference.Status = ConferenceStatus.Completed;
        conference.DateUpdated = Now;
        conference.ReasonConferenceEnded = reason;
        conference.CallSidEndingConference = endingCallSid;
        foreach (var participant in conference.Participants.ToList())
        {
            conference.Participants.Remove(participant);
            var connected = participant.Status == ParticipantStatus.Connected;
            if (connected)
            {
                participant.Status = ParticipantStatus.Complete;
                SendConferenceEvent(conference, "participant-leave", participant, ("ReasonParticipantLeft", "conference_ended"));
            }

            EndCall(participant.Call, connected ? CallStatus.Completed : CallStatus.Canceled);
        }

        if (conference.Recording is { Status: "in-progress" } recording)
        {
            recording.Status = "completed";
            SendRecordingStatus(recording, (int)(Now - recording.StartTime).TotalSeconds);
        }

        if (started)
        {
            SendConferenceEvent(conference, "conference-end",
                null, ("ReasonConferenceEnded", reason), ("CallSidEndingConference", endingCallSid));
        }
    }
}
