using System.Net;
using System.Text.Json;
using Twilio.Exceptions;
using Response = Twilio.Http.Response;

namespace ContactCenter.Api.Twilio.Rest;

/// <summary>
/// What the Twilio library throws, turned back into what callers of <see cref="ITwilioRestClient"/> branch on.
/// The library wraps every transport failure in ApiConnectionException (HttpRequestException, Polly's
/// TimeoutRejectedException and BrokenCircuitException, a cancellation) and a body it cannot read in ApiException
/// around a Newtonsoft exception. Those surface unwrapped, a body as <see cref="JsonException"/>; Twilio's refusals
/// as <see cref="TwilioApiException"/>.
/// </summary>
internal static class TwilioLibraryErrors
{
    /// <summary>The exception the seam promises for <paramref name="error"/>, or null when it passes unchanged.</summary>
    /// <param name="answer">The last answer the library received in this call, if any.</param>
    public static Exception? Translate(Exception error, Response? answer, CancellationToken cancellationToken) => error switch
    {
        ApiConnectionException { InnerException: OperationCanceledException cancelled } when cancellationToken.IsCancellationRequested =>
            new OperationCanceledException("The caller cancelled the Twilio request.", cancelled, cancellationToken),
        ApiConnectionException { InnerException: { } transport } => transport,
        ApiException { InnerException: Newtonsoft.Json.JsonException unreadable } => (Exception?)NotSuccess(answer) ?? Unreadable(unreadable),
        ApiException refusal => TwilioApiException.From(refusal, answer),
        ApiStandardException => TwilioApiException.FromAnswer(answer?.StatusCode ?? 0),
        Newtonsoft.Json.JsonException unreadable => (Exception?)NotSuccess(answer) ?? Unreadable(unreadable),
        _ => null,
    };

    /// <summary>A 3xx counts as success for the library; for this service it is a refusal (redirects are not followed).</summary>
    public static TwilioApiException? NotSuccess(Response? answer) =>
        answer is { StatusCode: < HttpStatusCode.OK or >= HttpStatusCode.MultipleChoices } ? TwilioApiException.FromAnswer(answer.StatusCode) : null;

    /// <summary>The body is never quoted: a call resource carries phone numbers.</summary>
    public static JsonException Unreadable(Exception? inner = null, string what = "a body that is not the expected JSON") =>
        new($"Twilio answered with {what}.", inner);
}
