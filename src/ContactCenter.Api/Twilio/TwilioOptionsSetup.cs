using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Twilio;

/// <summary>
/// Outside Development a missing auth token is fatal; in Development a well-known token is used so a
/// newcomer can sign requests locally (see README).
/// </summary>
internal sealed class TwilioOptionsSetup(IHostEnvironment environment)
    : IPostConfigureOptions<TwilioOptions>, IValidateOptions<TwilioOptions>
{
    public void PostConfigure(string? name, TwilioOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AuthToken) && environment.IsDevelopment())
        {
            options.AuthToken = TwilioOptions.DevelopmentAuthToken;
            options.UsesDevelopmentAuthToken = true;
        }
    }

    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AuthToken))
        {
            return ValidateOptionsResult.Fail(
                $"Twilio:AuthToken is not configured (environment '{environment.EnvironmentName}'). " +
                "Set the Twilio__AuthToken environment variable or a user secret; the service cannot validate Twilio's signatures without it.");
        }

        if (options.PublicBaseUrl is { } url &&
            (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0))
        {
            return ValidateOptionsResult.Fail("Twilio:PublicBaseUrl must be an absolute http(s) URL without a query string.");
        }

        return ValidateOptionsResult.Success;
    }
}
