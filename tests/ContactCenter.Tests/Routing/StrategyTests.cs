using ContactCenter.Api.Routing;
using ContactCenter.Api.Storage;

namespace ContactCenter.Tests.Routing;

/// <summary>How each queue strategy picks among the available agents.</summary>
public sealed class StrategyTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private static readonly AgentStateRow[] Agents =
    [
        Agent("alice", since: T0.AddMinutes(5), lastOffered: T0.AddMinutes(1)),
        Agent("bob", since: T0.AddMinutes(1), lastOffered: T0.AddMinutes(9)),
        Agent("carol", since: T0.AddMinutes(3), lastOffered: null),
    ];

    [Fact]
    public void Longest_idle_picks_the_agent_available_the_longest()
    {
        Assert.Equal("bob", Strategies.Pick(RoutingStrategies.LongestIdle, Agents, null).AgentId);
    }

    [Fact]
    public void Round_robin_picks_the_agent_offered_a_call_least_recently_never_offered_first()
    {
        Assert.Equal("carol", Strategies.Pick(RoutingStrategies.RoundRobin, Agents, null).AgentId);
        Assert.Equal("alice", Strategies.Pick(RoutingStrategies.RoundRobin, Agents[..2], null).AgentId);
    }

    [Fact]
    public void Fewest_calls_picks_the_agent_who_answered_fewest_today_then_the_longest_idle()
    {
        var answered = new Dictionary<string, int> { ["alice"] = 1, ["bob"] = 3, ["carol"] = 1 };
        Assert.Equal("carol", Strategies.Pick(RoutingStrategies.FewestCalls, Agents, answered).AgentId);
        Assert.Equal("bob", Strategies.Pick(RoutingStrategies.FewestCalls, Agents, new Dictionary<string, int>()).AgentId);
    }

    private static AgentStateRow Agent(string id, DateTime since, DateTime? lastOffered) =>
        new() { AgentId = id, Presence = Presences.Available, Since = since, LastOfferedAt = lastOffered };
}
