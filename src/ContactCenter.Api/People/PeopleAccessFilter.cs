using ContactCenter.Api.Control;
using Microsoft.AspNetCore.Antiforgery;

namespace ContactCenter.Api.People;

/// <summary>
/// The per-object rules of every /admin route, in one place. A cookie-signed request that changes something must carry the
/// antiforgery header. Supervisors and admins may do anything here; an agent only what <see cref="AgentRoutes"/> allows:
/// their own rooms and presence, the lists (which their handlers narrow), and nothing else. A refusal is a 403 problem
/// and an audit entry with outcome <c>forbidden</c>.
/// </summary>
public sealed partial class PeopleAccessFilter(IAntiforgery antiforgery, RoomAccess rooms, AuditLog audit, ILogger<PeopleAccessFilter> logger) : IEndpointFilter
{
    public const string Forbidden = "forbidden";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var user = http.User;
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
        if (unsafeMethod && user.Identity?.AuthenticationType == PeopleExtensions.CookieScheme && !await antiforgery.IsRequestValidAsync(http))
        {
            return PeopleExtensions.AntiforgeryProblem();
        }

        if (!user.IsAgentOnly())
        {
            return await next(context);
        }

        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        var values = http.Request.RouteValues;
        var room = values.TryGetValue("room", out var r) ? r?.ToString() : null;
        var target = values.TryGetValue("id", out var i) ? i?.ToString() : values.TryGetValue("callSid", out var c) ? c?.ToString() : null;
        if (await AgentMayAsync(user, pattern, room, target, http.RequestAborted))
        {
            return await next(context);
        }

        LogForbidden(logger, user.Actor(), http.Request.Method, pattern);
        await audit.RecordAsync(user.Actor(), $"{http.Request.Method} {pattern}", room, target, Forbidden, "agent outside their own rooms and presence", CancellationToken.None);
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: room is not null ? "Agents may act only on rooms they are in." : "Agents may act only on their own calls and presence.");
    }

    private async Task<bool> AgentMayAsync(System.Security.Claims.ClaimsPrincipal user, string pattern, string? room, string? target, CancellationToken cancellationToken)
    {
        if (user.PersonId() is not { } agent)
        {
            return false;
        }

        if (room is not null)
        {
            return await rooms.CanAccessRoomAsync(user, room, cancellationToken);
        }

        return Normalize(pattern) switch
        {
            "/admin/agents/{id}/presence" => target == agent,
            "/admin/calls/{callSid}" => target is not null && await IsAgentsCallAsync(agent, target, cancellationToken),
            "/admin/calls/{callSid}/note" => target is not null
                && (await rooms.TookCallAsync(agent, target, cancellationToken) || await IsAgentsCallAsync(agent, target, cancellationToken)),
            _ => AgentRoutes.Contains(Normalize(pattern)),
        };
    }

    /// <summary>A call the agent may read: a leg, now or before, of one of their rooms.</summary>
    private async Task<bool> IsAgentsCallAsync(string agent, string callSid, CancellationToken cancellationToken) =>
        (await rooms.RoomsAsync(agent, cancellationToken)).Any(room => room.FriendlyName == "room-" + callSid || room.Participants.Any(p => p.CallSid == callSid));

    /// <summary>Routes without a room an agent may use; the handlers show an agent only their own part.</summary>
    private static readonly HashSet<string> AgentRoutes = new(StringComparer.Ordinal) { "/admin/conferences", "/admin/agents", "/admin/queues", "/admin/queues/{id}" };

    private static string Normalize(string pattern) => "/" + pattern.Trim('/');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forbidden: {Actor} (agent) tried {Method} {Route}")]
    private static partial void LogForbidden(ILogger logger, string actor, string method, string route);
}
