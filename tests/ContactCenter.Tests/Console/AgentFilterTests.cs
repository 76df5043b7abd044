using System.Security.Claims;
using System.Text.Encodings.Web;
using ContactCenter.Api.Admin;
using ContactCenter.Api.People;
using ContactCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Tests.Console;

/// <summary>What an agent's stream carries: their own agent changes and rooms they may access, nothing of others.</summary>
public sealed class AgentFilterTests
{
    [Fact]
    public async Task An_agent_gets_their_own_changes_and_their_rooms_but_not_another_agents_or_another_room()
    {
        var theirs = new CallScenario(4);
        var other = new CallScenario(5);
        await using var service = ConsoleSetup.Factory().WithServices(services =>
        {
            services.AddSingleton<IRoomAccess>(new OneRoomAccess("alice", theirs.Room));
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderPersonHandler>(HeaderPersonHandler.SchemeName, null);
            services.PostConfigure<AuthorizationOptions>(options => options.AddPolicy(AdminExtensions.Policy, policy =>
                policy.AddAuthenticationSchemes(AdminApiKeyHandler.SchemeName, HeaderPersonHandler.SchemeName).RequireAuthenticatedUser()));
        });
        var admin = service.CreateAdminClient();
        var agent = service.CreateClient();
        agent.DefaultRequestHeaders.Add(HeaderPersonHandler.RoleHeader, ConsoleClaims.Agent);
        agent.DefaultRequestHeaders.Add(HeaderPersonHandler.PersonHeader, "alice");
        await using var events = await SseReader.OpenAsync(agent);
        await using var everything = await SseReader.OpenAsync(admin);

        await ConsoleSetup.SetPresenceAsync(admin, "bob", "available");
        await ConsoleSetup.CallerJoinsAsync(service.CreateClient(), other);
        await ConsoleSetup.SetPresenceAsync(admin, "alice", "available");
        await ConsoleSetup.CallerJoinsAsync(service.CreateClient(), theirs);
        await ConsoleSetup.SetPresenceAsync(admin, "alice", "away");

        await everything.NextAsync(e => e.Type == "agent" && e.Subject == "alice" && everything.Received.Count(r => r.Subject == "alice") == 2, "alice away, for the admin");
        await events.NextAsync(e => e.Type == "agent" && e.Subject == "alice" && events.Received.Count(r => r.Subject == "alice") == 2, "alice away, for alice");
        Assert.Contains(events.Received, e => e.Type == "room" && e.Subject == theirs.Room);
        Assert.All(events.Received, e => Assert.True(
            (e.Type == "agent" && e.Subject == "alice") || (e.Type == "room" && e.Subject == theirs.Room), $"alice received {e.Type} {e.Subject}"));
        Assert.Contains(everything.Received, e => e.Type == "agent" && e.Subject == "bob");
        Assert.Contains(everything.Received, e => e.Type == "room" && e.Subject == other.Room);
    }

    private sealed class OneRoomAccess(string person, string room) : IRoomAccess
    {
        public Task<bool> CanAccessRoomAsync(ClaimsPrincipal user, string candidate, CancellationToken cancellationToken) =>
            Task.FromResult(user.FindFirstValue(ConsoleClaims.Person) == person && candidate == room);
    }

    /// <summary>A principal from test headers: the role and person claims the console's own sign-in will issue.</summary>
    private sealed class HeaderPersonHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestPerson";
        public const string RoleHeader = "X-Test-Role";
        public const string PersonHeader = "X-Test-Person";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers[PersonHeader].ToString() is not { Length: > 0 } person)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, person), new Claim(ConsoleClaims.Person, person), new Claim(ClaimTypes.Role, Request.Headers[RoleHeader].ToString())],
                SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
