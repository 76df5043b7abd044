using Scalar.AspNetCore;

namespace ContactCenter.Api.Operations;

public static class ApiReferenceExtensions
{
    /// <summary><c>ApiReference:Enabled</c>; unset: on in Development only.</summary>
    public const string EnabledKey = "ApiReference:Enabled";

    /// <summary>
    /// An interactive reference of <c>/openapi/v1.json</c> at <c>/scalar/v1</c>. The page itself is static; every call made
    /// from it still needs an admin key.
    /// </summary>
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (configuration.GetValue<bool?>(EnabledKey) ?? environment.IsDevelopment())
        {
            endpoints.MapScalarApiReference(options => options.WithTitle("ContactCenter admin API"));
        }

        return endpoints;
    }
}
