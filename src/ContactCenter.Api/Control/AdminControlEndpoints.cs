using ContactCenter.Api.Admin;
using ContactCenter.Api.Conferences;
using ContactCenter.Api.Twilio;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Control;

public sealed record ConnectAgentRequest(string? Agent);

public sealed record StartTransferRequest(string? Type, DialTargetRequest? To);

public sealed record AddSupervisorRequest(string? Supervisor, string? Mode);

public sealed record SupervisorModeRequest(string? Mode);

/// <summary>The admin action API: JSON in, problem details out, every action audited with the admin key's name as actor.</summary>
public static partial class AdminControlEndpoints
{
    public static IEndpointRouteBuilder MapAdminControl(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().AddEndpointFilter<IdempotencyFilter>();
        var room = admin.MapGroup("/conferences/{room}").WithControlProblems();
        room.MapPost("/agents", ConnectAgent).WithName("ConnectAgent").WithSummary("Dial a configured agent into the room (label 'agent').");
        room.MapPost("/participants/{callSid}/hold", (string room, string callSid, ControlContext c, CancellationToken ct) => Hold(room, callSid, true, c, ct));
        room.MapPost("/participants/{callSid}/unhold", (string room, string callSid, ControlContext c, CancellationToken ct) => Hold(room, callSid, false, c, ct));
        room.MapPost("/participants/{callSid}/mute", (string room, string callSid, ControlContext c, CancellationToken ct) => Mute(room, callSid, true, c, ct));
        room.MapPost("/participants/{callSid}/unmute", (string room, string callSid, ControlContext c, CancellationToken ct) => Mute(room, callSid, false, c, ct));
        room.MapDelete("/participants/{callSid}", RemoveParticipant).WithName("RemoveParticipant");
        room.MapPost("/transfers", StartTransfer).WithName("StartTransfer").WithSummary("Warm or cold transfer to an agent, an allow-listed number or a queue (one of its available agents).")
            .WithDescription("""Body: {"type":"warm","to":{"queue":"sales"}}; 'to' is exactly one of {"agent":"bob"}, {"number":"+14155550123"}, {"queue":"sales"}. """
                + "A queue's available agent is claimed by its strategy (409 when none is free, nothing dialed; 404 for an unknown queue; 409 when routing is off). "
                + "A target agent ringing or on a call, the room's own included, is refused with 409.");
        room.MapGet("/transfers/{id}", GetTransfer).WithName("GetTransfer");
        room.MapPost("/transfers/{id}/complete", CompleteTransfer).WithName("CompleteTransfer");
        room.MapPost("/transfers/{id}/cancel", CancelTransfer).WithName("CancelTransfer");
        room.MapPost("/supervisors", AddSupervisor).WithName("AddSupervisor").WithSummary("Dial a supervisor in to monitor, coach or barge.");
        room.MapPut("/supervisors/{callSid}", SetSupervisorMode).WithName("SetSupervisorMode");
        admin.MapDelete("/conferences/{room}", EndConference).WithName("EndConference").WithSummary("End the call for everyone.").WithControlProblems();
        admin.MapGet("/audit", ListAudit).WithName("ListAudit").WithSummary("The audit trail, newest first; ?room=&limit=.");
        return endpoints;
    }

