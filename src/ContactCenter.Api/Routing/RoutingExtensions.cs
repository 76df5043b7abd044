using ContactCenter.Api.Reactions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

public static class RoutingExtensions
{
    /// <summary>
    /// Automatic call distribution: the <c>Queues</c> list and <c>Routing</c> section (on when Queues is non-empty), the agent
    /// and queue stores, the dispatcher, the callback reaction, the 1 s sweep. Register after AddStorage and AddConferenceControl.
    /// </summary>
    public static IServiceCollection AddCallRouting(this IServiceCollection services)
    {
        services.AddOptions<RoutingOptions>().Configure<IConfiguration>(RoutingOptionsBinding.Bind).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AgentStore>();
        services.AddSingleton<AgentClaims>();
        services.AddSingleton<CallerRequeue>();
        services.AddSingleton<QueueStore>();
        services.AddSingleton<QueueTransitions>();
        services.AddSingleton<AgentDialer>();
        services.AddSingleton<OfferDials>();
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<DispatchPump>();
        services.AddHostedService(sp => sp.GetRequiredService<DispatchPump>());
        services.AddSingleton<AnsweredMeter>();
        services.AddHostedService(sp => sp.GetRequiredService<AnsweredMeter>());
        services.AddSingleton<OfferReconciler>();
        services.AddSingleton<ClaimReconciler>();
        services.AddSingleton<QueueStats>();
        services.TryAddSingleton<IQueuePositions, QueuePositions>();
        services.TryAddSingleton<IMaxWaitAction, LoggingMaxWaitAction>();
        services.AddCallbackReaction<RoutingReaction>();
        services.AddCallbackReaction<ClaimReaction>();
        services.AddCallbackReaction<UnroutedRoomReaction>();
        services.AddHostedService<RoutingStartup>();
        services.AddSingleton<RoutingSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<RoutingSweep>());
        return services;
    }
}
