using ContactCenter.Api.Control;
using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>
/// Puts a caller (back) into a queue. A routed caller left with no agent (an agent removed by the API, a cold transfer whose
/// target never answered, an agent leg that left while the room goes on) waits again with their original arrival time, so
/// they are first in line; a cold transfer to a queue moves the caller's entry into the target queue, also keeping its
/// arrival time (a transferred caller is not sent to the back). Each move is a conditional update: a duplicate does nothing.
/// </summary>
public sealed partial class CallerRequeue(
    IDbContextFactory<ContactCenterDbContext> contexts, StorageWriteGate gate, QueueStore queue, AgentClaims claims, RoomLookup rooms,
    TransferStore transfers, AuditLog audit, IOptions<RoutingOptions> options, TimeProvider time, ILogger<CallerRequeue> logger)
{
    /// <summary>
    /// When the room's caller is still in it, its entry connected, no transfer in progress and no agent (or transfer target)
    /// left in the room: the entry waits again in place and the agent who dropped goes to wrap-up. True when it moved.
    /// </summary>
    public async Task<bool> RequeueIfAloneAsync(string conferenceSid, CancellationToken cancellationToken)
    {
        if (await queue.ByConferenceAsync(conferenceSid, cancellationToken) is not { State: EntryStates.Connected } entry
            || await transfers.ActiveForRoomAsync(conferenceSid, cancellationToken) is not null
            || (await rooms.LiveAsync(conferenceSid, cancellationToken)).Value is not { } room
            || room.Customer?.CallSid != entry.CallerCallSid
            || room.InRoom.Any(p => IsAgentLabel(p.Label)))
        {
            return false;
        }

        var settings = options.Value.Find(entry.QueueId);
        if (!await MoveAsync(entry, entry.QueueId, settings?.MaxWaitSeconds ?? 0, [EntryStates.Connected], cancellationToken))
        {
            return false;
        }

        await claims.ReleaseAsync(entry.CallerCallSid, answered: true, miss: false, cancellationToken);
        LogRequeued(logger, entry.CallerCallSid, entry.QueueId);
        await audit.RecordAsync("routing", "queue.requeue", conferenceSid, entry.CallerCallSid, AuditLog.Ok,
            $"no agent left in the room: back at the head of queue {entry.QueueId}", cancellationToken);
        return true;
    }

    /// <summary>
    /// The caller waits in <paramref name="target"/>: its entry moves there (arrival time kept), or one is created for a caller of
    /// an unrouted room. False when the caller is being offered to an agent right now.
    /// </summary>
    public async Task<bool> MoveToQueueAsync(string callerCallSid, string conferenceSid, QueueOptions target, CancellationToken cancellationToken)
    {
        if (await queue.GetAsync(callerCallSid, cancellationToken) is not { } entry)
        {
            return await queue.EnqueueAsync(callerCallSid, conferenceSid, target.Id!, 0, target.MaxWaitSeconds, cancellationToken);
        }

        return entry.State != EntryStates.Offering && await MoveAsync(entry, target.Id!, target.MaxWaitSeconds,
            [EntryStates.Waiting, EntryStates.Connected, EntryStates.Ended, EntryStates.Abandoned, EntryStates.Voicemail, EntryStates.Overflowed],
            cancellationToken);
    }

    /// <summary>The caller's routed agent (held by the caller's CallSid) goes to wrap-up: they handed the caller on.</summary>
    public Task ReleaseRoutedAgentAsync(string callerCallSid, CancellationToken cancellationToken) =>
        claims.ReleaseAsync(callerCallSid, answered: true, miss: false, cancellationToken);

    public static bool IsAgentLabel(string? label) =>
        label is not null && (label == RoomLookup.AgentLabel || label.StartsWith(RoomLookup.TransferTargetLabel, StringComparison.Ordinal));

    // Max wait counts again from now: a caller handed back is not sent to voicemail the moment they wait again.
    private async Task<bool> MoveAsync(QueueEntryRow entry, string queueId, int maxWaitSeconds, string[] from, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? due = maxWaitSeconds > 0 ? now.AddSeconds(maxWaitSeconds) : null;
        using (await gate.EnterAsync(cancellationToken))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.QueueEntries.Where(q => q.CallerCallSid == entry.CallerCallSid && q.Version == entry.Version && from.Contains(q.State))
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.State, EntryStates.Waiting).SetProperty(q => q.QueueId, queueId)
                    .SetProperty(q => q.ConferenceSid, entry.ConferenceSid)
                    .SetProperty(q => q.OfferedAgentId, (string?)null).SetProperty(q => q.OfferedCallSid, (string?)null)
                    .SetProperty(q => q.OfferedAt, (DateTime?)null).SetProperty(q => q.EndedAt, (DateTime?)null)
                    .SetProperty(q => q.MaxWaitDueAt, due).SetProperty(q => q.Version, q => q.Version + 1), cancellationToken) == 1;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Caller {CallSid} has no agent left: back at the head of queue {QueueId}")]
    private static partial void LogRequeued(ILogger logger, string callSid, string queueId);
}
