using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ContactCenter.Api.Admin;

public static class AdminExtensions
{
    public const string Policy = "Admin";

    /// <summary>
    /// Every error under /admin and /console answers RFC 7807 problem details, also those the framework writes with an empty body
    /// (malformed JSON, wrong content type, unknown route). Twilio routes keep their empty 403 and are not touched.
    /// </summary>
    public static IApplicationBuilder UseAdminProblemDetails(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments("/console", StringComparison.OrdinalIgnoreCase),
            admin => admin.UseStatusCodePages());

    /// <summary>API-key authentication for /admin, its authorization policy (a Bearer key or a console cookie), and the OpenAPI document.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();
        services.AddSingleton<AdminOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<AdminOptions>>(sp => sp.GetRequiredService<AdminOptionsSetup>());
        services.AddSingleton<IValidateOptions<AdminOptions>>(sp => sp.GetRequiredService<AdminOptionsSetup>());
        services.AddHostedService<AdminStartupWarnings>();
        services.AddSingleton<IdempotencyStore>();

        // No default scheme: only /admin (whose policy names the scheme) authenticates; Twilio webhooks skip it.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminApiKeyHandler>(AdminApiKeyHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(People.PeopleExtensions.AnyScheme).RequireAuthenticatedUser());

        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "ContactCenter admin API", Version = "v1" };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[AdminApiKeyHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An admin key from Admin:ApiKeys.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AdminApiKeyHandler.SchemeName, document)] = [] }];
            return Task.CompletedTask;
        }));
        return services;
    }
}
