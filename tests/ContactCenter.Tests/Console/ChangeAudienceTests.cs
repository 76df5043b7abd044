using System.Security.Claims;
using ContactCenter.Api.Console;
using ContactCenter.Api.People;
using ContactCenter.Api.Routing;

namespace ContactCenter.Tests.Console;

/// <summary>The per-principal filter on its own: roles, the person claim, queue membership and the room-access answer.</summary>
public sealed class ChangeAudienceTests
{
    private static readonly RoutingOptions Routing = new()
    {
        Queues = [new QueueOptions { Id = "support", Agents = ["alice", "bob"] }, new QueueOptions { Id = "sales", Agents = ["bob"] }],
    };

    [Fact]
    public async Task An_agent_sees_their_own_agent_changes_their_queues_and_rooms_they_may_access_only()
    {
        var rooms = new CountingRoomAccess("room-CA1");
        var alice = new ChangeAudience(Principal(ConsoleClaims.Agent, "alice"), rooms, Routing, TimeProvider.System);

        Assert.True(await alice.MaySeeAsync(Change("agent", "alice"), CancellationToken.None));
        Assert.False(await alice.MaySeeAsync(Change("agent", "bob"), CancellationToken.None));
        Assert.True(await alice.MaySeeAsync(Change("queue", "support", room: "room-CA9"), CancellationToken.None));
        Assert.False(await alice.MaySeeAsync(Change("queue", "sales"), CancellationToken.None));
        Assert.True(await alice.MaySeeAsync(Change("room", "room-CA1", room: "room-CA1"), CancellationToken.None));
        Assert.True(await alice.MaySeeAsync(Change("transfer", "tr1", room: "room-CA1"), CancellationToken.None));
        Assert.False(await alice.MaySeeAsync(Change("room", "room-CA2", room: "room-CA2"), CancellationToken.None));
        Assert.False(await alice.MaySeeAsync(Change("transfer", "tr2", room: null), CancellationToken.None));
        Assert.Equal(2, rooms.Calls); // one question per room while the answer is fresh
    }

    [Theory]
    [InlineData(ConsoleClaims.Supervisor)]
    [InlineData(ConsoleClaims.Admin)]
    [InlineData(null)]
    public async Task Supervisors_admins_and_role_less_admin_keys_see_everything(string? role)
    {
        var audience = new ChangeAudience(Principal(role, null), new CountingRoomAccess(), Routing, TimeProvider.System);

        Assert.True(await audience.MaySeeAsync(Change("agent", "bob"), CancellationToken.None));
        Assert.True(await audience.MaySeeAsync(Change("room", "room-CA2", room: "room-CA2"), CancellationToken.None));
        Assert.True(await audience.MaySeeAsync(Change("queue", "sales"), CancellationToken.None));
    }

    [Fact]
    public async Task An_agent_without_a_person_claim_sees_nothing_and_the_fallback_room_access_admits_no_agent()
    {
        var nobody = new ChangeAudience(Principal(ConsoleClaims.Agent, null), new CountingRoomAccess("room-CA1"), Routing, TimeProvider.System);
        Assert.False(await nobody.MaySeeAsync(Change("room", "room-CA1", room: "room-CA1"), CancellationToken.None));

        var fallback = new SupervisorsOnlyRoomAccess();
        Assert.False(await fallback.CanAccessRoomAsync(Principal(ConsoleClaims.Agent, "alice"), "room-CA1", CancellationToken.None));
        Assert.True(await fallback.CanAccessRoomAsync(Principal(ConsoleClaims.Supervisor, "sam"), "room-CA1", CancellationToken.None));
    }

    [Fact]
    public async Task A_change_naming_the_agent_drops_the_rooms_denied_before_it()
    {
        var rooms = new CountingRoomAccess();
        var alice = new ChangeAudience(Principal(ConsoleClaims.Agent, "alice"), rooms, Routing, TimeProvider.System);
        Assert.False(await alice.MaySeeAsync(Change("room", "room-CA1", room: "room-CA1"), CancellationToken.None));

        rooms.Allowed.Add("room-CA1"); // the caller is offered to alice
        Assert.True(await alice.MaySeeAsync(Change("queue", "support", room: "room-CA1", agent: "alice"), CancellationToken.None));
        Assert.True(await alice.MaySeeAsync(Change("transfer", "tr1", room: "room-CA1"), CancellationToken.None));
        Assert.True(await alice.MaySeeAsync(Change("room", "room-CA1", room: "room-CA1"), CancellationToken.None));
        Assert.Equal(2, rooms.Calls);
    }

    private static ChangeView Change(string kind, string subject, string? room = null, string? agent = null) =>
        new(1, kind, subject, room, agent, DateTimeOffset.UtcNow);

    private static ClaimsPrincipal Principal(string? role, string? person)
    {
        List<Claim> claims = [new(ClaimTypes.Name, person ?? "ops")];
        if (role is not null)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        if (person is not null)
        {
            claims.Add(new Claim(ConsoleClaims.Person, person));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private sealed class CountingRoomAccess(params string[] allowed) : IRoomAccess
    {
        public int Calls { get; private set; }

        public HashSet<string> Allowed { get; } = [.. allowed];

        public Task<bool> CanAccessRoomAsync(ClaimsPrincipal user, string room, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(Allowed.Contains(room));
        }
    }
}
