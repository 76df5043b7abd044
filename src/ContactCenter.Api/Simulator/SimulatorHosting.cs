#if TWILIO_SIMULATOR
using ContactCenter.Api.Twilio;
using ContactCenter.TwilioSimulator;
using Microsoft.Extensions.Options;
#endif

namespace ContactCenter.Api.Simulator;

/// <summary>
/// Wires the Twilio simulator (src/ContactCenter.TwilioSimulator) into the service. Only builds other than Release
/// reference it (TWILIO_SIMULATOR); a Release build has no simulator at all. Asked for where it must not run
/// (a Release build, or an environment other than Development and Testing), it stops the start.
/// </summary>
public static class SimulatorHosting
{
    public const string EnabledKey = "Simulator:Enabled";

    /// <summary>The environment the test suite's hosts run in; like Development, it may run the simulator.</summary>
    public const string TestingEnvironment = "Testing";

    public static IServiceCollection AddTwilioSimulator(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (Refusal(configuration, environment) is { } refusal)
        {
            services.AddOptions<SimulatorPlacement>().Validate(_ => false, refusal).ValidateOnStart();
            return services;
        }

#if TWILIO_SIMULATOR
        if (IsActive(configuration, environment))
        {
            services.AddTwilioSimulator(configuration, configuration[$"{TwilioOptions.Section}:{nameof(TwilioOptions.PublicBaseUrl)}"]);
            services.AddSingleton<IPostConfigureOptions<TwilioOptions>, SimulatorTwilioOptions>();
        }
#endif
        return services;
    }

    public static IEndpointRouteBuilder MapTwilioSimulator(this IEndpointRouteBuilder endpoints)
    {
#if TWILIO_SIMULATOR
        SimulatorExtensions.MapTwilioSimulator(endpoints);
#endif
        return endpoints;
    }

    /// <summary>Why the simulator may not run as configured, or null.</summary>
    private static string? Refusal(IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration[EnabledKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!bool.TryParse(value, out var enabled))
        {
            return $"{EnabledKey} must be true or false, not '{value}'.";
        }

        if (!enabled)
        {
            return null;
        }
#if TWILIO_SIMULATOR
        return environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment)
            ? null
            : $"{EnabledKey} is true in environment '{environment.EnvironmentName}': the Twilio simulator runs only in Development " +
              "or Testing (it accepts a public auth token, so anyone could forge Twilio's signature). Remove Simulator__Enabled.";
#else
        return $"{EnabledKey} is true, but this Release build contains no Twilio simulator: remove Simulator__Enabled to talk to " +
            $"Twilio, or run a Debug build (dotnet run) to develop against the simulator (environment '{environment.EnvironmentName}').";
#endif
    }

    /// <summary>The options type whose start-up validation carries a refusal.</summary>
    private sealed class SimulatorPlacement;

#if TWILIO_SIMULATOR
    /// <summary>Simulator:Enabled decides; unset, the simulator runs in Development when no Twilio credentials are configured.</summary>
    private static bool IsActive(IConfiguration configuration, IHostEnvironment environment)
    {
        if (bool.TryParse(configuration[EnabledKey], out var explicitly))
        {
            return explicitly;
        }

        var twilio = configuration.GetSection(TwilioOptions.Section);
        var hasCredentials = !string.IsNullOrWhiteSpace(twilio[nameof(TwilioOptions.AccountSid)]) ||
            !string.IsNullOrWhiteSpace(twilio[nameof(TwilioOptions.AuthToken)]);
        return environment.IsDevelopment() && !hasCredentials;
    }

    /// <summary>While the simulator runs, the service talks to it with the simulator's fixed account and token.</summary>
    private sealed class SimulatorTwilioOptions(SimulatorAddress address, IOptions<SimulatorOptions> simulator) : IPostConfigureOptions<TwilioOptions>
    {
        public void PostConfigure(string? name, TwilioOptions options)
        {
            options.AccountSid = SimulatorActivation.AccountSid;
            options.AuthToken = simulator.Value.AuthToken;
            options.ApiBaseUrl = address.ApiBaseUrl;
        }
    }
#endif
}
