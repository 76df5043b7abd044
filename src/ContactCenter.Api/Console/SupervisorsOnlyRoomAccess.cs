using System.Security.Claims;
using ContactCenter.Api.People;

namespace ContactCenter.Api.Console;

/// <summary>
/// The fallback <see cref="IRoomAccess"/> until the people directory registers the real one: supervisors and admins
/// (and role-less admin keys) see every room, agents none, so nothing leaks before per-room rules exist.
/// </summary>
public sealed class SupervisorsOnlyRoomAccess : IRoomAccess
{
    public Task<bool> CanAccessRoomAsync(ClaimsPrincipal user, string room, CancellationToken cancellationToken) =>
        Task.FromResult(ChangeAudience.SeesEverything(user));
}
