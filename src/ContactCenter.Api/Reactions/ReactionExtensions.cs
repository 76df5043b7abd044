using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactCenter.Api.Reactions;

public static class ReactionExtensions
{
    /// <summary>
    /// The durable queue of callback reactions (<c>Reactions</c> options) and the worker that drains it.
    /// Register after <c>AddStorage</c>: the worker starts once the schema is migrated.
    /// </summary>
    public static IServiceCollection AddCallbackReactions(this IServiceCollection services)
    {
        services.AddOptions<ReactionOptions>().BindConfiguration(ReactionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReactionSignal>();
        services.AddSingleton<ReactionOutbox>();
        services.AddHostedService<ReactionWorker>();
        return services;
    }

    /// <summary>Registers a reaction to stored callbacks (a singleton, also resolvable as itself).</summary>
    public static IServiceCollection AddCallbackReaction<T>(this IServiceCollection services)
        where T : class, ICallbackReaction
    {
        services.TryAddSingleton<T>();
        services.AddSingleton<ICallbackReaction>(sp => sp.GetRequiredService<T>());
        return services;
    }

    /// <summary>Registers work that <see cref="ReactionWorker"/> finishes after a crash, at start and at every poll.</summary>
    public static IServiceCollection AddReactionRecovery<T>(this IServiceCollection services)
        where T : class, IReactionRecovery
    {
        services.TryAddSingleton<T>();
        services.AddSingleton<IReactionRecovery>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
