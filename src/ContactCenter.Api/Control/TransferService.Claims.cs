using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;

namespace ContactCenter.Api.Control;

/// <summary>
/// The transfer's target agent is claimed (ringing) before it is dialed, exactly as connect-agent claims: an agent
/// ringing or on a call (the room's own agent included) is refused with 409. A transfer to a queue claims an available
/// agent of that queue by its strategy. Whatever ends the transfer gives the claim back; a completed one sends the first
/// agent to wrap-up.
/// </summary>
public sealed partial class TransferService
{
    /// <summary>The agent or number to dial, with the target agent (of a queue too) claimed for <paramref name="holder"/>.</summary>
    private async Task<ControlResult<DialTarget>> ClaimTargetAsync(DialTarget target, string holder, CancellationToken cancellationToken)
    {
        if (target.Kind == DialTarget.QueueKind)
        {
            var settings = routing.Value.Find(target.Id)!;
            var agentId = await claims.ClaimFromQueueAsync(settings, holder, cancellationToken);
            if (agentId is null)
            {
                return ControlError.Conflict("No available agent", $"There is no available agent in queue {target.Id}; nothing was dialed.");
            }

            LogQueueClaimed(logger, target.Id, agentId);
            var agent = policy.Agent(agentId);
            if (agent.Error is not null)
            {
                await claims.ReleaseAsync(holder, answered: false, miss: false, CancellationToken.None);
            }

            return agent;
        }

        if (target.Kind == DialTarget.AgentKind && await claims.ClaimAsync(target.Id, holder, cancellationToken) == ClaimOutcome.Busy)
        {
            return ConferenceService.AgentBusy(target.Id);
        }

        return target;
    }

    /// <summary>Before the room is looked at: an unknown queue, routing off, an agent routing already has busy.</summary>
    private async Task<ControlError?> RefuseEarlyAsync(DialTarget target, CancellationToken cancellationToken) =>
        RefuseUnknownQueue(target) ?? (target.Kind == DialTarget.AgentKind ? await agents.RefuseIfBusyAsync(target.Id, cancellationToken) : null);

    /// <summary>A 404 for a queue that is not configured; a 409 when routing is off (no queues at all).</summary>
    private ControlError? RefuseUnknownQueue(DialTarget target) =>
        target.Kind != DialTarget.QueueKind || routing.Value.Find(target.Id) is not null ? null
        : routing.Value.Enabled ? ControlError.NotFound("Unknown queue", $"No queue '{target.Id}' is configured.")
        : ControlError.Conflict("Routing is off", "No queues are configured (Queues), so nothing can be transferred to a queue.");

    private static string Holder(TransferRow row) => AgentClaims.Holder(row.ConferenceSid, row.TargetLabel ?? RoomLookup.TransferTargetLabel);

    /// <summary>The target's claim given back: never answered, the presence they had (a miss on no-answer/busy); answered, wrap-up.</summary>
    internal Task ReleaseTargetAsync(TransferRow row, string reason, CancellationToken cancellationToken) =>
        claims.ReleaseAsync(Holder(row), answered: false, miss: reason is "no-answer" or "busy", cancellationToken);

    internal Task TargetJoinedAsync(TransferRow row, CancellationToken cancellationToken) => claims.JoinedAsync(Holder(row), cancellationToken);

    /// <summary>
    /// The first agent has left the caller (warm completed, cold started): a routed first agent (held by the caller's CallSid)
    /// goes to wrap-up; one dialed by hand is released by their leg's participant-leave.
    /// </summary>
    internal Task ReleaseFirstAgentAsync(TransferRow row, CancellationToken cancellationToken) =>
        claims.ReleaseAsync(row.CustomerCallSid, answered: true, miss: false, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transfer to queue {QueueId}: agent {AgentId} claimed")]
    private static partial void LogQueueClaimed(ILogger logger, string queueId, string agentId);
}
