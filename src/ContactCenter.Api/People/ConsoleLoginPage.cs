using System.Text.Encodings.Web;

namespace ContactCenter.Api.People;

/// <summary>The sign-in form, server-rendered: labelled inputs, the antiforgery field, no scripts.</summary>
public static class ConsoleLoginPage
{
    /// <summary>No scripts at all, and the page may not be framed.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'none'; frame-ancestors 'none'; form-action 'self'";

    public static string Render(string tokenField, string token, string? id, string? returnUrl, string? error)
    {
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""
            <p class="error" role="alert" id="login-error">{html.Encode(error)}</p>
            """;
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in · Contact center console</title>
            </head>
            <body>
              <main>
                <h1>Sign in to the contact center console</h1>
                {message}
                <form method="post" action="/console/login">
                  <input type="hidden" name="{html.Encode(tokenField)}" value="{html.Encode(token)}">
                  <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl ?? "")}">
                  <p>
                    <label for="id">Your id</label>
                    <input id="id" name="id" type="text" autocomplete="username" required value="{html.Encode(id ?? "")}">
                  </p>
                  <p>
                    <label for="key">Your key</label>
                    <input id="key" name="key" type="password" autocomplete="current-password" required>
                  </p>
                  <p><button type="submit">Sign in</button></p>
                </form>
              </main>
            </body>
            </html>
            """;
    }
}
