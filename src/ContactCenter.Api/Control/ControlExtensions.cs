using ContactCenter.Api.Reactions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Control;

public static class ControlExtensions
{
    /// <summary>
    /// Conference control: the agent/supervisor directory (<c>Agents</c>, <c>Supervisors</c>, <c>Twilio:CallerId</c>),
    /// the transfer allow-list (<c>Transfers</c>), the services, the persisted transfers and audit trail, the
    /// callback reaction that moves transfers on Twilio's callbacks, and the recovery of transfers a crash left half-done.
    /// </summary>
    public static IServiceCollection AddConferenceControl(this IServiceCollection services)
    {
        services.AddOptions<DirectoryOptions>().Configure<IConfiguration>(DirectoryOptions.Bind).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectoryOptions>, DirectoryOptionsValidation>();
        services.AddOptions<TransferOptions>().BindConfiguration(TransferOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TransferOptions>, TransferOptionsValidation>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DialPolicy>();
        services.TryAddSingleton<Twilio.Rest.TwilioCircuit>();
        services.AddSingleton<TwilioFailures>();
        services.AddSingleton<ControlSteps>();
        services.AddSingleton<PendingDials>();
        services.AddSingleton<TransferStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<RoomLookup>();
        services.AddSingleton<ConferenceService>();
        services.AddSingleton<TransferService>();
        services.AddCallbackReaction<TransferObserver>();
        services.AddReactionRecovery<TransferRecovery>();
        return services;
    }
}
