using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ContactCenter.Api.Voice;

/// <summary>
/// The caller's number as it rides on a routed room's statusCallback URL (<c>&amp;caller=</c>): sealed with Data Protection,
/// base64url. Twilio's signature already covers the URL; the seal keeps the number out of every place a URL ends up
/// (logs, traces, Twilio's debugger). Instances behind one load balancer share the key ring (<c>Console:DataProtectionKeysPath</c>).
/// </summary>
public sealed partial class CallerNumbers(IDataProtectionProvider provider, ILogger<CallerNumbers> logger)
{
    public const string Purpose = "ContactCenter.CallerNumber.v1";

    /// <summary>The query field on the statusCallback URL and in the stored callback fields.</summary>
    public const string Field = "caller";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string? Protect(string? number) => string.IsNullOrWhiteSpace(number) ? null : _protector.Protect(number.Trim());

    /// <summary>The number sealed in <paramref name="token"/>, or null (logged, no number) when this key ring cannot read it.</summary>
    public string? Unprotect(string? token, string conferenceSid)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            // Keys rotated away or another key ring (an instance without the shared keys path): the caller is routed all the same.
            LogUnreadable(logger, conferenceSid);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The caller number on room {ConferenceSid}'s callback could not be unsealed (another or a rotated key ring); its queue entry has no number")]
    private static partial void LogUnreadable(ILogger logger, string conferenceSid);
}
