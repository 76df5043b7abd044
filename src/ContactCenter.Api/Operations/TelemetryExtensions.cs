using ContactCenter.Api.Admin;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ContactCenter.Api.Operations;

public static class TelemetryExtensions
{
    /// <summary>
    /// ASP.NET Core's meters, chosen rather than all of them (<c>AddAspNetCoreInstrumentation</c>): routing match attempts,
    /// authentication, authorization and the memory pool record several measurements on every request, which cost /voice
    /// 15-25% of its throughput (bench/RESULTS.md) and say nothing <c>http.server.request.duration</c>'s status codes,
    /// the audit and <c>contactcenter_webhook_signature_refusals_total</c> do not.
    /// </summary>
    public static readonly string[] AspNetCoreMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting"];

    /// <summary>
    /// OpenTelemetry: the service's <see cref="ContactCenterMetrics"/> plus the runtime, ASP.NET Core and HttpClient meters,
    /// scraped at <c>/metrics</c> (per <c>Telemetry:Metrics:Exposure</c>) and pushed by OTLP when an endpoint is configured;
    /// spans of ASP.NET Core, HttpClient (Twilio REST), Npgsql and <see cref="ContactCenterTracing.Source"/> when traced.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<QueueGauges>();
        services.AddSingleton<ContactCenterMetrics>();
        services.AddSingleton<TraceParents>();

        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !configuration.GetValue<bool>("OTEL_SDK_DISABLED")
            && (Configured(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT") || Configured(configuration, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
                || Configured(configuration, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"));
        var scrape = settings.Metrics.EffectiveExposure(environment) != MetricsExposure.Off;
        var traces = settings.Traces ?? otlp;
        if (!otlp && !scrape && !traces)
        {
            return services; // no reader, no listener: instruments and spans cost next to nothing
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "contactcenter"));
        if (scrape || otlp)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(ContactCenterMetrics.MeterName).AddMeter(AspNetCoreMeters).AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (scrape)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        }

        if (traces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ContactCenterTracing.SourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsScrapeOrProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());
        }

        if (otlp)
        {
            telemetry.UseOtlpExporter(); // endpoint, protocol and headers from the OTEL_* variables
        }

        return services;
    }

    /// <summary><c>/metrics</c> as <c>Telemetry:Metrics:Exposure</c> says: not mapped, behind the admin key, or open on its own port.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var metrics = services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Metrics;
        var endpoint = metrics.EffectiveExposure(services.GetRequiredService<IHostEnvironment>()) switch
        {
            MetricsExposure.Admin => endpoints.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(AdminExtensions.Policy),
            MetricsExposure.Port => endpoints.MapPrometheusScrapingEndpoint("/metrics").RequireHost($"*:{metrics.Port}"),
            _ => null,
        };
        endpoint?.ExcludeFromDescription();
        return endpoints;
    }

    private static bool Configured(IConfiguration configuration, string key) => !string.IsNullOrWhiteSpace(configuration[key]);

    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase);
}
