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
    public static RouteGroupBuilder MapTwilioWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("")
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .WithTags("Twilio webhooks");

        // Wraps the endpoint's request delegate (not an endpoint filter): filters run after the form is bound, and the
        // check must see the raw body first.
        ((IEndpointConventionBuilder)group).Add(static endpoint =>
        {
            var filter = endpoint.ApplicationServices.GetRequiredService<TwilioSignatureFilter>();
            endpoint.RequestDelegate = filter.Wrap(endpoint.RequestDelegate!);
        });
        return group;
    }
}
