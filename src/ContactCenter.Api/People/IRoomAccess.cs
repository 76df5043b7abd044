using System.Security.Claims;

namespace ContactCenter.Api.People;

/// <summary>Whether a principal may read or act on a room: supervisors and admins any; agents only rooms they are in or offered.</summary>
public interface IRoomAccess
{
    Task<bool> CanAccessRoomAsync(ClaimsPrincipal user, string room, CancellationToken cancellationToken);
}
