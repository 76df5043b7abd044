namespace ContactCenter.Api.Routing;

/// <summary>A number that leads to a queue, with the priority its callers get (higher is served first).</summary>
public sealed class QueueNumber
{
    public string? Number { get; set; }

    public int Priority { get; set; }
}

/// <summary>One queue: the numbers that lead to it, its agents, how they are chosen and the timers.</summary>
public sealed class QueueOptions
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>E.164 numbers (strings, or objects with Number and Priority).</summary>
    public List<QueueNumber> Numbers { get; set; } = [];

    /// <summary>Agent ids from the top-level <c>Agents</c> list.</summary>
    public List<string> Agents { get; set; } = [];

    /// <summary>longest-idle (default), round-robin or fewest-calls.</summary>
    public string Strategy { get; set; } = RoutingStrategies.LongestIdle;

    public int RingTimeoutSeconds { get; set; } = 20;

    public int WrapUpSeconds { get; set; } = 10;

    /// <summary>Consecutive missed offers after which the agent goes away (reason missed-calls); 0 never.</summary>
    public int MaxNoAnswer { get; set; } = 3;

    /// <summary>Seconds a caller may wait before <see cref="MaxWaitAction"/>; 0 forever.</summary>
    public int MaxWaitSeconds { get; set; }

    /// <summary>voicemail (default) or overflow.</summary>
    public string MaxWaitAction { get; set; } = "voicemail";

    /// <summary>An allow-listed number (Transfers:AllowedNumberPatterns) for MaxWaitAction overflow.</summary>
    public string? OverflowNumber { get; set; }

    /// <summary>Answered within this many seconds counts toward the service level.</summary>
    public int ServiceLevelSeconds { get; set; } = 20;
}

/// <summary>The queues (routing is on when there is at least one) and <c>Routing:DefaultQueue</c> / <c>Routing:InitialPresence</c>.</summary>
public sealed class RoutingOptions
{
    public List<QueueOptions> Queues { get; set; } = [];

    /// <summary>The queue for calls to a number no queue lists; null: such calls are not routed.</summary>
    public string? DefaultQueue { get; set; }

    /// <summary>The presence an agent is seeded with: offline (default), available or away.</summary>
    public string InitialPresence { get; set; } = "offline";

    public bool Enabled => Queues.Count > 0;

    /// <summary>The queue a call to <paramref name="to"/> goes to (its number's queue, else DefaultQueue); null when routing is off or none.</summary>
    public Voice.ConferenceTwiml.QueueRoute? Route(string? to)
    {
        if (!Enabled)
        {
            return null;
        }

        foreach (var queue in Queues)
        {
            if (queue.Numbers.FirstOrDefault(n => string.Equals(n.Number, to?.Trim(), StringComparison.Ordinal)) is { } number)
            {
                return new Voice.ConferenceTwiml.QueueRoute(queue.Id!, number.Priority);
            }
        }

        return DefaultQueue is { } fallback ? new Voice.ConferenceTwiml.QueueRoute(fallback, 0) : null;
    }

    public QueueOptions? Find(string? id) => Queues.FirstOrDefault(q => string.Equals(q.Id, id, StringComparison.Ordinal));
}

public static class RoutingStrategies
{
    public const string LongestIdle = "longest-idle";
    public const string RoundRobin = "round-robin";
    public const string FewestCalls = "fewest-calls";

    public static readonly IReadOnlyList<string> All = [LongestIdle, RoundRobin, FewestCalls];
}
