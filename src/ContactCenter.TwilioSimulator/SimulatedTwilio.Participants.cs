namespace ContactCenter.TwilioSimulator;

/// <summary>The Conferences and Participants REST resources.</summary>
public sealed partial class SimulatedTwilio
{
    public IReadOnlyList<ConferenceSnapshot> ListConferences(string? friendlyName = null, string? status = null)
    {
        lock (_gate)
        {
            return _conferences.Values
                .Where(c => (friendlyName is null || c.FriendlyName == friendlyName) && (status is null || c.Status == status))
                .OrderByDescending(c => c.DateCreated)
                .Select(Snapshot)
                .ToList();
        }
    }

    public ConferenceSnapshot GetConference(string conferenceSid)
    {
        lock (_gate)
        {
            return _conferences.TryGetValue(conferenceSid, out var conference)
                ? Snapshot(conference)
                : throw SimulatorApiException.NotFound($"/Conferences/{conferenceSid}");
        }
    }

    /// <summary>Status=completed ends the room for everyone; AnnounceUrl is played to every connected participant.</summary>
    public ConferenceSnapshot UpdateConference(string conferenceSid, string? status, string? announceUrl)
    {
        lock (_gate)
        {
            // Twilio answers 404 to an update of a conference that is no longer in progress.
            var conference = _conferences.TryGetValue(conferenceSid, out var found) && found.Status != ConferenceStatus.Completed
                ? found
                : throw SimulatorApiException.NotFound($"/Conferences/{conferenceSid}");
            if (announceUrl is { Length: > 0 } && conference.Status != ConferenceStatus.Completed)
            {
                conference.Connected.ToList().ForEach(p => p.Call.Prompts.Add("play:" + announceUrl));
            }

            if (status == ConferenceStatus.Completed && conference.Status != ConferenceStatus.Completed)
            {
                EndConference(conference, "conference-ended-via-api", null);
            }

            return Snapshot(conference);
        }
    }

    /// <summary>Participants being dialed and connected; a completed room lists none.</summary>
    public IReadOnlyList<ParticipantSnapshot> ListParticipants(string conferenceSidOrName)
    {
        lock (_gate)
        {
            return FindConference(conferenceSidOrName).Participants.Select(p => Snapshot(p)).ToList();
        }
    }

    public ParticipantSnapshot GetParticipant(string conferenceSidOrName, string callSidOrLabel)
    {
        lock (_gate)
        {
            return Snapshot(FindParticipant(FindConference(conferenceSidOrName), callSidOrLabel));
        }
    }

    /// <summary>Dials a new leg into a room (creating the room when named by a FriendlyName that has none).</summary>
    public ParticipantSnapshot CreateParticipant(string conferenceSidOrName, ParticipantRequest request)
    {
        lock (_gate)
        {
            if (string.IsNullOrWhiteSpace(request.From))
            {
                throw new SimulatorApiException(400, TwilioErrorCodes.FromRequired, "A 'From' phone number is required.");
            }

            if (string.IsNullOrWhiteSpace(request.To))
            {
                throw new SimulatorApiException(400, TwilioErrorCodes.ToRequired, "A 'To' phone number is required.");
            }

            RequirePhoneNumberCallerId(request.From, request.To);
            var conference = _conferences.TryGetValue(conferenceSidOrName, out var bySid)
                ? bySid.Status != ConferenceStatus.Completed ? bySid : throw SimulatorApiException.NotFound($"/Conferences/{conferenceSidOrName}")
                : ActiveConference(conferenceSidOrName);
            if (conference is null && conferenceSidOrName.StartsWith("CF", StringComparison.Ordinal) && conferenceSidOrName.Length == 34)
            {
                throw SimulatorApiException.NotFound($"/Conferences/{conferenceSidOrName}");
            }

            if (conference is not null)
            {
                if (conference.Participants.Count >= MaxParticipants)
                {
                    throw new SimulatorApiException(400, TwilioErrorCodes.ConferenceFull, $"Conference is full: at most {MaxParticipants} participants.");
                }

                if (request.Label is { Length: > 0 } label && conference.Participants.Any(p => p.Label == label))
                {
                    throw new SimulatorApiException(400, TwilioErrorCodes.DuplicateLabel, $"A participant labeled '{label}' is already in the conference.");
                }
            }

            if (request.Coaching)
            {
                RequireCoachable(conference, request.CallSidToCoach);
            }

            conference ??= CreateConference(conferenceSidOrName, new ConferenceJoin
            {
                FriendlyName = conferenceSidOrName,
                StatusCallback = request.ConferenceStatusCallback,
                StatusCallbackEvents = request.ConferenceStatusCallbackEvents,
                WaitUrl = request.WaitUrl,
            });
            var call = NewCall(request.From, request.To, "outbound-api", request.StatusCallback, request.StatusCallbackEvents);
            call.Conference = conference;
            var participant = NewParticipant(call, new ConferenceJoin
            {
                FriendlyName = conference.FriendlyName,
                Label = request.Label,
                StartConferenceOnEnter = request.StartConferenceOnEnter,
                EndConferenceOnExit = request.EndConferenceOnExit,
                Muted = request.Muted,
                Hold = request.Hold,
                Coaching = request.Coaching,
                CallSidToCoach = request.Coaching ? request.CallSidToCoach : null,
            });
            conference.Participants.Add(participant);
            var created = Snapshot(participant);
            StartRinging(call, request.Timeout);
            return created;
        }
    }

