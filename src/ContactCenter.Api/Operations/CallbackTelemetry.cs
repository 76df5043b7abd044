using System.Diagnostics;

namespace ContactCenter.Api.Operations;

/// <summary>
/// Around each Twilio status callback: a span <c>ingest {type}</c> and the <c>contactcenter.callbacks</c> count by type and
/// outcome (stored, duplicate, malformed, refused). The handler says what it stored with <see cref="Stored"/>.
/// </summary>
public sealed class CallbackTelemetry(string type) : IEndpointFilter
{
    private const string OutcomeKey = "contactcenter.callback.outcome";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var activity = ContactCenterTracing.Source.StartActivity("ingest " + type);
        var result = await next(context);
        var outcome = (result is INestedHttpResult nested ? nested.Result : result) switch
        {
            IStatusCodeHttpResult { StatusCode: StatusCodes.Status400BadRequest } => "malformed",
            IStatusCodeHttpResult { StatusCode: StatusCodes.Status403Forbidden } => "refused",
            _ => context.HttpContext.Items[OutcomeKey] as string ?? "stored",
        };
        activity?.SetTag("contactcenter.callback.outcome", outcome);
        context.HttpContext.RequestServices.GetRequiredService<ContactCenterMetrics>().CallbackIngested(type, outcome);
        return result;
    }

    /// <summary>
    /// The callback was stored (or was a duplicate): its outcome, its SIDs on the span, and the span remembered as the parent
    /// of the reactions the worker runs for it (<paramref name="key"/>, see <see cref="TraceParents"/>).
    /// </summary>
    public static void Stored(HttpContext context, string? key, bool isNew, string? conferenceSid, string? callSid)
    {
        context.Items[OutcomeKey] = isNew ? "stored" : "duplicate";
        if (Activity.Current is not { } activity || activity.Source != ContactCenterTracing.Source)
        {
            return;
        }

        activity.SetTag(ContactCenterTracing.ConferenceSid, conferenceSid);
        activity.SetTag(ContactCenterTracing.CallSid, callSid);
        if (isNew && key is not null)
        {
            context.RequestServices.GetRequiredService<TraceParents>().Remember(key);
        }
    }
}
