using System.Security.Claims;
using ContactCenter.Api.People;
using ContactCenter.Api.Routing;

namespace ContactCenter.Api.Console;

/// <summary>
/// Which changes one connected principal may see. Supervisors and admins (and role-less admin keys) see all; an agent
/// sees their own agent changes, room and transfer changes of rooms <see cref="IRoomAccess"/> grants, and changes of
/// queues that list them. Room answers are kept briefly per connection so a busy room costs one check per few seconds.
/// </summary>
public sealed class ChangeAudience(ClaimsPrincipal user, IRoomAccess rooms, RoutingOptions routing, TimeProvider time)
{
    private static readonly TimeSpan RoomAnswerLifetime = TimeSpan.FromSeconds(5);
    private readonly bool _everything = SeesEverything(user);
    private readonly string? _person = user.FindFirstValue(ConsoleClaims.Person);
    private readonly Dictionary<string, (bool Allowed, DateTimeOffset At)> _rooms = new(StringComparer.Ordinal);

    public static bool SeesEverything(ClaimsPrincipal user)
    {
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return roles.Count == 0 || roles.Contains(ConsoleClaims.Supervisor) || roles.Contains(ConsoleClaims.Admin);
    }

    public async ValueTask<bool> MaySeeAsync(ChangeView change, CancellationToken cancellationToken)
    {
        if (_everything)
        {
            return true;
        }

        if (string.IsNullOrEmpty(_person))
        {
            return false;
        }

        // A change naming this agent (an offer, a transfer to them) may open rooms: denials cached before it are stale.
        if (string.Equals(change.Agent, _person, StringComparison.Ordinal))
        {
            _rooms.Clear();
        }

        return change.Kind switch
        {
            ChangeKinds.Agent => string.Equals(change.Subject, _person, StringComparison.Ordinal),
            ChangeKinds.Queue => routing.Queues.Any(q => string.Equals(q.Id, change.Subject, StringComparison.Ordinal) && q.Agents.Contains(_person, StringComparer.Ordinal)),
            ChangeKinds.Room or ChangeKinds.Transfer => change.Room is { } room && await MayAccessRoomAsync(room, cancellationToken),
            _ => false,
        };
    }

    private async ValueTask<bool> MayAccessRoomAsync(string room, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_rooms.TryGetValue(room, out var known) && now - known.At < RoomAnswerLifetime)
        {
            return known.Allowed;
        }

        var allowed = await rooms.CanAccessRoomAsync(user, room, cancellationToken);
        if (_rooms.Count > 1000)
        {
            _rooms.Clear();
        }

        _rooms[room] = (allowed, now);
        return allowed;
    }
}
