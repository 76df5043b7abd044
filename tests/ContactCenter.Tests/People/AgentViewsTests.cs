using ContactCenter.Api.People;
using ContactCenter.Api.Routing;

namespace ContactCenter.Tests.People;

public sealed class AgentViewsTests
{
    [Fact]
    public void An_agent_sees_a_queues_counts_and_their_own_offer_but_not_other_callers_call_sids()
    {
        var view = new QueueView("support", "Support", "longest-idle",
            [
                new WaitingCaller("CA-offered-to-alice", 1, 0, "offering", 30, "alice", "CA-alice-leg"),
                new WaitingCaller("CA-offered-to-bob", 2, 0, "offering", 20, "bob", "CA-bob-leg"),
                new WaitingCaller("CA-waiting", 3, 0, "waiting", 10, null, null),
            ],
            30, new Dictionary<string, IReadOnlyList<string>>(), new QueueToday(3, 0, 0, null, null));

        var seen = AgentViews.Queue(view, "alice");

        Assert.Equal(3, seen.Waiting.Count);
        Assert.Equal("CA-offered-to-alice", seen.Waiting[0].CallSid);
        Assert.Equal(["hidden", "hidden"], seen.Waiting.Skip(1).Select(w => w.CallSid));
        Assert.Equal(("hidden", "hidden"), (seen.Waiting[1].OfferedAgent, seen.Waiting[1].OfferedCallSid));
        Assert.Null(seen.Waiting[2].OfferedAgent);
    }
}
