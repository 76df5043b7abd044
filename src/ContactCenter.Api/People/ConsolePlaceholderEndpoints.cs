using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.People;

/// <summary>Stand-in for the supervisor page (the board replaces it): who is signed in, behind the cookie.</summary>
public static class ConsolePlaceholderEndpoints
{
    public static IEndpointRouteBuilder MapConsolePlaceholders(this IEndpointRouteBuilder endpoints)
    {
        var console = endpoints.MapGroup("/console").ExcludeFromDescription();
        console.MapGet("/supervisor", SignedIn).RequireAuthorization(PeopleExtensions.SupervisorPagePolicy);
        return endpoints;
    }

    public static ContentHttpResult SignedIn(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = ConsoleLoginPage.ContentSecurityPolicy;
        var who = HtmlEncoder.Default.Encode($"{http.User.Actor()} ({http.User.Role()})");
        return TypedResults.Content(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Console</title></head><body><main><p>Signed in as {who}.</p></main></body></html>",
            "text/html; charset=utf-8");
    }
}
