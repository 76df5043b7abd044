using System.Globalization;

namespace ContactCenter.TwilioSimulator;

/// <summary>&lt;Record&gt;: the caller leaves a message at once and hangs up their side of it after <see cref="MessageSeconds"/>.</summary>
public sealed partial class SimulatedTwilio
{
    public const int MessageSeconds = 4;

    /// <summary>The &lt;Record&gt; action the call owes, taken once (null when none): the fetcher requests it.</summary>
    public (string Url, List<KeyValuePair<string, string>> Form)? TakeRecordAction(string callSid)
    {
        lock (_gate)
        {
            var call = FindCall(callSid);
            var action = call.PendingRecordAction;
            call.PendingRecordAction = null;
            return action;
        }
    }

    private void RecordMessage(SimulatedCall call, RecordVerb verb)
    {
        var recording = new SimulatedRecording
        {
            Sid = NewSid("RE"),
            CallSid = call.Sid,
            Source = "RecordVerb",
            StartTime = Now,
            Status = "completed",
            StatusCallback = verb.RecordingStatusCallback,
            StatusCallbackEvents = verb.RecordingStatusCallbackEvents,
        };
        call.Recordings.Add(recording);
        call.Prompts.Add("record:" + recording.Sid);
        SendRecordingStatus(recording, MessageSeconds);
        if (verb.Action is { Length: > 0 } action)
        {
            call.PendingRecordAction = (action,
            [
                new("RecordingSid", recording.Sid),
                new("RecordingUrl", $"https://api.twilio.com/{ApiVersion}/Accounts/{AccountSid}/Recordings/{recording.Sid}"),
                new("RecordingDuration", MessageSeconds.ToString(CultureInfo.InvariantCulture)),
                new("Digits", "hangup"),
            ]);
        }
        else
        {
            EndCall(call, CallStatus.Completed);
        }
    }
}
