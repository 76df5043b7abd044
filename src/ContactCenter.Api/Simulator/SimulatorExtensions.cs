using ContactCenter.Api.Twilio;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Simulator;

public static class SimulatorExtensions
{
    /// <summary>Registers the simulator and points the service's Twilio settings at it; a no-op when it is not active.</summary>
    public static IServiceCollection AddTwilioSimulator(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!SimulatorActivation.IsActive(configuration, environment))
        {
            return services;
        }

        services.AddOptions<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.Section)
            .Validate(o => o.Phones.All(p => p.TryGetBehavior(out _)), "Simulator:Phones: every Behavior must be answer, busy, no-answer, fail or manual.")
            .ValidateOnStart();
        services.AddSingleton(new SimulatorAddress(SimulatorActivation.ServiceBaseUrl(configuration)));
        services.AddSingleton<IPostConfigureOptions<TwilioOptions>, SimulatorTwilioOptions>();
        services.AddHttpClient(SimulatorCallbackDispatcher.ClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<SimulatorCallbackDispatcher>();
        services.AddSingleton<ISimulatorCallbackSink>(sp => sp.GetRequiredService<SimulatorCallbackDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<SimulatorCallbackDispatcher>());
        services.AddSingleton(sp => new SimulatedTwilio(
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ISimulatorCallbackSink>(),
            sp.GetRequiredService<IOptions<SimulatorOptions>>().Value));
        services.AddSingleton<InboundCallPlacer>();
        services.AddHostedService<SimulatorStartupWarning>();
        return services;
    }

    /// <summary>The Twilio REST subset under /sim/twilio and the dev control endpoints under /sim; nothing when inactive.</summary>
    public static IEndpointRouteBuilder MapTwilioSimulator(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<SimulatedTwilio>() is null)
        {
            return endpoints;
        }

        endpoints.MapSimulatorRest();
        endpoints.MapSimulatorControl();
        return endpoints;
    }
}

/// <summary>While the simulator runs, the service talks to it with the simulator's fixed account and the public development token.</summary>
internal sealed class SimulatorTwilioOptions(SimulatorAddress address) : IPostConfigureOptions<TwilioOptions>
{
    public void PostConfigure(string? name, TwilioOptions options)
    {
        options.AccountSid = SimulatorActivation.AccountSid;
        options.AuthToken = TwilioOptions.DevelopmentAuthToken;
        options.ApiBaseUrl = address.ApiBaseUrl;
    }
}

internal sealed partial class SimulatorStartupWarning(SimulatorAddress address, ILogger<SimulatorStartupWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogActive(logger, address.ApiBaseUrl, address.ServiceBaseUrl);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "!!! TWILIO SIMULATOR ACTIVE: no real calls are placed. Twilio REST API simulated at {ApiBaseUrl}; webhooks posted to {ServiceBaseUrl}; place a call with POST /sim/calls. !!!")]
    private static partial void LogActive(ILogger logger, string apiBaseUrl, string serviceBaseUrl);
}
