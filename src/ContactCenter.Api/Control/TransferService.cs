using ContactCenter.Api.Conferences;
using ContactCenter.Api.Observability;
using ContactCenter.Api.Storage;

namespace ContactCenter.Api.Control;

/// <summary>A transfer as the admin API shows it; an external number is masked.</summary>
public sealed record TransferView(
    string Id, string ConferenceSid, string Type, string State, string TargetKind, string Target, string? TargetCallSid,
    string? Reason, string Actor, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static TransferView Of(TransferRow t) => new(
        t.Id, t.ConferenceSid, t.Type, t.State, t.TargetKind,
        t.TargetKind == DialTarget.NumberKind ? PhoneMask.Mask(t.TargetId) : t.TargetId,
        t.TargetCallSid, t.Reason, t.Actor, Utc(t.CreatedAt), Utc(t.UpdatedAt));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

/// <summary>
/// Warm and cold transfers of a room's caller, persisted so any instance can complete, cancel or recover them.
/// Order of Twilio requests (each step only after the previous one succeeded):
/// warm start: first agent EndConferenceOnExit=false, caller on hold, target dialed (EndConferenceOnExit=false);
/// warm complete: caller off hold, first agent removed, target EndConferenceOnExit=true;
/// cancel: target hung up (ringing) or removed (joined), caller off hold, first agent EndConferenceOnExit=true;
/// cold start: first agent EndConferenceOnExit=false, caller on hold, first agent removed, target dialed
/// (EndConferenceOnExit=true); the caller comes off hold when the target joins.
/// A state change that owes Twilio requests leaves the transfer unsettled until they are made; the admin paths make them
/// even when their request is aborted, and <see cref="TransferRecovery"/> finishes or rolls back what a crash interrupted.
/// </summary>
public sealed partial class TransferService(
    RoomLookup rooms, DialPolicy policy, ControlSteps steps, TransferStore store, IConferenceStore conferences, AuditLog audit, TimeProvider time,
    Routing.AgentStore agents, Routing.AgentClaims claims, Routing.CallerRequeue requeue, Routing.Dispatcher dispatcher,
    Microsoft.Extensions.Options.IOptions<Routing.RoutingOptions> routing, ILogger<TransferService> logger)
{
    public const string Warm = "warm";
    public const string Cold = "cold";

    public async Task<ControlResult<TransferView>> StartAsync(string room, string? type, DialTargetRequest? to, ControlCaller caller, CancellationToken cancellationToken)
    {
        if (type is not (Warm or Cold))
        {
            return ControlError.Invalid("Invalid transfer type", "type must be 'warm' or 'cold'.");
        }

        var target = policy.TransferTarget(to);
        if (target.Error is { } refused)
        {
            return refused;
        }

        if (await RefuseEarlyAsync(target.Value!, cancellationToken) is { } refusedEarly)
        {
            return refusedEarly;
        }

        var live = await rooms.LiveAsync(room, cancellationToken);
        if (live.Error is { } roomError)
        {
            return roomError;
        }

        var found = live.Value!;
        if (found.Customer is not { } customer)
        {
            return ControlError.Conflict("No caller in the room", "There is no caller in the room to transfer.");
        }

        var agent = await rooms.AgentAsync(found, cancellationToken);
        if (type == Warm && agent is null)
        {
            return ControlError.Conflict("No agent in the room", "A warm transfer needs the room's agent to introduce the caller.");
        }

        if (type == Cold && target.Value!.Kind == DialTarget.QueueKind)
        {
            return await ColdToQueueAsync(found, customer, agent, target.Value.Id, caller, cancellationToken);
        }

        if (found.IsFull)
        {
            return ConferenceService.Full();
        }

        var label = RoomLookup.TargetLabel(found);
        var claimed = await ClaimTargetAsync(target.Value!, Routing.AgentClaims.Holder(found.ConferenceSid, label), cancellationToken);
        if (claimed.Error is { } notClaimed)
        {
            return notClaimed;
        }

        target = claimed;
        var now = time.GetUtcNow().UtcDateTime;
        var row = new TransferRow
        {
            Id = "TR" + Guid.NewGuid().ToString("N"),
            ConferenceSid = found.ConferenceSid,
            Type = type,
            State = TransferStates.Dialing,
            TargetKind = target.Value!.Kind,
            TargetId = target.Value.Id,
            FirstAgentCallSid = agent?.CallSid,
            CustomerCallSid = customer.CallSid,
            Actor = caller.Actor,
            CreatedAt = now,
            UpdatedAt = now,
            Settled = false,
            TargetLabel = label,
        };
        if (!await store.TryInsertAsync(row, CancellationToken.None))
        {
            await ReleaseTargetAsync(row, "not-started", CancellationToken.None);
            var blocking = await store.ActiveForRoomAsync(found.ConferenceSid, cancellationToken);
            return ControlError.Conflict("Transfer in progress",
                $"The room already has a transfer in progress ({blocking?.Id ?? "just finished; try again"}); complete or cancel it first.") with { TransferId = blocking?.Id };
        }

        // From here on the steps run to their end even if the admin request is aborted: a half-done transfer is worse than a slow answer.
        var dialed = await DialTargetAsync(row, target.Value, label, caller, CancellationToken.None);
        if (dialed.Error is { } failed)
        {
            await ReleaseTargetAsync(row, "not-started", CancellationToken.None);
            return failed;
        }

        if (type == Cold)
        {
            await ReleaseFirstAgentAsync(row, CancellationToken.None);
        }

        row.TargetCallSid = dialed.Value;
        await store.SetTargetCallSidAsync(row.Id, dialed.Value!, CancellationToken.None);
        LogStarted(logger, type, row.Id, row.ConferenceSid, target.Value.Display, dialed.Value!);
        await CatchUpAsync(row, CancellationToken.None);
        return await ReloadAsync(row.Id, CancellationToken.None) is { Value: { } view } ? view : TransferView.Of(row);
    }

    /// <summary>Warm only, once the target has joined: caller off hold, first agent removed, target becomes the agent.</summary>
    public async Task<ControlResult<TransferView>> CompleteAsync(string room, string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(room, id, cancellationToken) is not { } row)
        {
            return UnknownTransfer(id);
        }

        if (row.Type == Cold)
        {
            return ControlError.Conflict("Cold transfers complete themselves", "A cold transfer completes when its target joins.");
        }

        if (row.State != TransferStates.Connected)
        {
            return ControlError.Conflict("Transfer cannot complete",
                row.State == TransferStates.Dialing ? "The target has not joined yet." : $"The transfer is {row.State}.");
        }

        if (!await store.TransitionAsync(row.Id, [TransferStates.Connected], TransferStates.Completed, null, cancellationToken))
        {
            return ControlError.Conflict("Transfer changed", "The transfer changed state meanwhile; read it again.");
        }

        var error = await CompleteStepsAsync(row, CancellationToken.None);
        await ReleaseFirstAgentAsync(row, CancellationToken.None);
        return await SettleUnlessTwilioFailedAsync(row, error);
    }

    /// <summary>Target hung up (ringing) or removed (joined), caller off hold, first agent back to ending the call on exit.</summary>
    public async Task<ControlResult<TransferView>> CancelAsync(string room, string id, string actor, CancellationToken cancellationToken)
    {
        if (await FindAsync(room, id, cancellationToken) is not { } row)
        {
            return UnknownTransfer(id);
        }

        if (row.State is not (TransferStates.Dialing or TransferStates.Connected))
        {
            return ControlError.Conflict("Transfer is over", $"The transfer is {row.State}.");
        }

        if (!await store.TransitionAsync(row.Id, [row.State], TransferStates.Cancelled, $"cancelled by {actor}", cancellationToken))
        {
            return ControlError.Conflict("Transfer changed", "The transfer changed state meanwhile; read it again.");
        }

        var error = await DropTargetAsync(row, CancellationToken.None) ?? await RestoreCallerAsync(row, CancellationToken.None);
        await ReleaseTargetAsync(row, "cancelled", CancellationToken.None);
        return await SettleUnlessTwilioFailedAsync(row, error);
    }

    /// <summary>The admin answer to a complete or cancel whose steps failed: with the transfer's id, and whether they are made again.</summary>
    private async Task<ControlResult<TransferView>> SettleUnlessTwilioFailedAsync(TransferRow row, ControlError? error)
    {
        var transient = error is { IsTwilioTransient: true };
        await SettleUnlessTransientAsync(row, error, CancellationToken.None);
        return error is null ? await ReloadAsync(row.Id, CancellationToken.None)
            : error with
            {
                TransferId = row.Id,
                Detail = error.Detail + (transient ? $" Transfer {row.Id}: the remaining steps are made again in the background." : ""),
            };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Type} transfer {TransferId} in {ConferenceSid} to {Target}: dialing {CallSid}")]
    private static partial void LogStarted(ILogger logger, string type, string transferId, string conferenceSid, string target, string callSid);
}
