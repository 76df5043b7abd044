using System.Globalization;
using System.Threading.RateLimiting;
using ContactCenter.Api.Admin;
using ContactCenter.Api.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Operations;

/// <summary>
/// Named policies only, no global limiter: Twilio's webhooks are never limited (a refused callback is a lost event).
/// A refusal is a 429 problem with <c>Retry-After</c> in seconds.
/// </summary>
public static class RateLimitingExtensions
{
    /// <summary>
    /// The admin API: per admin key name, per signed-in person for a request with a valid console cookie (and no key), per
    /// client address for the rest.
    /// </summary>
    public const string AdminPolicy = "admin";

    /// <summary>Console sign-in: per client address, 10 a minute by default.</summary>
    public const string ConsoleSignInPolicy = "console-sign-in";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(AdminPolicy, context => Window(context, Limits(context).Admin, AdminPartition(context)));
            limiter.AddPolicy(ConsoleSignInPolicy, context => Window(context, Limits(context).ConsoleSignIn, "address:" + Address(context)));
        });
        return services;
    }

    /// <summary>
    /// The limiter, after the console cookie of an admin-limited request is read. There is no default authentication scheme
    /// (Twilio's webhooks skip authentication), so <c>UseAuthentication</c> leaves the cookie unread and the partition could
    /// not tell two supervisors behind one address apart. The cookie handler keeps its result for the request, so
    /// authorization reads the same principal without decrypting or validating it again.
    /// </summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app)
    {
        app.Use(ReadConsoleCookieAsync);
        return app.UseRateLimiter();
    }

    private static async Task ReadConsoleCookieAsync(HttpContext context, RequestDelegate next)
    {
        // Only when the admin policy's own scheme would pick the cookie: a request with an Authorization header is a Bearer key.
        if (context.Request.Headers.Authorization.Count == 0
            && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == AdminPolicy
            && await context.AuthenticateAsync(PeopleExtensions.CookieScheme) is { Succeeded: true, Principal: { } principal })
        {
            context.User = principal;
        }

        await next(context);
    }

    private static RateLimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static RateLimitPartition<string> Window(HttpContext context, WindowLimit limit, string partition) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    // The limiter runs before authorization: the key is matched here (hash comparisons, no I/O) so a key's budget is its own
    // and guessing keys from one address spends that address's budget.
    private static string AdminPartition(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var keys = context.RequestServices.GetRequiredService<IOptionsMonitor<AdminOptions>>().CurrentValue.ApiKeys;
            if (AdminApiKeyHandler.Match(header["Bearer ".Length..].Trim(), keys) is { } name)
            {
                return "key:" + name;
            }
        }

        // Authenticated only by a valid, unrevoked cookie: a forged or expired one leaves the request on its address's budget.
        if (context.User.Identity?.IsAuthenticated == true && context.User.PersonId() is { } person)
        {
            return "person:" + person;
        }

        return "address:" + Address(context);
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Rate limit reached; try again in {seconds} seconds.",
            },
        });
    }
}
