namespace ContactCenter.Api.Voice;

/// <summary>
/// Twilio's incoming-call webhook (the fields this service reads). Every field is an optional string so
/// form binding never fails before the signature filter has run; the handler validates.
/// </summary>
public sealed record VoiceRequest
{
    public string? CallSid { get; init; }
    public string? AccountSid { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? CallStatus { get; init; }
    public string? Direction { get; init; }
}
