using Microsoft.AspNetCore.Http.Features;
using Serilog;

namespace ContactCenter.Api.Observability;

public static class ObservabilityExtensions
{
    public static IServiceCollection AddObservability(this IServiceCollection services)
    {
        // Each host owns its logger (preserveStaticLogger): several hosts in one process must not share Log.Logger.
        services.AddSerilog(
            (provider, logger) => logger
                .ReadFrom.Configuration(provider.GetRequiredService<IConfiguration>())
                .ReadFrom.Services(provider)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);
        return services;
    }

    /// <summary>One line per request, carrying the call and conference it was about.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.EnrichDiagnosticContext = Enrich;
        });

    private static void Enrich(IDiagnosticContext diagnostics, HttpContext context)
    {
        // Only a form some handler already read: logging must not consume the body itself.
        if (context.Features.Get<IFormFeature>()?.Form is { } form)
        {
            if (form.TryGetValue("CallSid", out var callSid))
            {
                diagnostics.Set("CallSid", callSid.ToString());
            }

            if (form.TryGetValue("From", out var from))
            {
                diagnostics.Set("From", PhoneMask.Mask(from.ToString()));
            }

            if (form.TryGetValue("ConferenceSid", out var conferenceSid))
            {
                diagnostics.Set("ConferenceSid", conferenceSid.ToString());
            }
        }

        // Who did it: the admin key's name, when the request was authenticated.
        if (context.User.Identity is { IsAuthenticated: true, Name: { } actor })
        {
            diagnostics.Set("Actor", actor);
        }

        if (context.GetRouteValue("room") is string room)
        {
            diagnostics.Set("Room", room);
        }
    }
}
