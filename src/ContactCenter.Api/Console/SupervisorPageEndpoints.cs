using System.Collections.Frozen;
using ContactCenter.Api.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContactCenter.Api.Console;

/// <summary>
/// <c>/console/supervisor</c>: the wallboard page (queues, agents, live rooms, history) and its script and style, embedded
/// in the assembly so a published build and the test host serve the same bytes. Its modules import the console's shared
/// <c>/console/static/api.js</c>. No inline script: the CSP allows only same-origin scripts, styles and connections.
/// </summary>
public static class SupervisorPageEndpoints
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (string Resource, string ContentType)> Assets = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["supervisor.js"] = ("supervisor.js", "text/javascript; charset=utf-8"),
        ["supervisor-ui.js"] = ("supervisor-ui.js", "text/javascript; charset=utf-8"),
        ["supervisor-history.js"] = ("supervisor-history.js", "text/javascript; charset=utf-8"),
        ["supervisor.css"] = ("supervisor.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapSupervisorPage(this IEndpointRouteBuilder endpoints)
    {
        var page = endpoints.MapGroup("/console/supervisor").ExcludeFromDescription().RequireAuthorization(PeopleExtensions.SupervisorPagePolicy);
        page.MapGet("", Page);
        page.MapGet("/{file}", Asset);
        return endpoints;
    }

    public static Results<FileStreamHttpResult, NotFound> Page(HttpContext http) => Serve(http, "supervisor.html", "text/html; charset=utf-8");

    public static Results<FileStreamHttpResult, NotFound> Asset(string file, HttpContext http) =>
        Assets.TryGetValue(file, out var asset) ? Serve(http, asset.Resource, asset.ContentType) : TypedResults.NotFound();

    private static Results<FileStreamHttpResult, NotFound> Serve(HttpContext http, string name, string contentType)
    {
        var stream = typeof(SupervisorPageEndpoints).Assembly.GetManifestResourceStream("ContactCenter.Api.Console.wwwroot." + name);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Stream(stream, contentType);
    }
}
