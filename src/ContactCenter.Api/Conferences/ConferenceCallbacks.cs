using System.Reflection;
using ContactCenter.Api.Twilio;

namespace ContactCenter.Api.Conferences;

// Twilio's status callbacks, bound from the checked form (TwilioWebhookForm): every field an optional string,
// binding never fails and never yields null; the handlers validate and parse. What is stored of the form is
// decided by TwilioValues.StoredFields.

/// <summary>A conference status callback (statusCallback on &lt;Conference&gt; or the Participants API).</summary>
public sealed record ConferenceEventCallback : IBindableFromHttpContext<ConferenceEventCallback>
{
    public string? ConferenceSid { get; init; }
    public string? FriendlyName { get; init; }
    public string? AccountSid { get; init; }
    public string? SequenceNumber { get; init; }
    public string? Timestamp { get; init; }
    public string? StatusCallbackEvent { get; init; }
    public string? CallSid { get; init; }
    public string? ParticipantLabel { get; init; }
    public string? Muted { get; init; }
    public string? Hold { get; init; }
    public string? Coaching { get; init; }
    public string? CallSidToCoach { get; init; }
    public string? EndConferenceOnExit { get; init; }
    public string? StartConferenceOnEnter { get; init; }
    public string? ReasonConferenceEnded { get; init; }
    public string? CallSidEndingConference { get; init; }
    public string? ParticipantCallStatus { get; init; }
    public string? ReasonParticipantLeft { get; init; }

    public static ValueTask<ConferenceEventCallback?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var form = TwilioWebhookForm.Of(context);
        return ValueTask.FromResult<ConferenceEventCallback?>(new ConferenceEventCallback
        {
            ConferenceSid = form.Single("ConferenceSid"),
            FriendlyName = form.Single("FriendlyName"),
            AccountSid = form.Single("AccountSid"),
            SequenceNumber = form.Single("SequenceNumber"),
            Timestamp = form.Single("Timestamp"),
            StatusCallbackEvent = form.Single("StatusCallbackEvent"),
            CallSid = form.Single("CallSid"),
            ParticipantLabel = form.Single("ParticipantLabel"),
            Muted = form.Single("Muted"),
            Hold = form.Single("Hold"),
            Coaching = form.Single("Coaching"),
            CallSidToCoach = form.Single("CallSidToCoach"),
            EndConferenceOnExit = form.Single("EndConferenceOnExit"),
            StartConferenceOnEnter = form.Single("StartConferenceOnEnter"),
            ReasonConferenceEnded = form.Single("ReasonConferenceEnded"),
            CallSidEndingConference = form.Single("CallSidEndingConference"),
            ParticipantCallStatus = form.Single("ParticipantCallStatus"),
            ReasonParticipantLeft = form.Single("ReasonParticipantLeft"),
        });
    }
}

/// <summary>A call progress callback for a leg the service dialed (agents, transfer targets, supervisors).</summary>
public sealed record CallStatusCallback : IBindableFromHttpContext<CallStatusCallback>
{
    public string? CallSid { get; init; }
    public string? AccountSid { get; init; }
    public string? ParentCallSid { get; init; }
    public string? CallStatus { get; init; }
    public string? SequenceNumber { get; init; }
    public string? Timestamp { get; init; }
    public string? Direction { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? CallDuration { get; init; }
    public string? SipResponseCode { get; init; }
    public string? AnsweredBy { get; init; }

    public static ValueTask<CallStatusCallback?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var form = TwilioWebhookForm.Of(context);
        return ValueTask.FromResult<CallStatusCallback?>(new CallStatusCallback
        {
            CallSid = form.Single("CallSid"),
            AccountSid = form.Single("AccountSid"),
            ParentCallSid = form.Single("ParentCallSid"),
            CallStatus = form.Single("CallStatus"),
            SequenceNumber = form.Single("SequenceNumber"),
            Timestamp = form.Single("Timestamp"),
            Direction = form.Single("Direction"),
            From = form.Single("From"),
            To = form.Single("To"),
            CallDuration = form.Single("CallDuration"),
            SipResponseCode = form.Single("SipResponseCode"),
            AnsweredBy = form.Single("AnsweredBy"),
        });
    }
}

/// <summary>A recording status callback for the conference recording or a call-leg recording.</summary>
public sealed record RecordingStatusCallback : IBindableFromHttpContext<RecordingStatusCallback>
{
    public string? AccountSid { get; init; }
    public string? RecordingSid { get; init; }
    public string? RecordingUrl { get; init; }
    public string? RecordingStatus { get; init; }
    public string? RecordingDuration { get; init; }
    public string? RecordingChannels { get; init; }
    public string? RecordingSource { get; init; }
    public string? ConferenceSid { get; init; }
    public string? CallSid { get; init; }

    public static ValueTask<RecordingStatusCallback?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var form = TwilioWebhookForm.Of(context);
        return ValueTask.FromResult<RecordingStatusCallback?>(new RecordingStatusCallback
        {
            AccountSid = form.Single("AccountSid"),
            RecordingSid = form.Single("RecordingSid"),
            RecordingUrl = form.Single("RecordingUrl"),
            RecordingStatus = form.Single("RecordingStatus"),
            RecordingDuration = form.Single("RecordingDuration"),
            RecordingChannels = form.Single("RecordingChannels"),
            RecordingSource = form.Single("RecordingSource"),
            ConferenceSid = form.Single("ConferenceSid"),
            CallSid = form.Single("CallSid"),
        });
    }
}
