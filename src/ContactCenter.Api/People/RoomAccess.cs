using System.Security.Claims;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Control;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Api.People;

/// <summary>
/// The rooms an agent is in, from stored routing and control state (agent legs are labelled <c>agent</c>, not by id):
/// the caller the agent holds (<c>agent_states.current_caller_call_sid</c>: a routed caller's CallSid, or
/// <c>&lt;ConferenceSid&gt;:&lt;label&gt;</c> when dialed by hand), queue entries offered to or answered by the agent,
/// and transfers to the agent (a completed one while its room is active).
/// </summary>
public sealed class RoomAccess(IDbContextFactory<ContactCenterDbContext> contexts, IConferenceStore conferences, TimeProvider time) : IRoomAccess
{
    public async Task<bool> CanAccessRoomAsync(ClaimsPrincipal user, string room, CancellationToken cancellationToken)
    {
        if (user.IsSupervisor())
        {
            return true;
        }

        if (user.PersonId() is not { } agent)
        {
            return false;
        }

        var names = await RoomNamesAsync(agent, cancellationToken);
        if (names.Contains(room))
        {
            return true;
        }

        var found = await conferences.GetRoomAsync(room, cancellationToken);
        return found is not null && (names.Contains(found.ConferenceSid) || (found.FriendlyName is { } name && names.Contains(name)));
    }

    /// <summary>The agent's rooms as found in the record (each once), for their list of conferences.</summary>
    public async Task<IReadOnlyList<ConferenceRoom>> RoomsAsync(string agent, CancellationToken cancellationToken)
    {
        var rooms = new Dictionary<string, ConferenceRoom>(StringComparer.Ordinal);
        foreach (var name in await RoomNamesAsync(agent, cancellationToken))
        {
            if (await conferences.GetRoomAsync(name, cancellationToken) is { } room)
            {
                rooms.TryAdd(room.ConferenceSid, room);
            }
        }

        return [.. rooms.Values];
    }

    /// <summary>Whether the agent was offered or answered this caller (also after the call ended: a wrap-up note comes then).</summary>
    public async Task<bool> TookCallAsync(string agent, string callerCallSid, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.QueueEntries.AnyAsync(q => q.CallerCallSid == callerCallSid && q.OfferedAgentId == agent, cancellationToken);
    }

    /// <summary>Friendly names (<c>room-&lt;CallSid&gt;</c>) and ConferenceSids of the rooms the agent is in or offered.</summary>
    public async Task<HashSet<string>> RoomNamesAsync(string agent, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var holder = await db.AgentStates.AsNoTracking().Where(a => a.AgentId == agent).Select(a => a.CurrentCallerCallSid).FirstOrDefaultAsync(cancellationToken);
        if (holder is { Length: > 0 })
        {
            names.Add(holder.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? holder[..colon] : "room-" + holder);
        }

        var entries = await db.QueueEntries.AsNoTracking()
            .Where(q => q.OfferedAgentId == agent && (q.State == EntryStates.Offering || q.State == EntryStates.Connected))
            .Select(q => new { q.ConferenceSid, q.CallerCallSid }).ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            names.Add(entry.ConferenceSid);
            names.Add("room-" + entry.CallerCallSid);
        }

        // A completed transfer's room is the agent's while it lasts; older ones are not looked at, so the list stays short.
        var recent = time.GetUtcNow().UtcDateTime.AddHours(-12);
        var transfers = await db.Transfers.AsNoTracking()
            .Where(t => t.TargetKind == DialTarget.AgentKind && t.TargetId == agent
                && (t.State == TransferStates.Dialing || t.State == TransferStates.Connected || (t.State == TransferStates.Completed && t.UpdatedAt > recent)))
            .Select(t => new { t.ConferenceSid, t.State }).ToListAsync(cancellationToken);
        foreach (var transfer in transfers)
        {
            if (transfer.State != TransferStates.Completed
                || (await conferences.GetRoomAsync(transfer.ConferenceSid, cancellationToken))?.Status == ConferenceStatus.Active)
            {
                names.Add(transfer.ConferenceSid);
            }
        }

        return names;
    }
}
