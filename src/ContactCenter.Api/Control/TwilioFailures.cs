using System.Text.Json;
using ContactCenter.Api.Twilio.Rest;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ContactCenter.Api.Control;

/// <summary>
/// The one place a failed Twilio request becomes a <see cref="ControlError"/>:
/// refused by Twilio (4xx with its code: 404/409/502 as before); not asked (open circuit, 429 after the retries, a
/// connection never made: 503 with Retry-After, or 502 failed); or an unknown outcome (a timeout, a reset after sending,
/// a 5xx or an unreadable 2xx on a dial: 504 after a timeout, else 502). For a dial an unknown outcome means the call may
/// have been placed; for any other request it is harmless to repeat, and the detail says so.
/// </summary>
public sealed class TwilioFailures(TwilioCircuit circuit)
{
    /// <summary>Retry-After for a rate limit that outlasted the pipeline's own retries when Twilio sent none.</summary>
    public static readonly TimeSpan RateLimitedRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The error for <paramref name="error"/>, or null when it is not a Twilio failure (it then propagates).</summary>
    /// <param name="dials">The request may have placed a call (a create of a participant).</param>
    /// <param name="repeatable">False for a create that dials nobody but must not happen twice (a recording).</param>
    public ControlError? Classify(Exception error, string operation, bool dials, CancellationToken cancellationToken, bool repeatable = true) => error switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        TwilioApiException { IsRateLimited: true } limited => Unavailable(operation, "Twilio is rate-limiting requests", AtLeastASecond(limited.RetryAfter ?? RateLimitedRetryAfter))
            with { TwilioCode = limited.TwilioCode, TwilioStatus = (int)limited.HttpStatus },
        TwilioApiException { HttpStatus: >= System.Net.HttpStatusCode.InternalServerError } failed when dials || !repeatable =>
            Unknown(operation, dials, repeatable, $"Twilio answered {(int)failed.HttpStatus}") with { TwilioCode = failed.TwilioCode, TwilioStatus = (int)failed.HttpStatus },
        TwilioApiException refused => ControlError.FromTwilio(refused, operation) with { Operation = operation },
        BrokenCircuitException => Unavailable(operation, "Twilio is failing; requests are paused", circuit.RemainingBreak),
        TimeoutRejectedException or OperationCanceledException => Unknown(operation, dials, repeatable, "Twilio did not answer in time") with { TimedOut = true },
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } =>
            new ControlError(ControlErrorKind.TwilioFailed, "Twilio unreachable", $"{operation}: Twilio could not be reached; nothing was sent.") { Operation = operation },
        HttpRequestException => Unknown(operation, dials, repeatable, "the connection to Twilio failed after the request was sent"),
        JsonException => Unknown(operation, dials, repeatable, "Twilio's answer could not be read"),
        _ => null,
    };

    private static TimeSpan AtLeastASecond(TimeSpan wait) => wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;

    private static ControlError Unavailable(string operation, string title, TimeSpan retryAfter) =>
        new(ControlErrorKind.TwilioUnavailable, title,
            $"{operation}: not sent to Twilio; nothing changed. Try again in {(int)retryAfter.TotalSeconds} s.")
        { Operation = operation, RetryAfter = retryAfter };

    private static ControlError Unknown(string operation, bool dials, bool repeatable, string what) =>
        new(ControlErrorKind.OutcomeUnknown, "Outcome unknown",
            dials ? $"{operation}: {what}; the call may have been placed. The attempt is recorded and checked against Twilio before the same dial is allowed again."
            : repeatable ? $"{operation}: {what}; it may or may not have taken effect. Repeating it is harmless."
            : $"{operation}: {what}; it may or may not have taken effect. Check before repeating it (it is not repeated automatically).")
        { Operation = operation };
}
