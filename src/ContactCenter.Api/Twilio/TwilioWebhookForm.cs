using System.Reflection;
using Microsoft.AspNetCore.Http.Features;

namespace ContactCenter.Api.Twilio;

/// <summary>
/// The form of a Twilio webhook exactly as <see cref="TwilioSignatureFilter"/> checked it: what the webhook records
/// and handlers bind. Binding never fails and never yields null (an empty body is an empty form): a missing, repeated
/// or oversized field is simply absent, and the handler answers 400 when it needed it.
/// </summary>
public sealed class TwilioWebhookForm(IFormCollection fields) : IBindableFromHttpContext<TwilioWebhookForm>
{
    /// <summary>Longer than anything Twilio sends in a field (SIDs are 34 characters, URLs and labels a few hundred at most).</summary>
    public const int MaxValueLength = 512;

    public IFormCollection Fields { get; } = fields;

    public static TwilioWebhookForm Of(HttpContext context) => new(context.Features.Get<IFormFeature>()?.Form ?? FormCollection.Empty);

    public static ValueTask<TwilioWebhookForm?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult<TwilioWebhookForm?>(Of(context));

    /// <summary>The field's one value; null when it is absent, sent more than once or longer than <see cref="MaxValueLength"/>.</summary>
    public string? Single(string name) =>
        Fields.TryGetValue(name, out var values) && values.Count == 1 && values[0] is { Length: <= MaxValueLength } value ? value : null;
}
