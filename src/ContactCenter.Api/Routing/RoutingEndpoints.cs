using ContactCenter.Api.Admin;
using ContactCenter.Api.Control;
using ContactCenter.Api.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary><c>{"presence":"available|away|offline","reason":"lunch"}</c>.</summary>
public sealed record PresenceRequest(string? Presence, string? Reason);

/// <summary>The routing admin API: agents' presence (read and set by hand, audited) and the queues' live view.</summary>
public static class RoutingEndpoints
{
    public static IEndpointRouteBuilder MapRouting(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup();
        admin.MapGet("/agents", ListAgents).WithName("ListAgents").WithSummary("Every agent's presence, reason, since, last call end and misses.");
        admin.MapPut("/agents/{id}/presence", SetPresence).WithName("SetAgentPresence")
            .WithSummary("Set an agent available, away or offline (409 while ringing or on a call).");
        admin.MapGet("/queues", ListQueues).WithName("ListQueues")
            .WithSummary("Every queue: waiting callers (caller's number masked, e.g. +*******1234, unless shown), agents by presence, today's figures.");
        admin.MapGet("/queues/{id}", GetQueue).WithName("GetQueue")
            .WithSummary("One queue: waiting callers (caller's number masked, e.g. +*******1234, unless shown), agents by presence, today's figures.");
        return endpoints;
    }

    /// <summary>An agent sees only their own record.</summary>
    public static async Task<Ok<IReadOnlyList<AgentView>>> ListAgents(AgentStore agents, HttpContext http, CancellationToken cancellationToken)
    {
        var all = await agents.ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AgentView>>(http.User.IsAgentOnly() ? [.. all.Where(a => a.Id == http.User.PersonId())] : all);
    }

    public static async Task<Results<Ok<AgentView>, ProblemHttpResult>> SetPresence(
        string id, PresenceRequest? request, AgentStore agents, AuditLog audit, RoutingSweep sweep, HttpContext http, CancellationToken cancellationToken)
    {
        var actor = http.User.Identity?.Name ?? "unknown";
        if (request?.Presence is not { } to || !(Presences.Settable.Contains(to) || Presences.EngineOwned.Contains(to)))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid presence", "'presence' must be one of available, away or offline.");
        }

        if (Presences.EngineOwned.Contains(to))
        {
            return Problem(StatusCodes.Status409Conflict, "Presence set by routing only", $"'{to}' is set by routing itself; set available, away or offline.");
        }

        if (request.Reason is { Length: > 100 })
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid presence", "'reason' must be at most 100 characters.");
        }

        var change = await agents.SetPresenceAsync(id, to, request.Reason, cancellationToken);
        if (!change.Found)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown agent", "No agent with this id is known to routing.");
        }

        if (!change.Changed)
        {
            await audit.RecordAsync(actor, "agent.presence", null, id, "refused", $"{change.From} -> {to}", cancellationToken);
            return Problem(StatusCodes.Status409Conflict, "Agent is busy",
                $"The agent is {change.From ?? "changing"}; presence changes by hand wait until the call is over.");
        }

        await audit.RecordAsync(actor, "agent.presence", null, id, AuditLog.Ok,
            $"{change.From} -> {to}" + (request.Reason is { } reason ? $" ({reason})" : ""), cancellationToken);
        if (to == Presences.Available)
        {
            sweep.Nudge();
        }

        var now = (await agents.ListAsync(cancellationToken)).First(a => a.Id == id);
        return TypedResults.Ok(now);
    }

    public static async Task<Ok<IReadOnlyList<QueueView>>> ListQueues(
        QueueStats stats, HttpContext http, IOptions<AdminOptions> admin, IOptions<ConsoleOptions> console, CancellationToken cancellationToken)
    {
        var views = await stats.ListAsync(cancellationToken);
        var show = AgentViews.ShowNumbers(http.User, admin.Value, console.Value);
        return TypedResults.Ok<IReadOnlyList<QueueView>>([.. views.Select(v => ForViewer(v, http, show))]);
    }

    public static async Task<Results<Ok<QueueView>, ProblemHttpResult>> GetQueue(
        string id, QueueStats stats, IOptions<RoutingOptions> options, HttpContext http, IOptions<AdminOptions> admin, IOptions<ConsoleOptions> console,
        CancellationToken cancellationToken)
    {
        if (options.Value.Find(id) is not { } queue)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown queue", "No queue with this id is configured.");
        }

        var view = await stats.GetAsync(queue, cancellationToken);
        return TypedResults.Ok(ForViewer(view, http, AgentViews.ShowNumbers(http.User, admin.Value, console.Value)));
    }

    private static QueueView ForViewer(QueueView view, HttpContext http, bool showNumbers) =>
        http.User.IsAgentOnly() ? AgentViews.Queue(view, http.User.PersonId(), showNumbers) : AgentViews.Numbers(view, showNumbers);

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
