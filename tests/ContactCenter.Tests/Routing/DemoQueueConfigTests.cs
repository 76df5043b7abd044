using ContactCenter.Api.Routing;
using ContactCenter.Api.Voice;
using ContactCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContactCenter.Tests.Routing;

/// <summary>
/// The repository's appsettings.Development.json carries the demo queue the README's routed walkthrough dials: a broken
/// demo config must fail here, not in a newcomer's terminal.
/// </summary>
public sealed class DemoQueueConfigTests
{
    [Fact]
    public async Task The_development_demo_queue_validates_and_its_number_routes_while_the_first_walkthroughs_number_stays_unrouted()
    {
        await using var development = new ContactCenterFactory().InEnvironment("Development");
        using var client = development.CreateClient();
        Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);

        // Value runs the start-up validation (agents known, timers in range, Twilio:PublicBaseUrl present).
        var routing = development.Services.GetRequiredService<IOptions<RoutingOptions>>().Value;
        var support = Assert.Single(routing.Queues);
        Assert.Equal("support", support.Id);
        Assert.Equal(["nobody", "alice", "bob"], support.Agents);
        Assert.Equal((8, 5, 2), (support.RingTimeoutSeconds, support.WrapUpSeconds, support.MaxNoAnswer));
        Assert.Equal(new ConferenceTwiml.QueueRoute("support", 0), routing.Route("+18005550111"));
        Assert.Null(routing.DefaultQueue);
        Assert.Null(routing.Route("+18005550100"));
    }
}
