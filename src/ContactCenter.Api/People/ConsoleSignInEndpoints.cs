using System.Security.Claims;
using ContactCenter.Api.Control;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ContactCenter.Api.People;

/// <summary>The sign-in form's fields (and its antiforgery field, which the antiforgery service reads itself).</summary>
public sealed record SignInForm(
    [property: FromForm(Name = "id")] string? Id, [property: FromForm(Name = "key")] string? Key, [property: FromForm(Name = "returnUrl")] string? ReturnUrl);

/// <summary>Who is signed in, and the token their unsafe requests send in the <c>X-CSRF-TOKEN</c> header.</summary>
public sealed record ConsoleMe(string Id, string Name, string Role, string? CsrfToken);

/// <summary>Sign-in at /console/login (key for an 8-hour sliding cookie session), sign-out, and who-am-I for the console pages.</summary>
public static partial class ConsoleSignInEndpoints
{
    public const string SignInAction = "console.signin";

    public static IEndpointRouteBuilder MapConsoleSignIn(this IEndpointRouteBuilder endpoints)
    {
        var console = endpoints.MapGroup("/console").WithTags("Console");
        console.MapGet("/login", LoginForm).ExcludeFromDescription();
        console.MapPost("/login", SignIn).DisableAntiforgery().RequireRateLimiting(Operations.RateLimitingExtensions.ConsoleSignInPolicy).ExcludeFromDescription();
        console.MapPost("/logout", SignOut).DisableAntiforgery().ExcludeFromDescription();
        console.MapGet("/api/me", Me).WithName("ConsoleMe").RequireAuthorization(Admin.AdminExtensions.Policy)
            .WithSummary("The signed-in person (or Bearer key): id, name, role, and the antiforgery token for X-CSRF-TOKEN.");
        return endpoints;
    }

    public static ContentHttpResult LoginForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl = null) =>
        Page(http, antiforgery, null, returnUrl, null, StatusCodes.Status200OK);

    public static async Task<Results<RedirectHttpResult, ContentHttpResult, ProblemHttpResult>> SignIn(
        [AsParameters] SignInForm form, HttpContext http, IAntiforgery antiforgery, PeopleDirectory people, AuditLog audit,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return PeopleExtensions.AntiforgeryProblem();
        }

        var logger = loggers.CreateLogger(typeof(ConsoleSignInEndpoints).FullName!);
        var person = people.Verify(form.Id, form.Key);
        var claimed = form.Id is { } id && Control.DirectoryOptions.IdPattern().IsMatch(id) ? id : "(not an id)";
        if (person is null)
        {
            LogRefused(logger, claimed);
            await audit.RecordAsync(claimed, SignInAction, null, claimed, "refused", "unknown id or wrong key", cancellationToken);
            return Page(http, antiforgery, form.Id, form.ReturnUrl, "Unknown id or wrong key.", StatusCodes.Status401Unauthorized);
        }

        var principal = PeopleDirectory.Principal(person, PeopleExtensions.CookieScheme, ConsoleSessions.NewId());
        await http.SignInAsync(PeopleExtensions.CookieScheme, principal, new AuthenticationProperties { IsPersistent = true });
        await audit.RecordAsync(person.Id, SignInAction, null, person.Id, AuditLog.Ok, person.Role, cancellationToken);
        LogSignedIn(logger, person.Id, person.Role);
        return TypedResults.Redirect(IsLocal(form.ReturnUrl) ? form.ReturnUrl! : Home(person.Role));
    }

    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SignOut(
        HttpContext http, IAntiforgery antiforgery, ConsoleSessions sessions, CancellationToken cancellationToken)
    {
        var signedIn = await http.AuthenticateAsync(PeopleExtensions.CookieScheme);
        if (signedIn.Principal is { } principal)
        {
            http.User = principal;
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return PeopleExtensions.AntiforgeryProblem();
        }

        if (signedIn.Principal?.FindFirstValue(ConsoleSessions.ClaimType) is { } session)
        {
            await sessions.RevokeAsync(signedIn.Principal.Actor(), session, cancellationToken);
        }

        await http.SignOutAsync(PeopleExtensions.CookieScheme);
        return TypedResults.Redirect("/console/login");
    }

    public static Ok<ConsoleMe> Me(HttpContext http, IAntiforgery antiforgery, PeopleDirectory people)
    {
        var user = http.User;
        var person = people.Find(user.PersonId());
        return TypedResults.Ok(new ConsoleMe(
            person?.Id ?? user.Actor(), person?.Name ?? user.Actor(), user.Role(), antiforgery.GetAndStoreTokens(http).RequestToken));
    }

    public static string Home(string role) => role == ConsoleClaims.Agent ? "/console/agent" : "/console/supervisor";

    /// <summary>Only a path on this site: never another host (<c>//evil</c>, <c>/\evil</c>), so sign-in cannot be an open redirect.</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("\\", StringComparison.Ordinal);

    private static ContentHttpResult Page(HttpContext http, IAntiforgery antiforgery, string? id, string? returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Headers.ContentSecurityPolicy = ConsoleLoginPage.ContentSecurityPolicy;
        return TypedResults.Content(ConsoleLoginPage.Render(tokens.FormFieldName, tokens.RequestToken!, id, IsLocal(returnUrl) ? returnUrl : null, error),
            "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in: {Person} ({Role})")]
    private static partial void LogSignedIn(ILogger logger, string person, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused for {ClaimedId}: unknown id or wrong key")]
    private static partial void LogRefused(ILogger logger, string claimedId);
}
