using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Admin;

/// <summary>
/// <c>Idempotency-Key</c> on admin actions (POST, PUT, DELETE): the first request with a key runs and its answer (status, body,
/// Location) is stored; a retry with the same key, method, path and body gets that answer again (header
/// <c>Idempotency-Replayed: true</c>) and nothing runs twice. The same key with another request is 422; a retry while the first
/// still runs is 409. Keys belong to the admin key's name (two admins never share one) and expire with Storage:RetentionDays.
/// </summary>
public sealed partial class IdempotencyFilter(IdempotencyStore store, IOptions<JsonOptions> json) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method))
            || !http.Request.Headers.TryGetValue(Header, out var values))
        {
            return await next(context);
        }

        var key = values.ToString();
        if (values.Count != 1 || !KeyPattern().IsMatch(key))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid Idempotency-Key",
                "Idempotency-Key must be one value of 1-128 characters: letters, digits, '-', '_', '.', ':'.");
        }

        var actor = http.User.Identity?.Name ?? "unknown";
        var path = http.Request.Path.Value ?? "";
        var (claim, first) = await store.ClaimAsync(actor, key, method, path, Fingerprint(method, path, context.Arguments), http.RequestAborted);
        switch (claim)
        {
            case IdempotencyClaim.Mismatch:
                return Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request (method, path or body); use a new key.");
            case IdempotencyClaim.Running:
                return Problem(StatusCodes.Status409Conflict, "Request in progress",
                    "The first request with this Idempotency-Key has not answered yet; it is not run again. Ask again later, or read the room and the audit trail.");
            case IdempotencyClaim.Done:
                http.Response.Headers[ReplayedHeader] = "true";
                return new StoredAnswer(first!.StatusCode ?? StatusCodes.Status200OK, first.ContentType, first.Location, first.Body ?? []);
        }

        var result = await next(context);
        if (result is not IResult answer)
        {
            return result;
        }

        // The answer is written into a buffer first, so it can be stored before the client sees it.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await answer.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var body = buffer.ToArray();
        await store.CompleteAsync(actor, key, http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
            body, CancellationToken.None);
        return new StoredAnswer(http.Response.StatusCode, http.Response.ContentType, null, body);
    }

    /// <summary>SHA-256 over the method, the path and the bound arguments (route values and the JSON body), services left out.</summary>
    private string Fingerprint(string method, string path, IList<object?> arguments)
    {
        var bound = arguments.Where(a => a is null or string or int or bool || a.GetType().Namespace?.StartsWith("ContactCenter", StringComparison.Ordinal) == true
            && a is not Control.ControlContext);
        var text = method + "\n" + path + "\n" + string.Join('\n', bound.Select(a => a is null ? "null" : JsonSerializer.Serialize(a, a.GetType(), json.Value.SerializerOptions)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex KeyPattern();

    /// <summary>An answer already written or stored: status, content type, Location and body as they were.</summary>
    private sealed class StoredAnswer(int status, string? contentType, string? location, byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
