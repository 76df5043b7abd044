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

    /// <summary>Twilio refused or failed (502), with its error code.</summary>
    TwilioFailed,
}

/// <summary>An expected refusal or failure: no exception crosses the service boundary for these.</summary>
public sealed record ControlError(ControlErrorKind Kind, string Title, string Detail, int? TwilioCode = null, int? TwilioStatus = null)
{
    public static ControlError NotFound(string title, string detail) => new(ControlErrorKind.NotFound, title, detail);

    public static ControlError Conflict(string title, string detail) => new(ControlErrorKind.Conflict, title, detail);

    public static ControlError Forbidden(string title, string detail) => new(ControlErrorKind.Forbidden, title, detail);

    public static ControlError Invalid(string title, string detail) => new(ControlErrorKind.Invalid, title, detail);

    /// <summary>Twilio's answer (message already scrubbed of numbers). A 404 on a participant means it has left.</summary>
    public static ControlError FromTwilio(TwilioApiException error, string operation) => error.IsNotFound
        ? new(ControlErrorKind.NotFound, "Not found at Twilio", $"{operation}: Twilio no longer knows this participant or call (it has left or ended).", error.TwilioCode, (int)error.HttpStatus)
        : new(ControlErrorKind.TwilioFailed, "Twilio refused the request", $"{operation}: {error.TwilioMessage}", error.TwilioCode, (int)error.HttpStatus);

    /// <summary>The outcome written to the audit trail.</summary>
    public string Outcome => Kind is ControlErrorKind.TwilioFailed ? "failed" : "refused";
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
