using ContactCenter.Api.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;

namespace ContactCenter.Api.Console;

/// <summary>
/// The console's pages and static assets: files of <c>Console/wwwroot</c> (copied to the output and the publish) under
/// <c>/console/static/</c>, and each page an HTML file behind the cookie. Scripts only from the service itself
/// (no inline script), so the CSP below holds for every page.
/// </summary>
public static class ConsolePageEndpoints
{
    public const string StaticPath = "/console/static";
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IFileProvider Assets { get; } = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Console", "wwwroot"));

    public static WebApplication UseConsoleStaticFiles(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Assets,
            RequestPath = StaticPath,
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    public static IEndpointRouteBuilder MapConsolePages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/console/agent", (HttpContext http, CancellationToken ct) => PageAsync(http, "agent.html", ct))
            .RequireAuthorization(PeopleExtensions.PagePolicy).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Serves <paramref name="file"/> of the assets as a page, with the console's CSP; for every console page.</summary>
    public static async Task<Results<ContentHttpResult, NotFound>> PageAsync(HttpContext http, string file, CancellationToken cancellationToken)
    {
        var info = Assets.GetFileInfo(file);
        if (!info.Exists)
        {
            return TypedResults.NotFound();
        }

        await using var stream = info.CreateReadStream();
        using var reader = new StreamReader(stream);
        var html = await reader.ReadToEndAsync(cancellationToken);
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
