using Microsoft.AspNetCore.Http.Extensions;

namespace ContactCenter.Api.Twilio;

/// <summary>
/// The URL Twilio used to reach this service: the configured public base URL when set (a tunnel or proxy
/// in front of us), otherwise scheme and host as seen after the forwarded-headers middleware.
/// </summary>
public static class TwilioPublicUrl
{
    public static string Base(HttpRequest request, TwilioOptions options) =>
        options.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : string.Concat(request.Scheme, "://", request.Host.ToUriComponent(), request.PathBase.ToUriComponent());

    public static string Of(HttpRequest request, TwilioOptions options) =>
        options.PublicBaseUrl is { Length: > 0 } configured
            ? string.Concat(configured.TrimEnd('/'), request.PathBase.ToUriComponent(), request.Path.ToUriComponent(), request.QueryString.ToUriComponent())
            : request.GetEncodedUrl();
}
