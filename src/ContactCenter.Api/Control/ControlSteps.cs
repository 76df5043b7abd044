using ContactCenter.Api.Conferences;
using ContactCenter.Api.Twilio.Rest;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Control;

/// <summary>
/// The Twilio requests conference control is made of, each turning Twilio's refusal into a <see cref="ControlError"/>.
/// Dialing always goes through the Participants API with a fixed shape; nothing from a request reaches TwiML.
/// </summary>
public sealed class ControlSteps(
    ITwilioRestClient twilio, DialPolicy policy, TwilioFailures failures, IOptions<ConferenceOptions> conference, IOptions<TransferOptions> transfers)
{
    public static readonly IReadOnlyList<string> CallEvents = ["initiated", "ringing", "answered", "completed"];

    public int RingTimeoutSeconds => transfers.Value.RingTimeoutSeconds;

    public Task<ControlError?> HoldAsync(string conferenceSid, string callSid, bool hold, CancellationToken cancellationToken, bool goneIsFine = false) =>
        Run(hold ? "Hold" : "Unhold", goneIsFine, () => twilio.UpdateParticipantAsync(conferenceSid, callSid, hold
            ? new UpdateParticipantRequest { Hold = true, HoldUrl = conference.Value.EffectiveHoldMusicUrl, HoldMethod = "GET" }
            : new UpdateParticipantRequest { Hold = false }, cancellationToken), cancellationToken);

    public Task<ControlError?> MuteAsync(string conferenceSid, string callSid, bool muted, CancellationToken cancellationToken) =>
        Run(muted ? "Mute" : "Unmute", false, () => twilio.UpdateParticipantAsync(conferenceSid, callSid, new UpdateParticipantRequest { Muted = muted }, cancellationToken), cancellationToken);

    public Task<ControlError?> EndConferenceOnExitAsync(string conferenceSid, string callSid, bool value, CancellationToken cancellationToken, bool goneIsFine = false) =>
        Run("EndConferenceOnExit", goneIsFine, () => twilio.UpdateParticipantAsync(conferenceSid, callSid, new UpdateParticipantRequest { EndConferenceOnExit = value }, cancellationToken), cancellationToken);

    public Task<ControlError?> UpdateAsync(string conferenceSid, string callSid, UpdateParticipantRequest request, CancellationToken cancellationToken) =>
        Run("Update participant", false, () => twilio.UpdateParticipantAsync(conferenceSid, callSid, request, cancellationToken), cancellationToken);

    /// <param name="goneIsFine">True when a participant that has already left counts as removed.</param>
    public Task<ControlError?> RemoveAsync(string conferenceSid, string callSid, bool goneIsFine, CancellationToken cancellationToken) =>
        Run("Remove participant", goneIsFine, () => twilio.DeleteParticipantAsync(conferenceSid, callSid, cancellationToken), cancellationToken);

    /// <summary>Ends a leg whatever its state: Status=completed cancels a ringing call and hangs up a live one.</summary>
    public Task<ControlError?> HangUpAsync(string callSid, CancellationToken cancellationToken) =>
        Run("Hang up", true, () => twilio.UpdateCallAsync(callSid, new UpdateCallRequest { Complete = true }, cancellationToken), cancellationToken);

    public Task<ControlError?> EndRoomAsync(string conferenceSid, CancellationToken cancellationToken) =>
        Run("End conference", false, () => twilio.UpdateConferenceAsync(conferenceSid, new UpdateConferenceRequest { Complete = true }, cancellationToken), cancellationToken);

    public Task<ControlError?> RecordLegAsync(string callSid, string publicBaseUrl, CancellationToken cancellationToken) =>
        Run("Record leg", false, () => twilio.StartCallRecordingAsync(callSid, new StartCallRecordingRequest
        {
            RecordingStatusCallback = publicBaseUrl + "/recording-status",
            RecordingStatusCallbackEvent = ["in-progress", "completed", "absent"],
        }, cancellationToken), cancellationToken, repeatable: false);

    /// <summary>Dials <paramref name="target"/> into the room; the new leg's CallSid.</summary>
    public async Task<ControlResult<string>> DialAsync(
        string conferenceSid, DialTarget target, string label, ControlCaller caller, Func<CreateParticipantRequest, CreateParticipantRequest> shape,
        CancellationToken cancellationToken)
    {
        var request = shape(new CreateParticipantRequest
        {
            From = policy.CallerId,
            To = target.Endpoint,
            Label = label,
            EarlyMedia = true,
            Timeout = RingTimeoutSeconds,
            StatusCallback = caller.PublicBaseUrl + "/call-status",
            StatusCallbackMethod = "POST",
            StatusCallbackEvent = CallEvents,
        });
        try
        {
            var participant = await twilio.CreateParticipantAsync(conferenceSid, request, cancellationToken);
            return participant.CallSid;
        }
        catch (TwilioApiException error) when (error.IsNotFound)
        {
            return ControlError.Conflict("Room has ended", "Twilio no longer has this conference in progress.") with
            {
                TwilioCode = error.TwilioCode, TwilioStatus = StatusCodes.Status404NotFound, Operation = "Dial",
            };
        }
        catch (Exception error) when (failures.Classify(error, "Dial", dials: true, cancellationToken) is { } failed)
        {
            return failed;
        }
    }

    /// <summary>The room's participants as Twilio has them now: what an unknown dial outcome is reconciled against.</summary>
    public async Task<ControlResult<IReadOnlyList<TwilioParticipant>>> ParticipantsAsync(string conferenceSid, CancellationToken cancellationToken)
    {
        try
        {
            return new ControlResult<IReadOnlyList<TwilioParticipant>>(await twilio.ListParticipantsAsync(conferenceSid, cancellationToken), null);
        }
        catch (TwilioApiException error) when (error.IsNotFound)
        {
            return new ControlResult<IReadOnlyList<TwilioParticipant>>([], null); // the conference is over: nobody is in it
        }
        catch (Exception error) when (failures.Classify(error, "List participants", dials: false, cancellationToken) is { } failed)
        {
            return failed;
        }
    }

    private async Task<ControlError?> Run(string operation, bool goneIsFine, Func<Task> call, CancellationToken cancellationToken, bool repeatable = true)
    {
        try
        {
            await call();
            return null;
        }
        catch (TwilioApiException error) when (goneIsFine && (error.IsNotFound || error.IsNotConnected))
        {
            return null;
        }
        catch (Exception error) when (failures.Classify(error, operation, dials: false, cancellationToken, repeatable) is { } failed)
        {
            return failed;
        }
    }
}
