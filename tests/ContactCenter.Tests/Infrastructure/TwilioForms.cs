using System.Globalization;

namespace ContactCenter.Tests.Infrastructure;

/// <summary>Webhook bodies shaped as Twilio sends them (Twilio's field names, RFC 2822 timestamps, "true"/"false").</summary>
public static class TwilioForms
{
    public const string CallSid = "CA0123456789abcdef0123456789abcdef";

    /// <summary>Monday 23 November 2026, 21:00:00 UTC: the clock of the realistic scenarios.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 21, 0, 0, TimeSpan.Zero);

    public static Dictionary<string, string> IncomingCall(string callSid = CallSid) => new()
    {
        ["AccountSid"] = ContactCenterFactory.AccountSid,
        ["ApiVersion"] = "2010-04-01",
        ["CallSid"] = callSid,
        ["CallStatus"] = "ringing",
        ["Called"] = "+18005550100",
        ["CalledCountry"] = "US",
        ["Caller"] = "+14155551234",
        ["CallerCountry"] = "US",
        ["Direction"] = "inbound",
        ["From"] = "+14155551234",
        ["FromCity"] = "SAN FRANCISCO",
        ["FromState"] = "CA",
        ["FromCountry"] = "US",
        ["FromZip"] = "94105",
        ["To"] = "+18005550100",
        ["ToCountry"] = "US",
    };

    /// <summary>Twilio's Timestamp format: "Mon, 23 Nov 2026 21:00:00 +0000".</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>A conference-start / conference-end callback.</summary>
    public static Dictionary<string, string> ConferenceEvent(
        string conferenceSid, string friendlyName, long sequence, string statusCallbackEvent, DateTimeOffset at,
        string? reasonEnded = null, string? callSidEnding = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = ContactCenterFactory.AccountSid,
            ["ConferenceSid"] = conferenceSid,
            ["FriendlyName"] = friendlyName,
            ["SequenceNumber"] = sequence.ToString(CultureInfo.InvariantCulture),
            ["StatusCallbackEvent"] = statusCallbackEvent,
            ["Timestamp"] = Timestamp(at),
        };
        if (reasonEnded is not null)
        {
            form["ReasonConferenceEnded"] = reasonEnded;
            form["CallSidEndingConference"] = callSidEnding ?? "";
        }

        return form;
    }

    /// <summary>A participant-* callback: every one carries the participant's current flags.</summary>
    public static Dictionary<string, string> ParticipantEvent(
        string conferenceSid, string friendlyName, long sequence, string statusCallbackEvent, DateTimeOffset at, string callSid, string label,
        bool hold = false, bool muted = false, string? coaching = null, bool endConferenceOnExit = false,
        string? reasonLeft = null)
    {
        var form = ConferenceEvent(conferenceSid, friendlyName, sequence, statusCallbackEvent, at);
        form["CallSid"] = callSid;
        form["ParticipantLabel"] = label;
        form["Coaching"] = coaching is null ? "false" : "true";
        if (coaching is not null)
        {
            form["CallSidToCoach"] = coaching;
        }

        form["EndConferenceOnExit"] = endConferenceOnExit ? "true" : "false";
        form["StartConferenceOnEnter"] = "true";
        form["Hold"] = hold ? "true" : "false";
        form["Muted"] = muted ? "true" : "false";
        if (reasonLeft is not null)
        {
            form["ReasonParticipantLeft"] = reasonLeft;
            form["ParticipantCallStatus"] = "completed";
        }

        return form;
    }

    /// <summary>A call progress callback for a leg the service dialed.</summary>
    public static Dictionary<string, string> CallStatus(string callSid, string status, long sequence, DateTimeOffset at, string to = "+14155550142") => new()
    {
        ["AccountSid"] = ContactCenterFactory.AccountSid,
        ["ApiVersion"] = "2010-04-01",
        ["CallSid"] = callSid,
        ["CallStatus"] = status,
        ["CallbackSource"] = "call-progress-events",
        ["Called"] = to,
        ["Caller"] = "+18005550100",
        ["Direction"] = "outbound-api",
        ["From"] = "+18005550100",
        ["To"] = to,
        ["SequenceNumber"] = sequence.ToString(CultureInfo.InvariantCulture),
        ["Timestamp"] = Timestamp(at),
    };

    /// <summary>A recording status callback for a conference recording.</summary>
    public static Dictionary<string, string> ConferenceRecording(string conferenceSid, string recordingSid, string status, int? duration = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = ContactCenterFactory.AccountSid,
            ["ConferenceSid"] = conferenceSid,
            ["RecordingSid"] = recordingSid,
            ["RecordingStatus"] = status,
            ["RecordingChannels"] = "1",
            ["RecordingSource"] = "StartConferenceAPI",
            ["RecordingStartTime"] = Timestamp(Start),
            ["RecordingUrl"] = $"https://api.twilio.com/2010-04-01/Accounts/{ContactCenterFactory.AccountSid}/Recordings/{recordingSid}",
            ["ErrorCode"] = "0",
        };
        if (duration is { } seconds)
        {
            form["RecordingDuration"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return form;
    }
}
