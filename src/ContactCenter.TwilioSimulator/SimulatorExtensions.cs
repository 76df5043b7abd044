using Microsoft.Extensions.Options;

namespace ContactCenter.TwilioSimulator;

public static class SimulatorExtensions
{
    /// <summary>
    /// Registers the simulator (the host decides whether it runs, and points its Twilio settings at it);
    /// <paramref name="serviceBaseUrl"/> is where the service is reachable when Simulator:ServiceBaseUrl is not set.
    /// </summary>
    public static IServiceCollection AddTwilioSimulator(this IServiceCollection services, IConfiguration configuration, string? serviceBaseUrl = null)
    {
        services.AddOptions<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.Section)
            .Validate(o => o.Phones.All(p => p.TryGetBehavior(out _)), "Simulator:Phones: every Behavior must be answer, busy, no-answer, fail or manual.")
            .ValidateOnStart();
        services.AddSingleton(new SimulatorAddress(SimulatorActivation.ServiceBaseUrl(configuration, serviceBaseUrl)));
        services.AddHttpClient(SimulatorCallbackDispatcher.ClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<SimulatorCallbackDrops>();
        services.AddSingleton<SimulatorCallbackDispatcher>();
        services.AddSingleton<ISimulatorCallbackSink>(sp => sp.GetRequiredService<SimulatorCallbackDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<SimulatorCallbackDispatcher>());
        services.AddSingleton(sp => new SimulatedTwilio(
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ISimulatorCallbackSink>(),
            sp.GetRequiredService<IOptions<SimulatorOptions>>().Value));
        services.AddSingleton<InboundCallPlacer>();
        services.AddSingleton<SimulatorTwimlFetcher>();
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
