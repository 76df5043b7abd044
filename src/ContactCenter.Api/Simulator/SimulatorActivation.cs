using ContactCenter.Api.Twilio;

namespace ContactCenter.Api.Simulator;

/// <summary>Decides whether the simulator runs and which address the service is reachable at.</summary>
public static class SimulatorActivation
{
    /// <summary>The simulator's fixed account; its auth token is <see cref="TwilioOptions.DevelopmentAuthToken"/>.</summary>
    public const string AccountSid = "AC5151515151515151515151515151515a";

    public const string RestPrefix = "/sim/twilio";

    public static bool IsActive(IConfiguration configuration, IHostEnvironment environment)
    {
        var enabled = configuration.GetValue<bool?>($"{SimulatorOptions.Section}:{nameof(SimulatorOptions.Enabled)}");
        if (enabled is { } explicitly)
        {
            return explicitly;
        }

        var twilio = configuration.GetSection(TwilioOptions.Section);
        var hasCredentials = !string.IsNullOrWhiteSpace(twilio[nameof(TwilioOptions.AccountSid)]) ||
            !string.IsNullOrWhiteSpace(twilio[nameof(TwilioOptions.AuthToken)]);
        return environment.IsDevelopment() && !hasCredentials;
    }

    /// <summary>Simulator:ServiceBaseUrl, else Twilio:PublicBaseUrl, else the first configured listening address.</summary>
    public static string ServiceBaseUrl(IConfiguration configuration)
    {
        var configured = configuration[$"{SimulatorOptions.Section}:{nameof(SimulatorOptions.ServiceBaseUrl)}"]
            ?? configuration[$"{TwilioOptions.Section}:{nameof(TwilioOptions.PublicBaseUrl)}"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        var first = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5000")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? "http://localhost:5000";
        // Wildcard listen addresses are not addresses one can post to.
        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return first.TrimEnd('/');
    }
}
