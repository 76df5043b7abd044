using ContactCenter.Api.Conferences;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;

namespace ContactCenter.Api.Control;

/// <summary>
/// A cold transfer to a queue: nobody is dialed by the request. The caller's entry moves to the target queue (arrival time
/// kept), the first agent leaves without ending the room and goes to wrap-up, the caller, alone, hears the wait music,
/// and dispatch runs at once: the queue's next free agent is dialed like any routed caller's. Recorded as a completed
/// transfer (target kind <c>queue</c>). A failed cold transfer to an agent or a number puts a routed caller back at the head
/// of their queue.
/// </summary>
public sealed partial class TransferService
{
    private async Task<ControlResult<TransferView>> ColdToQueueAsync(
        LiveRoom found, RoomParticipant customer, RoomParticipant? agent, string queueId, ControlCaller caller, CancellationToken cancellationToken)
    {
        var settings = routing.Value.Find(queueId)!;
        if (await store.ActiveForRoomAsync(found.ConferenceSid, cancellationToken) is { } blocking)
        {
            return ControlError.Conflict("Transfer in progress",
                $"The room already has a transfer in progress ({blocking.Id}); complete or cancel it first.") with { TransferId = blocking.Id };
        }

        if (!await requeue.MoveToQueueAsync(customer.CallSid, found.ConferenceSid, settings, cancellationToken))
        {
            return ControlError.Conflict("Caller is being offered", "Routing is ringing an agent for this caller right now; try again in a moment.");
        }

        // The caller is in the target queue from here on: the steps run to their end even if the admin request is aborted.
        if (agent is not null)
        {
            var error = await steps.EndConferenceOnExitAsync(found.ConferenceSid, agent.CallSid, false, CancellationToken.None)
                ?? await steps.RemoveAsync(found.ConferenceSid, agent.CallSid, goneIsFine: true, CancellationToken.None);
            if (error is not null)
            {
                return error with { Detail = error.Detail + $" The caller already waits in queue {queueId} and is offered to its next free agent." };
            }

            await requeue.ReleaseRoutedAgentAsync(customer.CallSid, CancellationToken.None);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var row = new TransferRow
        {
            Id = "TR" + Guid.NewGuid().ToString("N"), ConferenceSid = found.ConferenceSid, Type = Cold, State = TransferStates.Completed,
            TargetKind = DialTarget.QueueKind, TargetId = queueId, FirstAgentCallSid = agent?.CallSid, CustomerCallSid = customer.CallSid,
            Actor = caller.Actor, CreatedAt = now, UpdatedAt = now, Settled = true, TargetLabel = RoomLookup.AgentLabel,
        };
        await store.TryInsertAsync(row, CancellationToken.None);
        LogColdToQueue(logger, row.Id, found.ConferenceSid, queueId);
        await dispatcher.DispatchAsync(null, CancellationToken.None);
        return TransferView.Of(row);
    }

    /// <summary>A cold transfer whose target never came: the first agent has left, so a routed caller waits again, first in line.</summary>
    internal async Task RequeueAfterColdFailureAsync(TransferRow row, CancellationToken cancellationToken)
    {
        if (row.Type == Cold && await requeue.RequeueIfAloneAsync(row.ConferenceSid, cancellationToken))
        {
            await dispatcher.DispatchAsync(null, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cold transfer {TransferId} in {ConferenceSid}: the caller waits in queue {QueueId}")]
    private static partial void LogColdToQueue(ILogger logger, string transferId, string conferenceSid, string queueId);
}
