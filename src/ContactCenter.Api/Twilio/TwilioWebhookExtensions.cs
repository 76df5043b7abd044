using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Twilio;

public static partial class TwilioWebhookExtensions
{
    public static IServiceCollection AddTwilioWebhooks(this IServiceCollection services)
    {
        services.AddTwilioOptions();
        services.AddSingleton<TwilioSignatureFilter>();
        services.AddHostedService<TwilioStartupWarnings>();
        return services;
    }

    /// <summary>The "Twilio" section, validated at start; shared by the webhooks and the REST client, registered once.</summary>
    internal static IServiceCollection AddTwilioOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(TwilioOptionsSetup)))
        {
            return services;
        }

        services.AddOptions<TwilioOptions>()
            .BindConfiguration(TwilioOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<TwilioOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<TwilioOptions>>(sp => sp.GetRequiredService<TwilioOptionsSetup>());
        services.AddSingleton<IValidateOptions<TwilioOptions>>(sp => sp.GetRequiredService<TwilioOptionsSetup>());
        return services;
    }

    /// <summary>A route group for endpoints Twilio calls: signature-validated, form-bound, no antiforgery (Twilio has no token).</summary>
    public static RouteGroupBuilder MapTwilioWebhooks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("")
            .AddEndpointFilter<TwilioSignatureFilter>()
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .WithTags("Twilio webhooks");
}
