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

    /// <summary>The URL with any <c>user:pass@</c> replaced by <c>***@</c>, for logs.</summary>
    public static string WithoutCredentials(string url)
    {
        var authorityStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], Math.Max(authorityStart, 0));
        var at = authorityStart < 3 ? -1 : url.LastIndexOf('@', (authorityEnd < 0 ? url.Length : authorityEnd) - 1);
        return at < authorityStart ? url : string.Concat(url.AsSpan(0, authorityStart), "***", url.AsSpan(at));
    }
}
