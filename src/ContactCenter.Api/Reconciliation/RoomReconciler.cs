using ContactCenter.Api.Conferences;
using ContactCenter.Api.Twilio.Rest;

namespace ContactCenter.Api.Reconciliation;

public enum ReconcileOutcome
{
    /// <summary>Twilio and the record agree: nothing written.</summary>
    InAgreement,

    /// <summary>Twilio says the conference is over: the room (and whoever was still in it) is closed as reconciled.</summary>
    RoomClosed,

    /// <summary>The conference goes on, but some participants the record has in the room are no longer in it at Twilio.</summary>
    ParticipantsClosed,

    /// <summary>The record has no live room by that name (unknown, or already ended).</summary>
    NotLive,

    /// <summary>Twilio (or the database) failed; nothing was changed and a later pass tries again.</summary>
    Failed,
}

public sealed record ReconcileResult(ReconcileOutcome Outcome, int ParticipantsClosed = 0, string? TwilioSays = null);

/// <summary>
/// Checks one room the record believes live against Twilio's Conferences and Participants APIs, and closes in the
/// record what Twilio says is over (reason <c>reconciled</c>). Requests, in order: fetch the conference; on 404, list
/// conferences by the room's name (so an account-wide 404, e.g. wrong credentials, closes nothing); while it is in
/// progress, list its participants (which also clears the room's unknown-outcome dial records Twilio does not list).
/// Any failure changes nothing.
/// </summary>
public sealed partial class RoomReconciler(
    IConferenceStore store, ITwilioRestClient twilio, ReconciliationWriter writer, Control.PendingDials pendingDials, Control.TransferStore transfers,
    ILogger<RoomReconciler> logger)
{
    public async Task<ReconcileResult> ReconcileAsync(string roomOrSid, CancellationToken cancellationToken) =>
        await store.GetRoomAsync(roomOrSid, cancellationToken) is { Status: ConferenceStatus.Active } room
            ? await ReconcileAsync(room, cancellationToken)
            : new ReconcileResult(ReconcileOutcome.NotLive);

    public async Task<ReconcileResult> ReconcileAsync(ConferenceRoom room, CancellationToken cancellationToken)
    {
        if (room.Status != ConferenceStatus.Active)
        {
            return new ReconcileResult(ReconcileOutcome.NotLive);
        }

        var inRoom = room.Participants.Where(p => p.InRoom).Select(p => p.CallSid).ToList();
        try
        {
            if (await OverAtTwilioAsync(room, cancellationToken) is { } over)
            {
                await writer.WriteAsync(room, inRoom, endRoom: true, over, cancellationToken);
                LogRoomClosed(logger, room.ConferenceSid, over, inRoom.Count);
                await FailActiveTransferAsync(room.ConferenceSid, over, cancellationToken);
                return new ReconcileResult(ReconcileOutcome.RoomClosed, inRoom.Count, over);
            }

            var listed = (await twilio.ListParticipantsAsync(room.ConferenceSid, cancellationToken))
                .Where(p => p.Status is not ("complete" or "failed"))
                .ToList();
            var present = listed.Select(p => p.CallSid).ToHashSet(StringComparer.Ordinal);
            // A dial whose outcome was unknown and whose label Twilio does not list was never placed or has ended.
            await pendingDials.ClearAbsentAsync(room.ConferenceSid, [.. listed.Select(p => p.Label ?? "")], cancellationToken);
            var gone = inRoom.Where(callSid => !present.Contains(callSid)).ToList();
            if (gone.Count == 0)
            {
                return new ReconcileResult(ReconcileOutcome.InAgreement);
            }

            const string Left = "the participant is no longer in the conference";
            await writer.WriteAsync(room, gone, endRoom: false, Left, cancellationToken);
            LogParticipantsClosed(logger, room.ConferenceSid, gone.Count);
            return new ReconcileResult(ReconcileOutcome.ParticipantsClosed, gone.Count, Left);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Timeouts, 5xx, garbage, an unreachable Twilio or database: the record stays as it is.
            LogFailed(logger, room.ConferenceSid, exception.GetType().Name, exception.Message);
            return new ReconcileResult(ReconcileOutcome.Failed);
        }
    }

    /// <summary>A transfer cannot go on in a conference that is over: it would otherwise stay active (and lock nothing) forever.</summary>
    private async Task FailActiveTransferAsync(string conferenceSid, string twilioSays, CancellationToken cancellationToken)
    {
        if (await transfers.ActiveForRoomAsync(conferenceSid, cancellationToken) is { } transfer
            && await transfers.TransitionAsync(transfer.Id, Control.TransferStates.Active, Control.TransferStates.Failed,
                $"reconciled: {twilioSays}", cancellationToken, owesSteps: false))
        {
            LogTransferFailed(logger, transfer.Id, conferenceSid);
        }
    }

    /// <summary>Why Twilio says the conference is over, or null while it goes on.</summary>
    private async Task<string?> OverAtTwilioAsync(ConferenceRoom room, CancellationToken cancellationToken)
    {
        try
        {
            var conference = await twilio.FetchConferenceAsync(room.ConferenceSid, cancellationToken);
            return conference.Status == "completed" ? "the conference is completed" : null;
        }
        catch (TwilioApiException error) when (error.IsNotFound)
        {
            var named = await twilio.ListConferencesAsync(room.FriendlyName, null, cancellationToken);
            return named.Any(c => c.Sid == room.ConferenceSid && c.Status != "completed") ? null : "Twilio does not know the conference";
        }
    }

    [LoggerMessage(EventId = 4101, EventName = "RoomReconciled", Level = LogLevel.Warning,
        Message = "Reconciled {ConferenceSid}: {TwilioSays} but its end was never recorded (a lost callback); closed it and {Participants} participant(s) as reconciled")]
    private static partial void LogRoomClosed(ILogger logger, string conferenceSid, string twilioSays, int participants);

    [LoggerMessage(EventId = 4104, EventName = "TransferReconciled", Level = LogLevel.Warning,
        Message = "Transfer {TransferId} failed as reconciled: its conference {ConferenceSid} is over at Twilio")]
    private static partial void LogTransferFailed(ILogger logger, string transferId, string conferenceSid);

    [LoggerMessage(EventId = 4102, EventName = "ParticipantsReconciled", Level = LogLevel.Warning,
        Message = "Reconciled {ConferenceSid}: {Participants} participant(s) had left at Twilio without a recorded leave (a lost callback); closed as reconciled")]
    private static partial void LogParticipantsClosed(ILogger logger, string conferenceSid, int participants);

    [LoggerMessage(EventId = 4103, EventName = "ReconciliationFailed", Level = LogLevel.Warning,
        Message = "Could not reconcile {ConferenceSid} with Twilio ({Error}: {Message}); the record is unchanged and the next pass tries again")]
    private static partial void LogFailed(ILogger logger, string conferenceSid, string error, string message);
}
