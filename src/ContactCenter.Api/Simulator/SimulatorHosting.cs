#if TWILIO_SIMULATOR
using ContactCenter.Api.Twilio;
using ContactCenter.TwilioSimulator;
using Microsoft.Extensions.Options;
#endif

namespace ContactCenter.Api.Simulator;

/// <summary>
/// Wires the Twilio simulator (src/ContactCenter.TwilioSimulator) into the service. Only builds other than Release
/// reference it (TWILIO_SIMULATOR); a Release build has no simulator at all.
/// </summary>
public static class SimulatorHosting
{
    public const string EnabledKey = "Simulator:Enabled";

    public static IServiceCollection AddTwilioSimulator(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
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

#if TWILIO_SIMULATOR
    /// <summary>Simulator:Enabled decides; unset, the simulator runs in Development when no Twilio credentials are configured.</summary>
    private static bool IsActive(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration.GetValue<bool?>(EnabledKey) is { } explicitly)
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
