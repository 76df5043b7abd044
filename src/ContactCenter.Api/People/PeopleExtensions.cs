using System.Security.Claims;
using ContactCenter.Api.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.People;

/// <summary>People, roles and sign-in: the console cookie, the Bearer-or-cookie scheme of /admin, antiforgery, the sign-in limit.</summary>
public static class PeopleExtensions
{
    public const string CookieScheme = "Console";

    /// <summary>/admin and /console/api: a request with an Authorization header is a Bearer key, any other one the cookie.</summary>
    public const string AnyScheme = "BearerOrConsole";

    /// <summary>Ready for configuration-like changes, which only admins may make (no endpoint needs it yet).</summary>
    public const string AdminOnlyPolicy = "AdminOnly";
    public const string PagePolicy = "ConsolePage";
    public const string SupervisorPagePolicy = "ConsoleSupervisorPage";
    public const string CsrfHeader = "X-CSRF-TOKEN";

    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration configuration)
    {
        // Cookies and antiforgery tokens are sealed with data-protection keys: instances behind one load balancer must share them.
        var keys = services.AddDataProtection().SetApplicationName("ContactCenter");
        if (configuration[$"{ConsoleOptions.Section}:{nameof(ConsoleOptions.DataProtectionKeysPath)}"] is { Length: > 0 } keysPath)
        {
            keys.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        services.AddOptions<PeopleOptions>().Configure<IConfiguration>(PeopleOptions.Bind).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PeopleOptions>, PeopleOptionsValidation>();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminKeyRolesValidation>();
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        services.AddHostedService<PeopleStartupWarnings>();
        services.AddSingleton<IKeyHasher, Sha256KeyHasher>();
        services.AddSingleton<PeopleDirectory>();
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<IRoomAccess, RoomAccess>();
        services.AddSingleton<RoomAccess>();
        services.AddSingleton<PeopleAccessFilter>();

        services.AddAuthentication()
            .AddPolicyScheme(AnyScheme, "Admin key or console cookie", options => options.ForwardDefaultSelector =
                context => context.Request.Headers.Authorization.Count > 0 ? AdminApiKeyHandler.SchemeName : CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "cc_console";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/console/login";
                options.ReturnUrlParameter = "returnUrl";
                options.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = ValidateAsync,
                    OnRedirectToLogin = context => IsPageGet(context.Request)
                        ? Redirect(context)
                        : WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
                            "Sign in at /console/login, or send 'Authorization: Bearer <key>' with a configured key."),
                    OnRedirectToAccessDenied = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
                        "Your role does not allow this."),
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminOnlyPolicy, policy => policy.AddAuthenticationSchemes(AnyScheme).RequireRole(ConsoleClaims.Admin))
            .AddPolicy(PagePolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser())
            .AddPolicy(SupervisorPagePolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireRole(ConsoleClaims.Supervisor, ConsoleClaims.Admin));

        services.AddAntiforgery(options =>
        {
            options.HeaderName = CsrfHeader;
            options.Cookie.Name = "cc_csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>A console cookie stays good while its person keeps the same role and a key, and its session was not signed out.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var person = services.GetRequiredService<PeopleDirectory>().Find(principal?.PersonId());
        var session = principal?.FindFirstValue(ConsoleSessions.ClaimType);
        if (person is not { KeyHash: not null } || person.Role != principal!.Role() || session is null
            || await services.GetRequiredService<ConsoleSessions>().IsRevokedAsync(session, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    private static bool IsPageGet(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments("/console", StringComparison.OrdinalIgnoreCase) && !request.Path.StartsWithSegments("/console/api", StringComparison.OrdinalIgnoreCase);

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    internal static async Task WriteProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    internal static ProblemHttpResult AntiforgeryProblem() => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
        title: "Antiforgery token missing or invalid",
        detail: $"A form needs its antiforgery field; a request signed in by cookie needs the {CsrfHeader} header from /console/api/me.");
}
