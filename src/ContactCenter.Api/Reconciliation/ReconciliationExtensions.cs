using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContactCenter.Api.Reconciliation;

public static class ReconciliationExtensions
{
    /// <summary>The record heals itself when Twilio's callbacks are lost: see <see cref="ReconciliationService"/>.</summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services)
    {
        services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReconciliationWriter>();
        services.AddSingleton<RoomReconciler>();
        services.AddSingleton<ReconciliationService>();
        services.AddSingleton<IReconciliationTrigger>(sp => sp.GetRequiredService<ReconciliationService>());
        services.AddHostedService(sp => sp.GetRequiredService<ReconciliationService>());
        return services;
    }
}
