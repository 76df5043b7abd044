using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Twilio;

/// <summary>
/// Rejects any request to a Twilio-facing route that does not carry a valid X-Twilio-Signature. It wraps the
/// endpoint (see <see cref="TwilioWebhookExtensions.MapTwilioWebhooks"/>) so it runs before the handler binds its
/// form: the body is read once (no further than <see cref="TwilioOptions.MaxWebhookBodyBytes"/>, else 413), the
/// signature checked over its raw name/value pairs, and the handler then binds exactly the pairs that were checked.
/// Only form posts reach a handler (415 otherwise), with or without signature validation, and GETs, signed over the
/// URL alone, whose query is then the form.
/// </summary>
internal sealed partial class TwilioSignatureFilter(
    IOptionsMonitor<TwilioOptions> options, Operations.ContactCenterMetrics metrics, ILogger<TwilioSignatureFilter> logger)
{
    public const string HeaderName = "X-Twilio-Signature";

    public const string BodyHashParameter = "bodySHA256";

    public RequestDelegate Wrap(RequestDelegate next) => context => InvokeAsync(context, next);

    private async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var settings = options.CurrentValue;
        var request = context.Request;
        RequestBodyBuffer? body;
        try
        {
            body = await RequestBodyBuffer.ReadAsync(request, settings.MaxWebhookBodyBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException error)
        {
            // Kestrel's own verdict on the body: 413 too large, 400 malformed or too slow.
            context.Response.StatusCode = error.StatusCode;
            return;
        }
        catch (Exception error) when (error is IOException or OperationCanceledException)
        {
            // The caller went away mid-body (as the framework's form binding answers it): nothing to check, nobody to tell.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (body is null)
        {
            LogTooLarge(logger, request.Method, request.Path, settings.MaxWebhookBodyBytes);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        using (body)
        {
            // A GET (a conference's waitUrl) is signed over the full URL with its query and no parameters; the handler then
            // binds the query's pairs, which the signature covered. Any body is ignored.
            var isGet = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            if (!isGet && !IsUrlEncodedForm(request))
            {
                // Twilio posts forms; a handler must never read anything else (nor the framework parse it).
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return;
            }

            var pairs = new List<KeyValuePair<string, string>>();
            if (!isGet)
            {
                TwilioFormBody.Parse(body.Span, pairs);
            }

            if (settings.ValidateSignatures && !IsSigned(request, settings, body, pairs))
            {
                metrics.SignatureRefused((context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unknown");
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            if (isGet)
            {
                QueryPairs(request.QueryString, pairs);
            }

            context.Features.Set<IFormFeature>(new FormFeature(TwilioFormBody.ToForm(pairs)));
            await next(context);
        }
    }

    private bool IsSigned(HttpRequest request, TwilioOptions settings, RequestBodyBuffer body, List<KeyValuePair<string, string>> pairs)
    {
        var url = TwilioPublicUrl.Of(request, settings);
        var signature = request.Headers[HeaderName] is { Count: 1 } header ? header[0] : null;
        var valid = BodyHash(request.QueryString) is { } bodyHash
            ? TwilioSignature.IsValidWithBodyHash(settings.AuthToken!, url, body.Span, bodyHash, signature)
            : TwilioSignature.IsValid(settings.AuthToken!, url, CollectionsMarshal.AsSpan(pairs), signature);
        if (!valid)
        {
            LogRejected(logger, request.Method, request.Path, request.Headers.ContainsKey(HeaderName) ? "invalid" : "missing", TwilioPublicUrl.WithoutCredentials(url));
        }

        return valid;
    }

    /// <summary>The first <c>bodySHA256</c> query parameter, as Twilio's Node library reads it; null when there is none.</summary>
    private static string? BodyHash(QueryString query)
    {
        if (query.Value is not { } text || !text.Contains(BodyHashParameter, StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var pair in new QueryStringEnumerable(text))
        {
            if (pair.DecodeName().Span.SequenceEqual(BodyHashParameter))
            {
                return pair.DecodeValue().ToString();
            }
        }

        return null;
    }

    private static void QueryPairs(QueryString query, List<KeyValuePair<string, string>> pairs)
    {
        if (query.Value is not { Length: > 1 } text)
        {
            return;
        }

        foreach (var pair in new QueryStringEnumerable(text))
        {
            pairs.Add(new KeyValuePair<string, string>(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        }
    }

    private static bool IsUrlEncodedForm(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: the body is over {MaxBytes} bytes (Twilio:MaxWebhookBodyBytes)")]
    private static partial void LogTooLarge(ILogger logger, string method, PathString path, int maxBytes);

    // Never the form values (they carry phone numbers) nor credentials in the URL.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Method} {Path}: {SignatureState} X-Twilio-Signature for {SignedUrl}")]
    private static partial void LogRejected(ILogger logger, string method, PathString path, string signatureState, string signedUrl);
}
