namespace ContactCenter.TwilioSimulator;

/// <summary>The simulator's fixed account and paths, and the address the service is reachable at.</summary>
public static class SimulatorActivation
{
    /// <summary>The simulator's fixed account; its auth token is <see cref="SimulatorOptions.AuthToken"/>.</summary>
    public const string AccountSid = "AC5151515151515151515151515151515a";

    public const string RestPrefix = "/sim/twilio";

    /// <summary>Simulator:ServiceBaseUrl, else <paramref name="fallback"/> (the service's public URL), else the first configured listening address.</summary>
    public static string ServiceBaseUrl(IConfiguration configuration, string? fallback = null)
    {
        var configured = configuration[$"{SimulatorOptions.Section}:{nameof(SimulatorOptions.ServiceBaseUrl)}"] ?? fallback;
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
