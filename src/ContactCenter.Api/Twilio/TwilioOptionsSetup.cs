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
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AuthToken))
        {
            problems.Add(
                $"Twilio:AuthToken is not configured (environment '{environment.EnvironmentName}'). " +
                "Set the Twilio__AuthToken environment variable or a user secret; the service cannot validate Twilio's signatures without it.");
        }

        if (options.PublicBaseUrl is { } url && !IsHttpUrlWithoutQuery(url))
        {
            problems.Add("Twilio:PublicBaseUrl must be an absolute http(s) URL without a query string.");
        }

        if (string.IsNullOrWhiteSpace(options.AccountSid) && !environment.IsDevelopment())
        {
            problems.Add(
                $"Twilio:AccountSid is not configured (environment '{environment.EnvironmentName}'); the REST client needs it in every request path.");
        }

        if (!IsHttpUrlWithoutQuery(options.ApiBaseUrl))
        {
            problems.Add("Twilio:ApiBaseUrl must be an absolute http(s) URL without a query string, e.g. https://api.twilio.com.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKeySid) != string.IsNullOrWhiteSpace(options.ApiKeySecret))
        {
            problems.Add("Twilio:ApiKeySid and Twilio:ApiKeySecret go together: configure both (Twilio__ApiKeySecret from the environment) or neither.");
        }

        problems.AddRange(options.Rest.Problems());
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsHttpUrlWithoutQuery(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is ("http" or "https") && uri.Query.Length == 0;
}
