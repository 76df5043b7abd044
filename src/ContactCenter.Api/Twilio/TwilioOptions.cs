using System.ComponentModel.DataAnnotations;

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

    /// <summary>Base URL of Twilio's REST API (the simulator sets its own); default https://api.twilio.com.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>True when the Development fallback token is in use.</summary>
    internal bool UsesDevelopmentAuthToken { get; set; }
}
