using System.Globalization;

namespace ContactCenter.TwilioSimulator;

/// <summary>The webhooks Twilio posts, with the parameters Twilio sends.</summary>
public sealed partial class SimulatedTwilio
{
    public const string ApiVersion = "2010-04-01";

    /// <summary>RFC 1123 / RFC 2822 as Twilio writes dates: "Mon, 23 Nov 2026 21:00:00 +0000".</summary>
    public static string FormatDate(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>Conference events go to the room's statusCallback, filtered by its statusCallbackEvent list.</summary>
    private void SendConferenceEvent(
        SimulatedConference conference, string name, SimulatedParticipant? participant = null, params (string Key, string? Value)[] extra)
    {
        var key = name switch
        {
            "conference-start" => "start",
            "conference-end" => "end",
            "participant-join" => "join",
            "participant-leave" => "leave",
            "participant-mute" or "participant-unmute" => "mute",
            "participant-hold" or "participant-unhold" => "hold",
            _ => "modify",
        };
        if (string.IsNullOrEmpty(conference.StatusCallback) || !conference.StatusCallbackEvents.Contains(key))
        {
            return;
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", AccountSid),
            new("ConferenceSid", conference.Sid),
            new("FriendlyName", conference.FriendlyName),
            new("StatusCallbackEvent", name),
            new("SequenceNumber", (++conference.CallbackSequence).ToString(CultureInfo.InvariantCulture)),
            new("Timestamp", FormatDate(Now)),
        };
        if (participant is not null)
        {
            form.Add(new("CallSid", participant.Call.Sid));
            form.Add(new("Muted", Bool(participant.Muted)));
            form.Add(new("Hold", Bool(participant.Hold)));
            form.Add(new("Coaching", Bool(participant.Coaching)));
            form.Add(new("EndConferenceOnExit", Bool(participant.EndConferenceOnExit)));
            form.Add(new("StartConferenceOnEnter", Bool(participant.StartConferenceOnEnter)));
            if (participant.Label is { Length: > 0 } label)
            {
                form.Add(new("ParticipantLabel", label));
            }

            if (participant.Coaching && participant.CallSidToCoach is { } coached)
            {
                form.Add(new("CallSidToCoach", coached));
            }
        }

        form.AddRange(extra.Where(e => e.Value is not null).Select(e => new KeyValuePair<string, string>(e.Key, e.Value!)));
        callbacks.Enqueue(new SimulatorCallback(conference.StatusCallback, form));
    }

    /// <summary>Call progress events to the leg's StatusCallback; with no events listed Twilio sends only the final one.</summary>
    private void SendCallStatus(SimulatedCall call)
    {
        var key = call.Status switch
        {
            CallStatus.Initiated => "initiated",
            CallStatus.Ringing => "ringing",
            CallStatus.InProgress => "answered",
            CallStatus.Queued => null,
            _ => "completed",
        };
        var wanted = call.StatusCallbackEvents.Count == 0 ? key == "completed" : key is not null && call.StatusCallbackEvents.Contains(key);
        if (string.IsNullOrEmpty(call.StatusCallback) || !wanted)
        {
            return;
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", AccountSid),
            new("ApiVersion", ApiVersion),
            new("CallSid", call.Sid),
            new("CallStatus", call.Status),
            new("CallbackSource", "call-progress-events"),
            new("Called", call.To),
            new("Caller", call.From),
            new("Direction", call.Direction),
            new("From", call.From),
            new("To", call.To),
            new("SequenceNumber", (call.CallbackSequence++).ToString(CultureInfo.InvariantCulture)),
            new("Timestamp", FormatDate(Now)),
        };
        if (call.IsEnded)
        {
            var duration = call.Duration.ToString(CultureInfo.InvariantCulture);
            form.Add(new("CallDuration", duration));
            form.Add(new("Duration", duration));
        }

        callbacks.Enqueue(new SimulatorCallback(call.StatusCallback, form));
    }

    private void SendRecordingStatus(SimulatedRecording recording, int durationSeconds)
    {
        var wanted = recording.StatusCallbackEvents.Count == 0
            ? recording.Status == "completed"
            : recording.StatusCallbackEvents.Contains(recording.Status);
        if (string.IsNullOrEmpty(recording.StatusCallback) || !wanted)
        {
            return;
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", AccountSid),
            new("RecordingSid", recording.Sid),
            new("RecordingUrl", $"https://api.twilio.com/{ApiVersion}/Accounts/{AccountSid}/Recordings/{recording.Sid}"),
            new("RecordingStatus", recording.Status),
            new("RecordingChannels", "1"),
            new("RecordingSource", recording.Source),
            new("RecordingStartTime", FormatDate(recording.StartTime)),
            new("Timestamp", FormatDate(Now)),
        };
        if (recording.CallSid is { } callSid)
        {
            form.Add(new("CallSid", callSid));
        }

        if (recording.ConferenceSid is { } conferenceSid)
        {
            form.Add(new("ConferenceSid", conferenceSid));
        }

        if (recording.Status == "completed")
        {
            form.Add(new("RecordingDuration", durationSeconds.ToString(CultureInfo.InvariantCulture)));
        }

        callbacks.Enqueue(new SimulatorCallback(recording.StatusCallback, form));
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
