namespace ContactCenter.Api.Routing;

/// <summary>
/// Which queue an incoming call to <c>To</c> waits in; null when routing is off (the caller then hears the plain wait
/// music). The routing engine registers its own, backed by its queues' numbers.
/// </summary>
public interface IWaitQueueSelector
{
    string? QueueFor(string? to);
}

/// <summary>Routing off: no caller is queued.</summary>
public sealed class NoWaitQueues : IWaitQueueSelector
{
    public string? QueueFor(string? to) => null;
}
