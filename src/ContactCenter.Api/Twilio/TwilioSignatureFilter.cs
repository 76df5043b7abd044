using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Twilio;

/// <summary>Rejects any request to a Twilio-facing route that does not carry a valid X-Twilio-Signature.</summary>
internal sealed partial class TwilioSignatureFilter(IOptionsMonitor<TwilioOptions> options, ILogger<TwilioSignatureFilter> logger)
    : IEndpointFilter
{
    public const string HeaderName = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var settings = options.CurrentValue;
        if (!settings.ValidateSignatures)
        {
            return await next(context);
        }

        var request = context.HttpContext.Request;
        var form = request.HasFormContentType ? await request.ReadFormAsync(context.HttpContext.RequestAborted) : FormCollection.Empty;
        var url = TwilioPublicUrl.Of(request, settings);
        if (TwilioSignature.IsValid(settings.AuthToken!, url, form, request.Headers[HeaderName]))
        {
            return await next(context);
        }

        LogRejected(logger, request.Method, request.Path, request.Headers.ContainsKey(HeaderName) ? "invalid" : "missing", url);
        return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
    }

    // Never the form values: they carry phone numbers.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Method} {Path}: {SignatureState} X-Twilio-Signature for {SignedUrl}")]
    private static partial void LogRejected(ILogger logger, string method, PathString path, string signatureState, string signedUrl);
}
