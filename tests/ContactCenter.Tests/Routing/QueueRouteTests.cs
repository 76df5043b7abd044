using ContactCenter.Api.Routing;
using ContactCenter.Api.Voice;

namespace ContactCenter.Tests.Routing;

/// <summary>Which queue, and with what priority, a call to a number goes to.</summary>
public sealed class QueueRouteTests
{
    private static RoutingOptions Options(string? defaultQueue = null) => new()
    {
        DefaultQueue = defaultQueue,
        Queues =
        [
            new QueueOptions { Id = "support", Numbers = [new QueueNumber { Number = "+18005550100" }], Agents = ["alice"] },
            new QueueOptions { Id = "vip", Numbers = [new QueueNumber { Number = "+18005550199", Priority = 5 }], Agents = ["alice"] },
        ],
    };

    [Fact]
    public void A_call_goes_to_the_queue_listing_its_number_with_that_numbers_priority()
    {
        Assert.Equal(new ConferenceTwiml.QueueRoute("vip", 5), Options().Route("+18005550199"));
        Assert.Equal(new ConferenceTwiml.QueueRoute("support", 0), Options().Route("+18005550100"));
    }

    [Fact]
    public void A_call_to_an_unlisted_number_goes_to_the_default_queue_or_is_not_routed()
    {
        Assert.Equal(new ConferenceTwiml.QueueRoute("support", 0), Options("support").Route("+18005550142"));
        Assert.Null(Options().Route("+18005550142"));
        Assert.Null(new RoutingOptions { DefaultQueue = "support" }.Route("+18005550100"));
    }

}
