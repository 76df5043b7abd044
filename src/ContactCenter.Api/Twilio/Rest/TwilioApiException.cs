using System.Net;
using System.Text.RegularExpressions;
using ContactCenter.Api.Observability;
using Twilio.Exceptions;
using Response = Twilio.Http.Response;

namespace ContactCenter.Api.Twilio.Rest;

/// <summary>
/// Twilio answered with an error (<c>{code, message, more_info, status}</c>). Callers branch on
/// <see cref="IsNotFound"/>, <see cref="IsNotConnected"/> and <see cref="IsRateLimited"/> rather than on text.
/// </summary>
public sealed partial class TwilioApiException : Exception
{
    /// <summary>"Call is not in progress" and friends: the leg exists but cannot be changed any more.</summary>
    private static readonly HashSet<int> NotConnectedCodes = [21220];

    public TwilioApiException(HttpStatusCode httpStatus, int? twilioCode, string? twilioMessage, string? moreInfo)
        : base(Describe(httpStatus, twilioCode, twilioMessage))
    {
        HttpStatus = httpStatus;
        TwilioCode = twilioCode;
        TwilioMessage = twilioMessage;
        MoreInfo = moreInfo;
    }

    public HttpStatusCode HttpStatus { get; }

    public int? TwilioCode { get; }

    /// <summary>Twilio's message with phone numbers and SIP/client addresses masked.</summary>
    public string? TwilioMessage { get; }

    public string? MoreInfo { get; }

    /// <summary>Twilio's Retry-After on the last answer (a 429), when it sent one in seconds.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    public bool IsNotFound => TwilioCode == 20404 || HttpStatus == HttpStatusCode.NotFound;

    public bool IsNotConnected => TwilioCode is { } code && NotConnectedCodes.Contains(code);

    public bool IsRateLimited => TwilioCode == 20429 || HttpStatus == HttpStatusCode.TooManyRequests;

    /// <summary>
    /// The library's error: Twilio's code, message and more_info when the body was Twilio's error document; otherwise
    /// (a proxy's HTML page, a mock's report) the library knows no status, so it is taken from the answer itself and the
    /// message is a fixed text naming the status: an upstream body is never quoted (it reaches admin answers and logs).
    /// </summary>
    internal static TwilioApiException From(ApiException error, Response? answer)
    {
        var status = error.Status != 0 ? (HttpStatusCode)error.Status : answer?.StatusCode ?? 0;
        return error.Code != 0
            ? new TwilioApiException(status, error.Code, Scrub(error.Message), error.MoreInfo) { RetryAfter = answer?.Headers?.RetryAfter?.Delta }
            : FromAnswer(status);
    }

    /// <summary>An answer that is not a success and was not read as Twilio's error document; its body is not kept.</summary>
    internal static TwilioApiException FromAnswer(HttpStatusCode status) =>
        new(status, null, $"HTTP {(int)status} without Twilio's error document", null);

    private static string Describe(HttpStatusCode status, int? code, string? message) =>
        $"Twilio answered {(int)status}{(code is null ? "" : $" (code {code})")}: {message}";

    /// <summary>Twilio echoes the offending number in some messages ("The 'To' number +1... is not valid").</summary>
    internal static string? Scrub(string? message) =>
        message is null ? null : AddressPattern().Replace(message, m => PhoneMask.Mask(m.Value));

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\+?\d{7,15}(?![0-9A-Za-z])|(?:sip|client):[^\s'"",]+)")]
    private static partial Regex AddressPattern();
}
