using System.Globalization;
using ContactCenter.Api.Admin;
using ContactCenter.Api.Control;
using ContactCenter.Api.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.History;

/// <summary><c>{"note":"..."}</c>: at most <see cref="CallHistoryEndpoints.MaxNoteLength"/> characters; empty clears nothing, it stores "".</summary>
public sealed record CallNoteRequest(string? Note);

/// <summary>
/// Call history for the supervisor wallboard and the wrap-up note of the agent desk. History is for supervisors and
/// admins only (an agent gets 403 from <see cref="PeopleAccessFilter"/>); a note may be read or written by supervisors on
/// any call and by an agent on a call they took.
/// </summary>
public static class CallHistoryEndpoints
{
    public const int MaxNoteLength = 2000;
    public const int MaxLimit = 200;
    public const string NoteAction = "call.note";

    public static IServiceCollection AddCallHistory(this IServiceCollection services) => services.AddSingleton<CallHistoryStore>();

    public static IEndpointRouteBuilder MapCallHistory(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup();
        admin.MapGet("/history", Search).WithName("SearchCallHistory")
            .WithSummary("Ended calls, newest first: from/to (ISO 8601, on the start), queue, agent, limit (1-200), before (the previous page's next).");
        admin.MapGet("/calls/{callSid}/note", GetNote).WithName("GetCallNote")
            .WithSummary("The wrap-up note of a call (the caller's CallSid).");
        admin.MapPut("/calls/{callSid}/note", PutNote).WithName("PutCallNote")
            .WithSummary("Store the wrap-up note of a call (at most 2000 characters); audited as call.note.");
        return endpoints;
    }

    public static async Task<Results<Ok<HistoryPage>, ProblemHttpResult>> Search(
        CallHistoryStore store, string? from = null, string? to = null, string? queue = null, string? agent = null, int? limit = null,
        string? before = null, CancellationToken cancellationToken = default)
    {
        if (!TryParse(from, out var fromAt) || !TryParse(to, out var toAt) || !TryParse(before, out var beforeAt))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid date", "from, to and before must be ISO 8601 dates or times.");
        }

        if (fromAt is not null && toAt is not null && fromAt >= toAt)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid range", "from must be before to.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid limit", $"limit must be between 1 and {MaxLimit}.");
        }

        return TypedResults.Ok(await store.SearchAsync(new HistoryQuery(fromAt, toAt, queue, agent, limit ?? 50, beforeAt), cancellationToken));
    }

    public static async Task<Results<Ok<CallNote>, ProblemHttpResult>> GetNote(string callSid, CallHistoryStore store, CancellationToken cancellationToken)
    {
        if (await store.GetNoteAsync(callSid, cancellationToken) is { } note)
        {
            return TypedResults.Ok(note);
        }

        return await store.IsKnownAsync(callSid, cancellationToken)
            ? Problem(StatusCodes.Status404NotFound, "No note", "This call has no note yet.")
            : UnknownCall();
    }

    public static async Task<Results<Ok<CallNote>, ProblemHttpResult>> PutNote(
        string callSid, CallNoteRequest? request, CallHistoryStore store, AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (request?.Note is not { } text || text.Length > MaxNoteLength)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid note", $"'note' is required and at most {MaxNoteLength} characters.");
        }

        if (!await store.IsKnownAsync(callSid, cancellationToken))
        {
            return UnknownCall();
        }

        var actor = http.User.Actor();
        var saved = await store.SaveNoteAsync(callSid, text, actor, cancellationToken);
        await audit.RecordAsync(actor, NoteAction, "room-" + callSid, callSid, AuditLog.Ok, $"{text.Length} characters", cancellationToken);
        return TypedResults.Ok(saved);
    }

    private static bool TryParse(string? value, out DateTime? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        at = parsed.UtcDateTime;
        return true;
    }

    private static ProblemHttpResult UnknownCall() =>
        Problem(StatusCodes.Status404NotFound, "Unknown call", "No queued call or room is on record for this CallSid.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
