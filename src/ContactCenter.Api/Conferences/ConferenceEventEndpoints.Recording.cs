using ContactCenter.Api.Operations;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;
using ContactCenter.Api.Twilio;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Conferences;

public static partial class ConferenceEventEndpoints
{
    public static async Task<Results<Ok, ProblemHttpResult, StatusCodeHttpResult>> HandleRecordingStatus(
        RecordingStatusCallback callback,
        TwilioWebhookForm form,
        ConferenceEventWriter writer,
        HttpContext http,
        IOptions<TwilioOptions> twilio,
        TimeProvider time,
        ILogger<ConferenceEventCallback> logger,
        CancellationToken cancellationToken,
        string? voicemail = null)
    {
        if (!Sids.Is(callback.RecordingSid, "RE"))
        {
            return Malformed(logger, "/recording-status", "RecordingSid must be 'RE' followed by 32 hexadecimal characters.");
        }

        var conferenceSid = Sids.IsConferenceSid(callback.ConferenceSid) ? callback.ConferenceSid : null;
        var callSid = Sids.IsCallSid(callback.CallSid) ? callback.CallSid : null;
        if (conferenceSid is null && callSid is null)
        {
            return Malformed(logger, "/recording-status", "A recording callback needs a ConferenceSid or a CallSid.");
        }

        if (OtherAccount(callback.AccountSid, twilio.Value, logger, "/recording-status") is { } refused)
        {
            return refused;
        }

        var status = string.IsNullOrWhiteSpace(callback.RecordingStatus) ? "unknown" : callback.RecordingStatus.Trim();
        var recording = new RecordingRow
        {
            RecordingSid = callback.RecordingSid!,
            RecordingStatus = status,
            ConferenceSid = conferenceSid,
            CallSid = callSid,
            RecordingUrl = NullIfEmpty(callback.RecordingUrl),
            DurationSeconds = TwilioValues.ParseInt(callback.RecordingDuration),
            Channels = TwilioValues.ParseInt(callback.RecordingChannels),
            ReceivedAt = time.GetUtcNow().UtcDateTime,
            Payload = TwilioValues.RawJson(Stored(form, CallbackFields.Recording, logger, "/recording-status")),
        };
        var isNew = await writer.AddRecordingAsync(recording, VoicemailStore.WritesFor(voicemail, recording), cancellationToken);
        CallbackTelemetry.Stored(http, null, isNew, conferenceSid, callSid);
        LogRecording(logger, status, callback.RecordingSid!, conferenceSid ?? callSid!, isNew ? "stored" : "duplicate");
        return TypedResults.Ok();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Recording {RecordingStatus} {RecordingSid} of {Owner}: {Outcome}")]
    private static partial void LogRecording(ILogger logger, string recordingStatus, string recordingSid, string owner, string outcome);
}