    /// <summary>
    /// The problem answers every action may give (the README's Reliability section): bad input, unknown room, conflict,
    /// an Idempotency-Key reused for another request, Twilio refused (502), unavailable (503 + Retry-After) or silent (504).
    /// </summary>
    private static TBuilder WithControlProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in (int[])[400, 404, 409, 422, 502, 503, 504])
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    public static async Task<Results<Ok<ControlOutcome>, ProblemHttpResult>> ConnectAgent(
        string room, ConnectAgentRequest request, ControlContext context, CancellationToken cancellationToken)
    {
        var result = string.IsNullOrWhiteSpace(request.Agent)
            ? ControlError.Invalid("Invalid request", "'agent' (a configured agent id) is required.")
            : await context.Conference.ConnectAgentAsync(room, request.Agent, context.Caller, cancellationToken);
        return await context.FinishAsync(result, "agent.connect", room, request.Agent, cancellationToken);
    }

    public static Task<Results<Ok<ControlOutcome>, ProblemHttpResult>> Hold(string room, string callSid, bool hold, ControlContext context, CancellationToken cancellationToken) =>
        OnParticipant(room, callSid, hold ? "participant.hold" : "participant.unhold", context,
            () => context.Conference.SetHoldAsync(room, callSid, hold, cancellationToken), cancellationToken);

    public static Task<Results<Ok<ControlOutcome>, ProblemHttpResult>> Mute(string room, string callSid, bool muted, ControlContext context, CancellationToken cancellationToken) =>
        OnParticipant(room, callSid, muted ? "participant.mute" : "participant.unmute", context,
            () => context.Conference.SetMutedAsync(room, callSid, muted, cancellationToken), cancellationToken);

    public static Task<Results<Ok<ControlOutcome>, ProblemHttpResult>> RemoveParticipant(string room, string callSid, ControlContext context, CancellationToken cancellationToken) =>
        OnParticipant(room, callSid, "participant.remove", context, () => context.Conference.RemoveAsync(room, callSid, cancellationToken), cancellationToken);

    public static async Task<Results<Ok<ControlOutcome>, ProblemHttpResult>> EndConference(string room, ControlContext context, CancellationToken cancellationToken) =>
        await context.FinishAsync(await context.Conference.EndAsync(room, cancellationToken), "conference.end", room, null, cancellationToken);

    public static async Task<Results<Accepted<TransferView>, ProblemHttpResult>> StartTransfer(
        string room, StartTransferRequest request, ControlContext context, CancellationToken cancellationToken)
    {
        var result = await context.Transfers.StartAsync(room, request.Type, request.To, context.Caller, cancellationToken);
        var target = request.To?.Agent ?? (request.To?.Number is { } number ? Observability.PhoneMask.Mask(number) : null)
            ?? (request.To?.Queue is { } queue ? "queue:" + queue : null);
        await context.AuditAsync(result.Error, $"transfer.start.{request.Type}", room, target,
            result.Value is { } v ? $"transfer {v.Id} {v.State} to {v.TargetKind} {v.Target}, target leg {v.TargetCallSid}" : null, cancellationToken);
        return result.Value is { } view
            ? TypedResults.Accepted($"/admin/conferences/{Uri.EscapeDataString(room)}/transfers/{view.Id}", view)
            : context.Problem(result.Error!);
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> GetTransfer(
        string room, string id, ControlContext context, CancellationToken cancellationToken)
    {
        var result = await context.Transfers.GetAsync(room, id, cancellationToken);
        return result.Value is { } view ? TypedResults.Ok(view) : context.Problem(result.Error!);
    }

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> CompleteTransfer(
        string room, string id, ControlContext context, CancellationToken cancellationToken) =>
        await context.FinishAsync(await context.Transfers.CompleteAsync(room, id, cancellationToken), "transfer.complete", room, id, cancellationToken);

    public static async Task<Results<Ok<TransferView>, ProblemHttpResult>> CancelTransfer(
        string room, string id, ControlContext context, CancellationToken cancellationToken) =>
        await context.FinishAsync(await context.Transfers.CancelAsync(room, id, context.Caller.Actor, cancellationToken), "transfer.cancel", room, id, cancellationToken);

    public static async Task<Results<Ok<ControlOutcome>, ProblemHttpResult>> AddSupervisor(
        string room, AddSupervisorRequest request, ControlContext context, CancellationToken cancellationToken)
    {
        var result = string.IsNullOrWhiteSpace(request.Supervisor)
            ? ControlError.Invalid("Invalid request", "'supervisor' (a configured supervisor id) is required.")
            : !ConferenceService.TryParseMode(request.Mode, out var mode) ? InvalidMode()
            : await context.Conference.AddSupervisorAsync(room, request.Supervisor, mode, context.Caller, cancellationToken);
        return await context.FinishAsync(result, $"supervisor.add.{request.Mode}", room, request.Supervisor, cancellationToken);
    }

    public static async Task<Results<Ok<ControlOutcome>, ProblemHttpResult>> SetSupervisorMode(
        string room, string callSid, SupervisorModeRequest request, ControlContext context, CancellationToken cancellationToken)
    {
        var result = !Sids.IsCallSid(callSid) ? InvalidCallSid()
            : !ConferenceService.TryParseMode(request.Mode, out var mode) ? InvalidMode()
            : await context.Conference.SetSupervisorModeAsync(room, callSid, mode, context.Caller, cancellationToken);
        return await context.FinishAsync(result, $"supervisor.mode.{request.Mode}", room, callSid, cancellationToken);
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> ListAudit(
        AuditLog audit, IConferenceStore store, string? room = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        if (limit < 1 || limit > AuditLog.MaxLimit)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit", detail: $"limit must be between 1 and {AuditLog.MaxLimit}.");
        }

        string[]? names = null;
        if (room is { Length: > 0 })
        {
            var found = await store.GetRoomAsync(room, cancellationToken);
            names = [room, .. found is null ? Array.Empty<string>() : [found.ConferenceSid, .. found.FriendlyName is { } n ? [n] : Array.Empty<string>()]];
        }

        return TypedResults.Ok(await audit.ListAsync(names, limit, cancellationToken));
    }

    private static async Task<Results<Ok<ControlOutcome>, ProblemHttpResult>> OnParticipant(
        string room, string callSid, string action, ControlContext context, Func<Task<ControlResult<ControlOutcome>>> act, CancellationToken cancellationToken) =>
        await context.FinishAsync(Sids.IsCallSid(callSid) ? await act() : InvalidCallSid(), action, room, callSid, cancellationToken);

    private static ControlError InvalidCallSid() => ControlError.Invalid("Invalid CallSid", "callSid must be 'CA' followed by 32 hexadecimal characters.");

    private static ControlError InvalidMode() => ControlError.Invalid("Invalid mode", "mode must be 'monitor', 'coach' or 'barge'.");
}
