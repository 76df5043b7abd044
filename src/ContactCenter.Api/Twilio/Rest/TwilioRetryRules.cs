using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ContactCenter.Api.Twilio.Rest;

/// <summary>
/// When a failed Twilio request may be sent again. Reads and updates are retried on 429, 5xx and timeouts.
/// A request that dials someone (or starts a recording) is not repeatable: sent twice it rings a desk phone
/// twice, so it is retried only when the failure proves Twilio never acted on it (429, or no connection was made).
/// The Twilio library builds the requests; <see cref="TwilioRequestHandler"/> marks them with <see cref="IsCreate"/>.
/// </summary>
public static class TwilioRetryRules
{
    public static readonly HttpRequestOptionsKey<bool> NotRepeatable = new("ContactCenter.Twilio.NotRepeatable");

    /// <summary>
    /// A POST to a collection creates something: a participant or a call (someone is dialed), a recording. Twilio's
    /// paths alternate collection and instance after /Accounts/, so a collection is an even number of segments from
    /// the account (…/Calls.json, …/Conferences/CF…/Participants.json, …/Calls/CA…/Recordings.json); a POST to an
    /// instance (…/Calls/CA….json) is an update, which may be repeated.
    /// </summary>
    public static bool IsCreate(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            return false;
        }

        var path = uri.AbsolutePath;
        var account = path.IndexOf("/Accounts/", StringComparison.Ordinal);
        // Outside the account tree the shape is unknown: not repeatable is the safe answer.
        return account < 0 || path[(account + "/Accounts/".Length)..].Split('/').Length % 2 == 0;
    }

    public static ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args)
    {
        var request = args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage();
        var notRepeatable = request is not null && request.Options.TryGetValue(NotRepeatable, out var flag) && flag;
        return ValueTask.FromResult(notRepeatable ? TwilioDidNotAct(args.Outcome) : IsTransient(args.Outcome));
    }

    /// <summary>Retry-After (seconds or a date) when Twilio sends one, capped; otherwise null: the exponential backoff applies.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, max.Ticks)) : null;
    }

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            || (int)response.StatusCode >= 500,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        _ => false,
    };

    internal static bool TwilioDidNotAct(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        // Failures while connecting: the request never left this machine. A timeout or a reset afterwards proves nothing.
        { Exception: HttpRequestException
            {
                HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                    or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
            } } => true,
        _ => false,
    };
}