    public ParticipantSnapshot UpdateParticipant(string conferenceSidOrName, string callSidOrLabel, ParticipantUpdate update)
    {
        lock (_gate)
        {
            var conference = FindConference(conferenceSidOrName);
            var participant = FindParticipant(conference, callSidOrLabel);
            if (participant.Status != ParticipantStatus.Connected)
            {
                throw SimulatorApiException.NotInProgress(participant.Call.Sid);
            }

            var coaching = update.Coaching ?? participant.Coaching;
            var coached = coaching ? update.CallSidToCoach ?? participant.CallSidToCoach : null;
            if (coaching)
            {
                RequireCoachable(conference, coached);
            }

            participant.DateUpdated = Now;
            if (update.Hold is { } hold && hold != participant.Hold)
            {
                participant.Hold = hold;
                participant.HoldUrl = hold ? update.HoldUrl ?? conference.WaitUrl : null;
                SendConferenceEvent(conference, hold ? "participant-hold" : "participant-unhold", participant);
            }

            if (update.Muted is { } muted && muted != participant.Muted)
            {
                participant.Muted = muted;
                SendConferenceEvent(conference, muted ? "participant-mute" : "participant-unmute", participant);
            }

            var modified = coaching != participant.Coaching || coached != participant.CallSidToCoach ||
                (update.EndConferenceOnExit is { } end && end != participant.EndConferenceOnExit);
            participant.Coaching = coaching;
            participant.CallSidToCoach = coached;
            participant.EndConferenceOnExit = update.EndConferenceOnExit ?? participant.EndConferenceOnExit;
            if (modified)
            {
                SendConferenceEvent(conference, "participant-modify", participant);
            }

            if (update.AnnounceUrl is { Length: > 0 } announce)
            {
                participant.Call.Prompts.Add("play:" + announce);
            }

            return Snapshot(participant);
        }
    }

    /// <summary>Kicks a participant: the leg leaves and hangs up; a leg still ringing is canceled.</summary>
    public void RemoveParticipant(string conferenceSidOrName, string callSidOrLabel)
    {
        lock (_gate)
        {
            var participant = FindParticipant(FindConference(conferenceSidOrName), callSidOrLabel);
            var connected = participant.Status == ParticipantStatus.Connected;
            EndCall(participant.Call, connected ? CallStatus.Completed : CallStatus.Canceled, "participant_kicked", kicked: true);
        }
    }

    private static SimulatedParticipant FindParticipant(SimulatedConference conference, string callSidOrLabel) =>
        conference.Participants.FirstOrDefault(p => p.Call.Sid == callSidOrLabel) ??
        conference.Participants.FirstOrDefault(p => p.Label == callSidOrLabel) ??
        throw SimulatorApiException.NotFound($"/Conferences/{conference.Sid}/Participants/{callSidOrLabel}");

    private static void RequireCoachable(SimulatedConference? conference, string? callSidToCoach)
    {
        if (conference?.Connected.Any(p => p.Call.Sid == callSidToCoach) != true)
        {
            throw new SimulatorApiException(400, TwilioErrorCodes.InvalidParameter,
                "CallSidToCoach must name a participant connected to this conference when Coaching is true.");
        }
    }
}
