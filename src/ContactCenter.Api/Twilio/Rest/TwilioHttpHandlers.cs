using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Twilio.Rest;

/// <summary>
/// The caller's CancellationToken for the Twilio library call in progress. The library takes no token, so
/// <see cref="TwilioRestGateway"/> sets it around each call and <see cref="TwilioRequestHandler"/> links it into
/// the HTTP request. An AsyncLocal set inside an async method reverts when that method returns.
/// </summary>
internal static class TwilioCallCancellation
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    public static CancellationToken Token
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}

/// <summary>
/// Outermost handler of the Twilio client, in front of the resilience pipeline: adapts the request the library
/// built to the service's rules. It marks a create (which may dial someone) as not repeatable, moves the library's
/// fixed https://api.twilio.com to <c>Twilio:ApiBaseUrl</c>, refuses to send the credentials anywhere else, and
/// links the caller's token so cancelling the caller cancels the request, retries and backoff included.
/// </summary>
internal sealed class TwilioRequestHandler(IOptionsMonitor<TwilioOptions> options) : DelegatingHandler
{
    /// <summary>Where the library sends every request of the API this service uses (it knows no other base).</summary>
    public static readonly Uri LibraryBase = new(TwilioOptions.DefaultApiBaseUrl);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(TwilioRetryRules.NotRepeatable, TwilioRetryRules.IsCreate(request));
        request.RequestUri = Rebase(request.RequestUri, options.CurrentValue.ApiBaseUrl);

        var caller = TwilioCallCancellation.Token;
        if (!caller.CanBeCanceled)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, caller);
        return await base.SendAsync(request, linked.Token);
    }

    /// <summary>https://api.twilio.com/2010-04-01/… becomes {ApiBaseUrl}/2010-04-01/…, path and query kept as escaped.</summary>
    internal static Uri Rebase(Uri? uri, string apiBaseUrl)
    {
        if (uri is null || !uri.IsAbsoluteUri || Uri.Compare(uri, LibraryBase, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new InvalidOperationException(
                $"The Twilio library built a request to {uri?.GetLeftPart(UriPartial.Authority) ?? "nowhere"}, outside {LibraryBase.Host}; it was not sent.");
        }

        return new Uri(apiBaseUrl.TrimEnd('/') + uri.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped));
    }
}

/// <summary>
/// Innermost handler: reads the whole answer inside the attempt, so a body that stalls is bounded by the attempt
/// timeout and the caller's token (HttpClient would otherwise buffer it after the pipeline, under neither).
/// </summary>
internal sealed class TwilioResponseBuffering : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
