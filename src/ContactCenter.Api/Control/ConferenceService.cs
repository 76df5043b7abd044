using ContactCenter.Api.Conferences;
using ContactCenter.Api.Reconciliation;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Control;

/// <summary>
/// Conference control on a live room through Twilio's Participants and Conferences APIs: connect an agent,
/// hold/unhold, mute/unmute, remove, end, and supervisors (monitor, coach, barge). Expected refusals come back as
/// <see cref="ControlError"/>s; nothing is sent to Twilio when the service refuses.
/// </summary>
public sealed partial class ConferenceService(
    RoomLookup rooms, DialPolicy policy, ControlSteps steps, PendingDials pending, IOptions<ConferenceOptions> conference, RoomReconciler reconciler,
    Routing.AgentStore agents, Routing.AgentClaims claims, ILogger<ConferenceService> logger)
{
    /// <summary>Dials the agent into the room, labelled <c>agent</c>; the agent hanging up ends the call.</summary>
    public async Task<ControlResult<ControlOutcome>> ConnectAgentAsync(string room, string? agentId, ControlCaller caller, CancellationToken cancellationToken)
    {
        var agent = policy.Agent(agentId);
        if (agent.Error is { } unknown)
        {
            return unknown;
        }

        // A cheap early answer; the claim below is what makes it safe against a concurrent request.
        if (await agents.RefuseIfBusyAsync(agent.Value!.Id, cancellationToken) is { } busy)
        {
            return busy;
        }

        var live = await rooms.LiveAsync(room, cancellationToken);
        if (live.Error is { } roomError)
        {
            return roomError;
        }

        var found = live.Value!;
        if (await rooms.AgentAsync(found, cancellationToken) is not null || found.HasLabel(RoomLookup.AgentLabel))
        {
            return ControlError.Conflict("Room already has an agent", "An agent is already in the room; use a transfer to hand the caller over.");
        }

        if (found.IsFull)
        {
            return Full();
        }

        if (await pending.ReconcileAsync(found.ConferenceSid, RoomLookup.AgentLabel, cancellationToken) is { } unreconciled)
        {
            return unreconciled;
        }

        // Claimed before the dial: of two requests for one agent (into any rooms) exactly one dials; routing offers them nothing meanwhile.
        var holder = Routing.AgentClaims.Holder(found.ConferenceSid, RoomLookup.AgentLabel);
        var claim = await claims.ClaimAsync(agent.Value!.Id, holder, cancellationToken);
        if (claim == Routing.ClaimOutcome.Busy)
        {
            return AgentBusy(agent.Value.Id);
        }

        var dialed = await steps.DialAsync(found.ConferenceSid, agent.Value!, RoomLookup.AgentLabel, caller, r => r with
        {
            Beep = true,
            StartConferenceOnEnter = true,
            EndConferenceOnExit = true,
            StatusCallback = claim == Routing.ClaimOutcome.Claimed
                ? $"{caller.PublicBaseUrl}/call-status?{Routing.ClaimReaction.ClaimField}={Uri.EscapeDataString(holder)}" : r.StatusCallback,
        }, CancellationToken.None);
        if (dialed.Error is { } failed)
        {
            if (failed.Kind != ControlErrorKind.OutcomeUnknown)
            {
                await claims.ReleaseAsync(holder, answered: false, miss: false, CancellationToken.None);
            }

            return await RecordIfUnknownAsync(found.ConferenceSid, RoomLookup.AgentLabel, agent.Value!.Id, caller, failed);
        }

        LogDialed(logger, "agent", agent.Value!.Id, found.ConferenceSid, dialed.Value!);
        return new ControlOutcome(room, dialed.Value, $"dialing agent {agent.Value.Id}");
    }

    public Task<ControlResult<ControlOutcome>> SetHoldAsync(string room, string callSid, bool hold, CancellationToken cancellationToken) =>
        OnParticipantAsync(room, callSid, (sid, _, ct) => steps.HoldAsync(sid, callSid, hold, ct), hold ? "on hold" : "off hold", cancellationToken);

    public Task<ControlResult<ControlOutcome>> SetMutedAsync(string room, string callSid, bool muted, CancellationToken cancellationToken) =>
        OnParticipantAsync(room, callSid, (sid, _, ct) => steps.MuteAsync(sid, callSid, muted, ct), muted ? "muted" : "unmuted", cancellationToken);

    /// <summary>Removes the participant (its leg is hung up). Removing a transfer target mid-transfer triggers no-answer recovery.</summary>
    public Task<ControlResult<ControlOutcome>> RemoveAsync(string room, string callSid, CancellationToken cancellationToken) =>
        OnParticipantAsync(room, callSid, RemoveOnlyThemAsync, "removed", cancellationToken);

    // An agent's own hang-up ends the call (EndConferenceOnExit=true); removed by ops, only they leave.
    private async Task<ControlError?> RemoveOnlyThemAsync(string conferenceSid, RoomParticipant participant, CancellationToken cancellationToken) =>
        (participant.EndConferenceOnExit == true ? await steps.EndConferenceOnExitAsync(conferenceSid, participant.CallSid, false, cancellationToken) : null)
        ?? await steps.RemoveAsync(conferenceSid, participant.CallSid, goneIsFine: false, cancellationToken);

    /// <summary>Ends the conference for everyone (Status=completed).</summary>
    public async Task<ControlResult<ControlOutcome>> EndAsync(string room, CancellationToken cancellationToken)
    {
        var live = await rooms.LiveAsync(room, cancellationToken);
        if (live.Error is { } roomError)
        {
            return roomError;
        }

        var failed = await steps.EndRoomAsync(live.Value!.ConferenceSid, cancellationToken);
        if (failed is { Kind: ControlErrorKind.NotFound, TwilioStatus: StatusCodes.Status404NotFound })
        {
            return await ReconcileEndedAsync(room, live.Value.Room, failed, cancellationToken);
        }

        return failed is null ? new ControlOutcome(room, null, "conference ended") : failed;
    }

    /// <summary>Twilio no longer has the room the record thinks is live (its conference-end was lost): heal the record now.</summary>
    private async Task<ControlResult<ControlOutcome>> ReconcileEndedAsync(string room, ConferenceRoom record, ControlError notFound, CancellationToken cancellationToken)
    {
        var reconciled = await reconciler.ReconcileAsync(record, cancellationToken);
        return reconciled.Outcome switch
        {
            ReconcileOutcome.RoomClosed => new ControlOutcome(room, null,
                $"already over at Twilio ({reconciled.TwilioSays}; its conference-end callback never arrived): the record is reconciled, the room ended with reason '{ReconciledEvents.Reason}'"),
            ReconcileOutcome.Failed => notFound with { Detail = "Twilio answered 404 for this conference, and checking it against Twilio failed; the record is unchanged and is checked again in the background." },
            _ => notFound,
        };
    }

    private async Task<ControlResult<ControlOutcome>> OnParticipantAsync(
        string room, string callSid, Func<string, RoomParticipant, CancellationToken, Task<ControlError?>> act, string done, CancellationToken cancellationToken)
    {
        var live = await rooms.LiveAsync(room, cancellationToken);
        if (live.Error is { } roomError)
        {
            return roomError;
        }

        if (live.Value!.Find(callSid) is not { } participant)
        {
            return UnknownParticipant(callSid);
        }

        return await act(live.Value.ConferenceSid, participant, cancellationToken) is { } failed ? failed : new ControlOutcome(room, callSid, done);
    }

    /// <summary>A dial whose outcome is unknown is recorded (even if the admin request was aborted meanwhile): the leg may be ringing.</summary>
    private async Task<ControlError> RecordIfUnknownAsync(string conferenceSid, string label, string target, ControlCaller caller, ControlError failed)
    {
        if (failed.Kind == ControlErrorKind.OutcomeUnknown)
        {
            await pending.RecordAsync(conferenceSid, label, target, caller.Actor, CancellationToken.None);
            LogUnknownDial(logger, label, conferenceSid);
        }

        return failed;
    }

    internal static ControlError UnknownParticipant(string callSid) =>
        ControlError.NotFound("Unknown participant", $"No participant '{RoomLookup.Short(callSid)}' is in the room.");

    internal static ControlError AgentBusy(string agentId) =>
        ControlError.Conflict("Agent is busy", $"Agent '{agentId}' is ringing or on a call; they cannot be dialed into another room.");

    internal static ControlError Full() =>
        ControlError.Conflict("Room is full", $"The room already has {LiveRoom.MaxParticipants} participants, Twilio's limit.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dial of {Label} into {ConferenceSid} has an unknown outcome; recorded, reconciled before the same dial is made again")]
    private static partial void LogUnknownDial(ILogger logger, string label, string conferenceSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialed {Role} {Id} into {ConferenceSid}: {CallSid}")]
    private static partial void LogDialed(ILogger logger, string role, string id, string conferenceSid, string callSid);
}
