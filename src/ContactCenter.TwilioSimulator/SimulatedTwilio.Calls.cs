namespace ContactCenter.TwilioSimulator;

/// <summary>The Calls and call Recordings REST resources.</summary>
public sealed partial class SimulatedTwilio
{
    /// <summary>Dials an outbound call; once answered it executes the given Twiml (a Url is noted, not fetched).</summary>
    public CallSnapshot CreateCall(OutboundCallRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.To))
        {
            throw new SimulatorApiException(400, TwilioErrorCodes.ToRequired, "A 'To' phone number is required.");
        }

        if (string.IsNullOrWhiteSpace(request.From))
        {
            throw new SimulatorApiException(400, TwilioErrorCodes.FromRequired, "A 'From' phone number is required.");
        }

        RequirePhoneNumberCallerId(request.From, request.To);
        if (string.IsNullOrWhiteSpace(request.Url) && string.IsNullOrWhiteSpace(request.Twiml))
        {
            throw new SimulatorApiException(400, TwilioErrorCodes.UrlRequired, "Either Url or Twiml is required.");
        }

        var twiml = request.Twiml is { Length: > 0 } text ? TwimlInstructions.Parse(text) : null;
        lock (_gate)
        {
            var call = NewCall(request.From, request.To, "outbound-api", request.StatusCallback, request.StatusCallbackEvents);
            call.PendingTwiml = twiml;
            if (twiml is null)
            {
                call.Prompts.Add("url:" + request.Url);
            }

            var created = Snapshot(call);
            StartRinging(call, request.Timeout);
            return created;
        }
    }

    /// <summary>
    /// Status=canceled ends a ringing call (a live one is unaffected); Status=completed ends either. Twiml/Url
    /// redirect a live call: it leaves its room and runs the new instructions.
    /// </summary>
    public CallSnapshot UpdateCall(string callSid, CallUpdate update)
    {
        var twiml = update.Twiml is { Length: > 0 } text ? TwimlInstructions.Parse(text) : null;
        lock (_gate)
        {
            var call = FindCall(callSid);
            if (update.Status is { } status && status != CallStatus.Completed && status != CallStatus.Canceled)
            {
                throw new SimulatorApiException(400, TwilioErrorCodes.InvalidParameter, $"Status must be 'completed' or 'canceled', not '{status}'.");
            }

            if (update.Status is not null)
            {
                if (call.IsRinging)
                {
                    EndCall(call, CallStatus.Canceled);
                }
                else if (update.Status == CallStatus.Completed && !call.IsEnded)
                {
                    EndCall(call, CallStatus.Completed);
                }

                return Snapshot(call);
            }

            if (twiml is null && string.IsNullOrWhiteSpace(update.Url))
            {
                return Snapshot(call);
            }

            if (call.Status != CallStatus.InProgress)
            {
                throw new SimulatorApiException(400, TwilioErrorCodes.NotInProgress, "Call is not in-progress. Cannot redirect.");
            }

            if (call.Conference is { } conference && ParticipantOf(call) is { } participant)
            {
                Leave(conference, participant, "participant_updated_via_api", kicked: false);
            }

            call.Conference = null;
            if (twiml is not null)
            {
                Execute(call, twiml);
            }
            else
            {
                call.Prompts.Add("url:" + update.Url);
            }

            return Snapshot(call);
        }
    }

    /// <summary>Starts recording a live call leg.</summary>
    public RecordingSnapshot StartRecording(string callSid, RecordingRequest request)
    {
        lock (_gate)
        {
            var call = FindCall(callSid);
            if (call.Status != CallStatus.InProgress)
            {
                throw SimulatorApiException.NotInProgress(callSid);
            }

            var recording = new SimulatedRecording
            {
                Sid = NewSid("RE"),
                CallSid = call.Sid,
                ConferenceSid = call.Conference?.Sid,
                Source = "StartCallRecordingAPI",
                StartTime = Now,
                StatusCallback = request.RecordingStatusCallback,
                StatusCallbackEvents = request.RecordingStatusCallbackEvents,
            };
            call.Recordings.Add(recording);
            SendRecordingStatus(recording, 0);
            return new RecordingSnapshot(recording.Sid, call.Sid, recording.ConferenceSid, recording.Status, recording.StartTime, recording.Source);
        }
    }

    /// <summary>Twilio refuses a caller ID that is not a phone number (a client: identity) on a call to the phone network.</summary>
    private static void RequirePhoneNumberCallerId(string from, string to)
    {
        if (IsE164(to) && !IsE164(from))
        {
            throw new SimulatorApiException(400, TwilioErrorCodes.InvalidFromNumber, $"Invalid From Number (caller ID): {from}");
        }

        static bool IsE164(string value) =>
            value is { Length: >= 3 and <= 16 } && value[0] == '+' && value[1] != '0' && value.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
    }
}
