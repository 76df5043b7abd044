using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>The wait helper's <see cref="IWaitQueueSelector"/> backed by the queues' numbers (and Routing:DefaultQueue), as /voice routes.</summary>
public sealed class RoutingWaitQueues(IOptions<RoutingOptions> options) : IWaitQueueSelector
{
    public string? QueueFor(string? to) => options.Value.Route(to)?.QueueId;
}
