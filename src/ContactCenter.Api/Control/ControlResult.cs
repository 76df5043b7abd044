using ContactCenter.Api.Twilio.Rest;

namespace ContactCenter.Api.Control;

/// <summary>Why a control operation did not happen; the admin API maps each kind to one status code.</summary>
public enum ControlErrorKind
{
    /// <summary>Unknown room, participant, agent, supervisor or transfer (404).</summary>
    NotFound,

    /// <summary>The room or transfer is not in a state that allows it (409).</summary>
    Conflict,

    /// <summary>A dial target the policy refuses (403).</summary>
    Forbidden,

    /// <summary>Malformed input (400).</summary>
    Invalid,

    /// <summary>Twilio refused or failed (502), with its error code; nothing happened.</summary>
    TwilioFailed,

    /// <summary>Twilio was not asked: the circuit is open or Twilio rate-limits us (503 with Retry-After).</summary>
    TwilioUnavailable,

    /// <summary>The request may or may not have been acted on (a timeout, a reset, an unreadable 2xx): 504 after a timeout, else 502.</summary>
    OutcomeUnknown,
}

/// <summary>An expected refusal or failure: no exception crosses the service boundary for these.</summary>
public sealed record ControlError(ControlErrorKind Kind, string Title, string Detail, int? TwilioCode = null, int? TwilioStatus = null)
{
    /// <summary>The Twilio request that failed ("Dial", "Hold", …); the problem's <c>operation</c>.</summary>
    public string? Operation { get; init; }

    /// <summary>When Twilio may be asked again (503 only); the <c>Retry-After</c> header and <c>retryAfterSeconds</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The request timed out (504 rather than 502 for an unknown outcome).</summary>
    public bool TimedOut { get; init; }

    /// <summary>The transfer the error is about (a failed start, a blocking transfer); the problem's <c>transferId</c>.</summary>
    public string? TransferId { get; init; }

    public static ControlError NotFound(string title, string detail) => new(ControlErrorKind.NotFound, title, detail);

    public static ControlError Conflict(string title, string detail) => new(ControlErrorKind.Conflict, title, detail);

    public static ControlError Forbidden(string title, string detail) => new(ControlErrorKind.Forbidden, title, detail);

    public static ControlError Invalid(string title, string detail) => new(ControlErrorKind.Invalid, title, detail);

    /// <summary>Twilio's answer (message already scrubbed of numbers). A 404 on a participant means it has left.</summary>
    public static ControlError FromTwilio(TwilioApiException error, string operation) => error.IsNotFound
        ? new(ControlErrorKind.NotFound, "Not found at Twilio", $"{operation}: Twilio no longer knows this participant or call (it has left or ended).", error.TwilioCode, (int)error.HttpStatus)
        : new(ControlErrorKind.TwilioFailed, "Twilio refused the request", $"{operation}: {error.TwilioMessage}", error.TwilioCode, (int)error.HttpStatus);

    /// <summary>
    /// Twilio could not act now (unavailable, unknown outcome, a 5xx, unreachable) rather than refusing: a transfer step that
    /// failed so is left owed, for <see cref="TransferRecovery"/> to make again.
    /// </summary>
    public bool IsTwilioTransient => Kind is ControlErrorKind.OutcomeUnknown or ControlErrorKind.TwilioUnavailable
        || (Kind is ControlErrorKind.TwilioFailed && TwilioStatus is null or >= StatusCodes.Status500InternalServerError);

    /// <summary>The outcome written to the audit trail and the problem's <c>outcome</c>.</summary>
    public string Outcome => Kind switch
    {
        ControlErrorKind.TwilioFailed => "failed",
        ControlErrorKind.TwilioUnavailable => "unavailable",
        ControlErrorKind.OutcomeUnknown => "unknown",
        _ => "refused",
    };
}

/// <summary>Either a value or a <see cref="ControlError"/>.</summary>
public readonly record struct ControlResult<T>(T? Value, ControlError? Error)
{
    public bool IsOk => Error is null;

    public static implicit operator ControlResult<T>(T value) => new(value, null);

    public static implicit operator ControlResult<T>(ControlError error) => new(default, error);
}

/// <summary>What a completed operation did, for the admin answer and the audit trail.</summary>
public sealed record ControlOutcome(string Room, string? CallSid, string Detail);

/// <summary>Who asks, and the public base URL Twilio should call back on for legs dialed by this request.</summary>
public sealed record ControlCaller(string Actor, string PublicBaseUrl);
