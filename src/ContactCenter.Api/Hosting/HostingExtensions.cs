using Microsoft.AspNetCore.HttpOverrides;

namespace ContactCenter.Api.Hosting;

public static class HostingExtensions
{
    /// <summary>
    /// Problem details for every error, health checks, and X-Forwarded-* from the proxies listed in
    /// <c>ForwardedHeaders:KnownProxies</c> (loopback by default) so signatures validate behind a proxy.
    /// </summary>
    public static IServiceCollection AddHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddHealthChecks();
        // The same answer in every environment: a malformed request is a 4xx, never an exception page.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        // Liveness: the process answers. Readiness: every check tagged "ready" (the database) passes.
        endpoints.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });
        return endpoints;
    }
}
