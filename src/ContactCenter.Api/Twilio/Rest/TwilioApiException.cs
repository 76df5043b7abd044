using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactCenter.Api.Observability;

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

    public bool IsNotFound => TwilioCode == 20404 || HttpStatus == HttpStatusCode.NotFound;

    public bool IsNotConnected => TwilioCode is { } code && NotConnectedCodes.Contains(code);

    public bool IsRateLimited => TwilioCode == 20429 || HttpStatus == HttpStatusCode.TooManyRequests;

    internal static async Task<TwilioApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        int? code = null;
        string? message = null, moreInfo = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
                message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                moreInfo = root.TryGetProperty("more_info", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not Twilio's error shape (a proxy's HTML page, a mock's report): keep the start of the body as the message.
        }

        message ??= body.Length > 2000 ? body[..2000] : body;
        return new TwilioApiException(response.StatusCode, code, Scrub(message), moreInfo);
    }

    private static string Describe(HttpStatusCode status, int? code, string? message) =>
        $"Twilio answered {(int)status}{(code is null ? "" : $" (code {code})")}: {message}";

    /// <summary>Twilio echoes the offending number in some messages ("The 'To' number +1... is not valid").</summary>
    internal static string? Scrub(string? message) =>
        message is null ? null : AddressPattern().Replace(message, m => PhoneMask.Mask(m.Value));

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\+?\d{7,15}(?![0-9A-Za-z])|(?:sip|client):[^\s'"",]+)")]
    private static partial Regex AddressPattern();
}
