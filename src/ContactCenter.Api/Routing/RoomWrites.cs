using ContactCenter.Api.Storage;

namespace ContactCenter.Api.Routing;

/// <summary>
/// The agent's join (entry connected, agent on-call) and the room's end (entry ended, agent wrap-up or available) as
/// writes in the callback's own group commit, so a freed agent is dispatched without waiting for the reaction queue.
/// Each is conditional on the state it moves from: a redelivered or reordered callback changes nothing, and the routing
/// reaction still runs the same transitions afterwards (then finding nothing to do) and what needs I/O (hang-ups).
/// The entry is written before the agent, the order every other routing transaction locks them in.
/// </summary>
public static class RoomWrites
{
    public static StorageWrite[] Connect(string conferenceSid, string agentCallSid, DateTime now) =>
    [
        new($"""
            UPDATE queue_entries SET state = '{EntryStates.Connected}', offered_call_sid = @p1, answered_at = @p2, version = version + 1
            WHERE conference_sid = @p0 AND state = '{EntryStates.Offering}' AND offered_agent_id IS NOT NULL
            """, [conferenceSid, agentCallSid, now], Key(conferenceSid, 1)),
        new($"""
            UPDATE agent_states SET presence = '{Presences.OnCall}', since = @p1, consecutive_misses = 0, version = version + 1
            WHERE presence = '{Presences.Ringing}' AND EXISTS (SELECT 1 FROM queue_entries q WHERE q.conference_sid = @p0
                AND q.state = '{EntryStates.Connected}' AND q.offered_agent_id = agent_states.agent_id AND q.caller_call_sid = agent_states.current_caller_call_sid)
            """, [conferenceSid, now], Key(conferenceSid, 2)),
    ];

    public static StorageWrite[] End(string conferenceSid, int wrapUpSeconds, DateTime now) =>
    [
        new($"""
            UPDATE queue_entries SET state = '{EntryStates.Ended}', ended_at = @p1, version = version + 1
            WHERE conference_sid = @p0 AND state = '{EntryStates.Connected}'
            """, [conferenceSid, now], Key(conferenceSid, 3)),
        new($"""
            UPDATE agent_states SET presence = @p2, since = @p1, last_call_ended_at = @p1, current_caller_call_sid = NULL, wrap_up_until = @p3,
                version = version + 1
            WHERE (presence = '{Presences.OnCall}' OR presence = '{Presences.Ringing}') AND EXISTS (SELECT 1 FROM queue_entries q
                WHERE q.conference_sid = @p0 AND q.state = '{EntryStates.Ended}' AND q.offered_agent_id = agent_states.agent_id
                AND q.caller_call_sid = agent_states.current_caller_call_sid)
            """,
            [conferenceSid, now, wrapUpSeconds > 0 ? Presences.WrapUp : Presences.Available, wrapUpSeconds > 0 ? now.AddSeconds(wrapUpSeconds) : null],
            Key(conferenceSid, 4)),
    ];

    // One room's writes sort together and in this order within a group commit batch (a join and its room's end can share one).
    private static string Key(string conferenceSid, int step) => $"room:{conferenceSid}:{step}";
}
