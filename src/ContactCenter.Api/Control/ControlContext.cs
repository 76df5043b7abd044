using System.Security.Claims;
using ContactCenter.Api.Reconciliation;
using ContactCenter.Api.Twilio;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Control;

/// <summary>
/// What every admin action needs: the services, the actor (the admin key's name), the public base URL for Twilio's
/// callbacks (Twilio:PublicBaseUrl, else the request's), and the audit trail. Bound per request by minimal APIs.
/// </summary>
public sealed class ControlContext(
    ConferenceService conference, TransferService transfers, AuditLog audit, ControlCaller caller, IReconciliationTrigger? reconciliation = null,
    HttpContext? http = null)
{
    public ConferenceService Conference => conference;

    public TransferService Transfers => transfers;

    public ControlCaller Caller => caller;

    public static ValueTask<ControlContext?> BindAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var actor = http.User.Identity?.Name ?? http.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";
        var baseUrl = TwilioPublicUrl.Base(http.Request, services.GetRequiredService<IOptions<TwilioOptions>>().Value);
        return ValueTask.FromResult<ControlContext?>(new ControlContext(
            services.GetRequiredService<ConferenceService>(),
            services.GetRequiredService<TransferService>(),
            services.GetRequiredService<AuditLog>(),
            new ControlCaller(actor, baseUrl),
            services.GetService<IReconciliationTrigger>(),
            http));
    }

    public Task AuditAsync(ControlError? error, string action, string room, string? target, string? detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(caller.Actor, action, room, target, error is null ? AuditLog.Ok : error.Outcome,
            error is null ? detail : (error.Operation is { } op ? $"[{op}] " : "") + error.Detail, cancellationToken);

    /// <summary>Audits the outcome and answers 200 with the value or the matching problem.</summary>
    public async Task<Results<Ok<T>, ProblemHttpResult>> FinishAsync<T>(
        ControlResult<T> result, string action, string room, string? target, CancellationToken cancellationToken)
    {
        var detail = result.Value switch
        {
            ControlOutcome outcome => outcome.CallSid is null ? outcome.Detail : $"{outcome.Detail} ({outcome.CallSid})",
            TransferView view => $"transfer {view.Id} {view.State}",
            _ => null,
        };
        await AuditAsync(result.Error, action, room, target, detail, cancellationToken);
        if (result.Error is { TwilioStatus: StatusCodes.Status404NotFound })
        {
            // Twilio no longer knows something the record has live: a callback may have been lost.
            reconciliation?.Request(room);
        }

        return result.Error is { } error ? Problem(error) : TypedResults.Ok(result.Value!);
    }

    /// <summary><see cref="ProblemFor"/>, with the <c>Retry-After</c> header of a 503.</summary>
    public ProblemHttpResult Problem(ControlError error)
    {
        if (error.RetryAfter is { } wait && http is not null)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ProblemFor(error);
    }

    /// <summary>
    /// NotFound 404, Conflict 409, Forbidden 403, Invalid 400, TwilioFailed 502, TwilioUnavailable 503, OutcomeUnknown 504 after a
    /// timeout else 502. Extension members, when known: operation, outcome, twilioCode, twilioStatus, transferId, retryAfterSeconds.
    /// </summary>
    public static ProblemHttpResult ProblemFor(ControlError error)
    {
        var status = error.Kind switch
        {
            ControlErrorKind.NotFound => StatusCodes.Status404NotFound,
            ControlErrorKind.Conflict => StatusCodes.Status409Conflict,
            ControlErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ControlErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ControlErrorKind.TwilioUnavailable => StatusCodes.Status503ServiceUnavailable,
            ControlErrorKind.OutcomeUnknown when error.TimedOut => StatusCodes.Status504GatewayTimeout,
            _ => StatusCodes.Status502BadGateway,
        };
        var extensions = new Dictionary<string, object?> { ["outcome"] = error.Outcome };
        if (error.Operation is { } operation)
        {
            extensions["operation"] = operation;
        }

        if (error.TransferId is { } transferId)
        {
            extensions["transferId"] = transferId;
        }

        if (error.RetryAfter is { } retryAfter)
        {
            extensions["retryAfterSeconds"] = (int)Math.Ceiling(retryAfter.TotalSeconds);
        }

        if (error.TwilioCode is { } code)
        {
            extensions["twilioCode"] = code;
        }

        if (error.TwilioStatus is { } twilioStatus)
        {
            extensions["twilioStatus"] = twilioStatus;
        }

        return TypedResults.Problem(statusCode: status, title: error.Title, detail: error.Detail, extensions: extensions);
    }
}
