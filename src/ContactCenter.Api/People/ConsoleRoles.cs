using System.Security.Claims;

namespace ContactCenter.Api.People;

/// <summary>Reading a principal's role: admin implies supervisor; anything not a supervisor is treated as an agent.</summary>
public static class ConsoleRoles
{
    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(ConsoleClaims.Admin);

    public static bool IsSupervisor(this ClaimsPrincipal user) => user.IsInRole(ConsoleClaims.Supervisor) || user.IsInRole(ConsoleClaims.Admin);

    /// <summary>Neither supervisor nor admin: limited to the agent's own rooms and presence (also a principal with no role).</summary>
    public static bool IsAgentOnly(this ClaimsPrincipal user) => !user.IsSupervisor();

    public static string? PersonId(this ClaimsPrincipal user) => user.FindFirstValue(ConsoleClaims.Person);

    public static string Role(this ClaimsPrincipal user) =>
        user.IsAdmin() ? ConsoleClaims.Admin : user.IsInRole(ConsoleClaims.Supervisor) ? ConsoleClaims.Supervisor : ConsoleClaims.Agent;

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
