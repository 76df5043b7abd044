using ContactCenter.Api.Admin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Routing;

/// <summary><c>GET /admin/voicemails?queue=&amp;since=&amp;page=&amp;pageSize=</c>: voicemails, newest first. Bearer admin key required.</summary>
public static class AdminVoicemailEndpoints
{
    public static IEndpointRouteBuilder MapAdminVoicemails(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAdminGroup().MapGet("/voicemails", ListVoicemails).WithName("ListVoicemails")
            .WithSummary("Voicemails left by callers who waited too long; queue=… and since=… filter. Paged, newest first.");
        return endpoints;
    }

    public static async Task<Results<Ok<VoicemailPage>, ProblemHttpResult>> ListVoicemails(
        VoicemailStore store,
        string? queue = null,
        DateTimeOffset? since = null,
        int page = 1,
        int pageSize = 50,
        CancellationToken cancellationToken = default)
    {
        if (queue is not null && !QueueWaitEndpoints.IsQueueId(queue))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid queue",
                detail: "queue must be 1 to 64 letters, digits, '-' or '_'.");
        }

        if (page < 1 || page > 100_000 || pageSize < 1 || pageSize > VoicemailStore.MaxPageSize)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid paging",
                detail: $"page must be between 1 and 100000 and pageSize between 1 and {VoicemailStore.MaxPageSize}.");
        }

        return TypedResults.Ok(await store.ListAsync(queue, since, page, pageSize, cancellationToken));
    }
}
