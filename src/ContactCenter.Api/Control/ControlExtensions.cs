using ContactCenter.Api.Conferences;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Control;

public static class ControlExtensions
{
    /// <summary>
    /// Conference control: the agent/supervisor directory (<c>Agents</c>, <c>Supervisors</c>, <c>Twilio:CallerId</c>),
    /// the transfer allow-list (<c>Transfers</c>), the services, the persisted transfers and audit trail, and the
    /// observer that recovers transfers from Twilio's callbacks.
    /// </summary>
    public static IServiceCollection AddConferenceControl(this IServiceCollection services)
    {
        services.AddOptions<DirectoryOptions>().Configure<IConfiguration>(DirectoryOptions.Bind).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectoryOptions>, DirectoryOptionsValidation>();
        services.AddOptions<TransferOptions>().BindConfiguration(TransferOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TransferOptions>, TransferOptionsValidation>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DialPolicy>();
        services.AddSingleton<ControlSteps>();
        services.AddSingleton<TransferStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<RoomLookup>();
        services.AddSingleton<ConferenceService>();
        services.AddSingleton<TransferService>();
        services.AddSingleton<TransferObserver>();
        services.AddSingleton<IConferenceEventObserver>(sp => sp.GetRequiredService<TransferObserver>());
        return services;
    }
}
