using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Admin;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> against the configured admin keys. Keys are compared as SHA-256 hashes
/// with <see cref="CryptographicOperations.FixedTimeEquals"/>, every key every time, so neither a key's length nor
/// which key matched shows in the timing. The principal's name is the key's name: the actor.
/// </summary>
public sealed class AdminApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<AdminOptions> admin,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, loggerFactory, encoder)
{
    public const string SchemeName = "AdminApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (MatchKey(header["Bearer ".Length..].Trim(), admin.CurrentValue.ApiKeys) is not { Name: { } name } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown admin key."));
        }

        List<Claim> claims = [new(ClaimTypes.Name, name), new(ClaimTypes.Role, key.Role is { Length: > 0 } role ? role : People.ConsoleClaims.Admin)];
        if (key.Person is { Length: > 0 } person)
        {
            claims.Add(new Claim(People.ConsoleClaims.Person, person));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>The name of the key that matches <paramref name="presented"/>, or null.</summary>
    public static string? Match(string presented, IReadOnlyList<AdminApiKey> keys) => MatchKey(presented, keys)?.Name;

    /// <summary>The key that matches <paramref name="presented"/>, or null.</summary>
    public static AdminApiKey? MatchKey(string presented, IReadOnlyList<AdminApiKey> keys)
    {
        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> keyHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), presentedHash);
        AdminApiKey? match = null;
        foreach (var key in keys)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(key.Key ?? ""), keyHash);
            if (CryptographicOperations.FixedTimeEquals(presentedHash, keyHash) && !string.IsNullOrEmpty(key.Key))
            {
                match ??= key;
            }
        }

        return match;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = "The admin API needs 'Authorization: Bearer <admin key>' with a configured key.",
            },
        });
    }
}
