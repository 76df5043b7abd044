using System.ComponentModel.DataAnnotations;
using ContactCenter.Api.Twilio.Rest;

namespace ContactCenter.Api.Twilio;

/// <summary>Twilio account settings. Secrets (AuthToken, ApiKeySecret) come from the environment or user secrets.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>Used only in Development when no token is configured; it is public, so it protects nothing.</summary>
    public const string DevelopmentAuthToken = "development-only-auth-token";

    [RegularExpression("^AC[0-9a-fA-F]{32}$", ErrorMessage = "Twilio:AccountSid must be 'AC' followed by 32 hex characters.")]
    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>The scheme, host and optional path prefix Twilio uses to reach this service, e.g. https://cc.example.com.</summary>
    [Url(ErrorMessage = "Twilio:PublicBaseUrl must be an absolute http(s) URL.")]
    public string? PublicBaseUrl { get; set; }

    public bool ValidateSignatures { get; set; } = true;

    /// <summary>The largest webhook body accepted (Twilio's are a few KB); a larger one is refused 413 before it is parsed.</summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "Twilio:MaxWebhookBodyBytes must be between 1024 and 16777216 (16 MB).")]
    public int MaxWebhookBodyBytes { get; set; } = DefaultMaxWebhookBodyBytes;

    public const int DefaultMaxWebhookBodyBytes = 64 * 1024;

    /// <summary>Where the REST API lives: Twilio's default, an edge location (https://api.dublin.ie1.twilio.com), a simulator or a contract mock.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    public const string DefaultApiBaseUrl = "https://api.twilio.com";

    /// <summary>An API key (recommended in production); REST requests then authenticate as the key, not the account.</summary>
    [RegularExpression("^SK[0-9a-fA-F]{32}$", ErrorMessage = "Twilio:ApiKeySid must be 'SK' followed by 32 hex characters.")]
    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    /// <summary>Retries and timeouts of the REST client (section Twilio:Rest).</summary>
    public TwilioRestResilienceOptions Rest { get; set; } = new();

    /// <summary>True when the Development fallback token is in use.</summary>
    internal bool UsesDevelopmentAuthToken { get; set; }
}
