using ContactCenter.Api.Conferences;
using ContactCenter.Api.Observability;
using ContactCenter.Api.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Admin;

/// <summary>Read-only admin API over the service's record of rooms and dialed legs. Bearer admin key required.</summary>
public static class AdminConferenceEndpoints
{
    public static IEndpointRouteBuilder MapAdminConferences(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        var admin = endpoints.MapAdminGroup();
        admin.MapGet("/conferences", ListConferences).WithName("ListConferences")
            .WithSummary("Active rooms with their participants; status=ended&since=… for history. Paged, newest first.");
        admin.MapGet("/conferences/{room}", GetConference).WithName("GetConference")
            .WithSummary("One room by friendly name (room-CA…) or ConferenceSid, also after it ended.");
        admin.MapGet("/conferences/{room}/events", GetConferenceEvents).WithName("GetConferenceEvents")
            .WithSummary("The room's callbacks in SequenceNumber order.");
        admin.MapGet("/calls/{callSid}", GetCall).WithName("GetCall")
            .WithSummary("The call progress callbacks of a leg the service dialed; phone numbers masked unless Admin:ShowPhoneNumbers.");
        return endpoints;
    }

    /// <summary>
    /// The /admin route group: every endpoint needs a Bearer key or a console session, and passes the per-object rules of
    /// <see cref="PeopleAccessFilter"/>. Later admin features add to it.
    /// </summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/admin")
            .RequireAuthorization(AdminExtensions.Policy)
            .AddEndpointFilter<PeopleAccessFilter>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireRateLimiting(Operations.RateLimitingExtensions.AdminPolicy)
            .WithTags("Admin")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    public static async Task<Results<Ok<ConferencePage>, ProblemHttpResult>> ListConferences(
        IConferenceStore store,
        RoomAccess access,
        HttpContext http,
        string? status = null,
        DateTimeOffset? since = null,
        int page = 1,
        int pageSize = 50,
        CancellationToken cancellationToken = default)
    {
        ConferenceStatus parsed;
        switch (status?.ToLowerInvariant())
        {
            case null or "" or "active":
                parsed = ConferenceStatus.Active;
                break;
            case "ended":
                parsed = ConferenceStatus.Ended;
                break;
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid status", detail: "status must be 'active' or 'ended'.");
        }

        if (page < 1 || pageSize < 1 || pageSize > ConferenceStore.MaxPageSize)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid paging",
                detail: $"page must be at least 1 and pageSize between 1 and {ConferenceStore.MaxPageSize}.");
        }

        var query = new ConferenceQuery(parsed, since, page, pageSize);
        if (http.User.IsAgentOnly())
        {
            var rooms = http.User.PersonId() is { } agent ? await access.RoomsAsync(agent, cancellationToken) : [];
            return TypedResults.Ok(AgentViews.Page(rooms, query));
        }

        return TypedResults.Ok(await store.ListAsync(query, cancellationToken));
    }

    public static async Task<Results<Ok<ConferenceRoom>, ProblemHttpResult>> GetConference(
        string room, IConferenceStore store, Control.PendingDials pending, CancellationToken cancellationToken)
    {
        if (await store.GetRoomAsync(room, cancellationToken) is not { } found)
        {
            return RoomNotFound(room);
        }

        var dials = await pending.ListAsync(found.ConferenceSid, cancellationToken);
        return TypedResults.Ok(found with
        {
            PendingDials = [.. dials.Select(d => new PendingDial(d.Label, d.Target, "unknown", new DateTimeOffset(DateTime.SpecifyKind(d.CreatedAt, DateTimeKind.Utc)), d.Actor))],
        });
    }

    public static async Task<Results<Ok<IReadOnlyList<StoredConferenceEvent>>, ProblemHttpResult>> GetConferenceEvents(
        string room, IConferenceStore store, CancellationToken cancellationToken) =>
        await store.GetTimelineAsync(room, cancellationToken) is { } timeline ? TypedResults.Ok(timeline) : RoomNotFound(room);

    public static async Task<Results<Ok<IReadOnlyList<AdminCallStatus>>, ProblemHttpResult>> GetCall(
        string callSid, IConferenceStore store, IOptions<AdminOptions> options, IOptions<ConsoleOptions> console, HttpContext http,
        CancellationToken cancellationToken)
    {
        var statuses = await store.GetCallStatusesAsync(callSid, cancellationToken);
        if (statuses.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown call", detail: "No call progress callback has been stored for this CallSid.");
        }

        var show = AgentViews.ShowNumbers(http.User, options.Value, console.Value);
        return TypedResults.Ok<IReadOnlyList<AdminCallStatus>>([.. statuses.Select(s => new AdminCallStatus(
            s.CallSid, s.CallStatus, s.SequenceNumber, s.ParentCallSid, s.Direction,
            show ? s.From : MaskOrNull(s.From), show ? s.To : MaskOrNull(s.To), s.Timestamp, s.ReceivedAt))]);
    }

    private static string? MaskOrNull(string? number) => number is null ? null : PhoneMask.Mask(number);

    private static ProblemHttpResult RoomNotFound(string room) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown room", detail: $"No conference '{room}' is on record (or it was purged).");
}

/// <summary>A dialed leg's progress callback as the admin API shows it.</summary>
public sealed record AdminCallStatus(
    string CallSid, string CallStatus, long SequenceNumber, string? ParentCallSid, string? Direction, string? From, string? To,
    DateTimeOffset? Timestamp, DateTimeOffset ReceivedAt);
