using ContactCenter.Api.Admin;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Control;
using ContactCenter.Api.Observability;
using ContactCenter.Api.People;
using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Console;

/// <summary>The agent desk's view of its own call: presence, the offered or current room, the caller masked, any transfer.</summary>
public sealed record MyCallView(
    string Agent,
    string Presence,
    string? Reason,
    DateTimeOffset? WrapUpUntil,
    string State,
    string? Room,
    string? Queue,
    string? Caller,
    string? CallerCallSid,
    bool CallerHeld,
    bool CallerMuted,
    DateTimeOffset? EnteredAt,
    DateTimeOffset? AnsweredAt,
    MyTransferView? Transfer);

/// <summary>A transfer in progress in the agent's room; <c>Target</c> is an agent or queue id, a number only masked.</summary>
public sealed record MyTransferView(string Id, string Type, string State, string TargetKind, string Target);

/// <summary><c>GET /console/api/my-call</c>: what the signed-in person's desk shows; the person claim, never a route id, says whose.</summary>
public static class MyCallEndpoints
{
    public const string None = "none", Ringing = "ringing", OnCall = "on-call";

    public static IEndpointRouteBuilder MapMyCall(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/console/api")
            .RequireAuthorization(PeopleExtensions.PagePolicy)
            .MapGet("/my-call", GetMyCall)
            .WithName("MyCall")
            .WithSummary("The signed-in agent's presence and offered or current call (caller's number masked, e.g. +*******1234, unless shown).");
        return endpoints;
    }

    internal static async Task<Results<Ok<MyCallView>, ProblemHttpResult>> GetMyCall(
        HttpContext http, IDbContextFactory<ContactCenterDbContext> contexts, IConferenceStore conferences, IOptions<AdminOptions> admin,
        IOptions<ConsoleOptions> console, CancellationToken cancellationToken)
    {
        if (http.User.PersonId() is not { } agent)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only a signed-in person has a desk.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var state = await db.AgentStates.AsNoTracking().FirstOrDefaultAsync(a => a.AgentId == agent, cancellationToken);
        var presence = state?.Presence ?? Presences.Offline;
        var view = new MyCallView(agent, presence, state?.Reason, Utc(state?.WrapUpUntil), None, null, null, null, null, false, false, null, null, null);

        // Routing's presence says whether the agent has a call; the holder (a routed caller's CallSid, or
        // <ConferenceSid>:<label> when dialed by hand, e.g. a transfer) says which.
        if (presence is not (Presences.Ringing or Presences.OnCall) || state?.CurrentCallerCallSid is not { Length: > 0 } holder)
        {
            return TypedResults.Ok(view);
        }

        var colon = holder.IndexOf(':', StringComparison.Ordinal);
        var room = await conferences.GetRoomAsync(colon > 0 ? holder[..colon] : "room-" + holder, cancellationToken);
        var conferenceSid = room?.ConferenceSid;
        var entry = await db.QueueEntries.AsNoTracking()
            .Where(q => q.OfferedAgentId == agent && (q.State == EntryStates.Offering || q.State == EntryStates.Connected)
                && (q.CallerCallSid == holder || q.ConferenceSid == conferenceSid))
            .OrderByDescending(q => q.EnteredAt).FirstOrDefaultAsync(cancellationToken);

        var customer = room?.Participants.FirstOrDefault(p => p.Role == ParticipantRole.Customer && p.InRoom);
        var callerSid = customer?.CallSid ?? entry?.CallerCallSid;
        var from = entry?.CallerNumber ?? await CallerNumberAsync(db, conferences, conferenceSid, callerSid, cancellationToken);
        var transfer = room is null ? null : await db.Transfers.AsNoTracking()
            .Where(t => t.ConferenceSid == room.ConferenceSid && (t.State == TransferStates.Dialing || t.State == TransferStates.Connected))
            .OrderByDescending(t => t.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(view with
        {
            State = presence == Presences.Ringing ? Ringing : OnCall,
            Room = room?.FriendlyName ?? (entry is null ? null : "room-" + entry.CallerCallSid),
            Queue = entry?.QueueId,
            Caller = AgentViews.Number(from, AgentViews.ShowNumbers(http.User, admin.Value, console.Value)),
            CallerCallSid = callerSid,
            CallerHeld = customer?.Hold ?? false,
            CallerMuted = customer?.Muted ?? false,
            EnteredAt = Utc(entry?.EnteredAt),
            AnsweredAt = Utc(entry?.AnsweredAt) ?? room?.Participants.Where(p => p.InRoom && p.Role == ParticipantRole.Agent).Select(p => p.JoinedAt).FirstOrDefault(),
            Transfer = transfer is null ? null : new MyTransferView(transfer.Id, transfer.Type, transfer.State, transfer.TargetKind,
                transfer.TargetKind == DialTarget.NumberKind ? PhoneMask.Mask(transfer.TargetId) : transfer.TargetId),
        });
    }

    /// <summary>
    /// A routed caller's number came with the room's queue entry (offered to another agent when this one is a transfer's
    /// target); a room dialed by hand has it only on the caller leg's call-status callbacks.
    /// </summary>
    private static async Task<string?> CallerNumberAsync(
        ContactCenterDbContext db, IConferenceStore conferences, string? conferenceSid, string? callerSid, CancellationToken cancellationToken) =>
        (conferenceSid is null ? null : await db.QueueEntries.AsNoTracking().Where(q => q.ConferenceSid == conferenceSid && q.CallerNumber != null)
            .OrderByDescending(q => q.EnteredAt).Select(q => q.CallerNumber).FirstOrDefaultAsync(cancellationToken))
        ?? (callerSid is null ? null
            : (await conferences.GetCallStatusesAsync(callerSid, cancellationToken)).Select(s => s.From).LastOrDefault(f => f is not null));

    private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
