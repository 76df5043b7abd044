using System.Reflection;
using ContactCenter.Api.Twilio;

namespace ContactCenter.Api.Voice;

/// <summary>
/// Twilio's incoming-call webhook (the fields this service reads), bound from the checked form
/// (<see cref="TwilioWebhookForm"/>): every field an optional string, binding never fails; the handler validates.
/// </summary>
public sealed record VoiceRequest : IBindableFromHttpContext<VoiceRequest>
{
    public string? CallSid { get; init; }
    public string? AccountSid { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? CallStatus { get; init; }
    public string? Direction { get; init; }

    public static ValueTask<VoiceRequest?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var form = TwilioWebhookForm.Of(context);
        return ValueTask.FromResult<VoiceRequest?>(new VoiceRequest
        {
            CallSid = form.Single("CallSid"),
            AccountSid = form.Single("AccountSid"),
            From = form.Single("From"),
            To = form.Single("To"),
            CallStatus = form.Single("CallStatus"),
            Direction = form.Single("Direction"),
        });
    }
}
