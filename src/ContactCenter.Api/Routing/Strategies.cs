using ContactCenter.Api.Storage;

namespace ContactCenter.Api.Routing;

/// <summary>How the queue's strategy picks among available agents.</summary>
public static class Strategies
{
    public static AgentStateRow Pick(string strategy, IReadOnlyList<AgentStateRow> eligible, IReadOnlyDictionary<string, int>? answeredToday) =>
        strategy switch
        {
            RoutingStrategies.RoundRobin => eligible.OrderBy(a => a.LastOfferedAt ?? DateTime.MinValue).ThenBy(a => a.AgentId, StringComparer.Ordinal).First(),
            RoutingStrategies.FewestCalls => eligible.OrderBy(a => answeredToday?.GetValueOrDefault(a.AgentId) ?? 0).ThenBy(a => a.Since)
                .ThenBy(a => a.AgentId, StringComparer.Ordinal).First(),
            _ => eligible.OrderBy(a => a.Since).ThenBy(a => a.AgentId, StringComparer.Ordinal).First(),
        };
}
