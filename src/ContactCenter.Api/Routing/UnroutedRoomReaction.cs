using ContactCenter.Api.Conferences;
using ContactCenter.Api.Reactions;

namespace ContactCenter.Api.Routing;

/// <summary>
/// A room that was not routed when it started (its callbacks carry no <c>queue</c> mark) whose caller was cold-transferred
/// to a queue: its events are read as a routed room's of that queue (the agent joins, the caller leaves, the room ends).
/// Queued only while the room has a queue entry, so the unrouted rooms that never had one cost nothing.
/// </summary>
public sealed class UnroutedRoomReaction(QueueStore queue, RoutingReaction routing) : ICallbackReaction
{
    public string Name => "unrouted-queue";

    public string ConferenceEventCondition =>
        "EXISTS (SELECT 1 FROM queue_entries q WHERE q.conference_sid = {sid} AND q.state IN ('waiting', 'offering', 'connected'))";

    public bool Wants(StoredConferenceEvent conferenceEvent) =>
        !conferenceEvent.Fields.ContainsKey(RoutingReaction.QueueField) && conferenceEvent.EventType switch
        {
            "participant-join" => conferenceEvent.Fields.GetValueOrDefault("ParticipantLabel") == Control.RoomLookup.AgentLabel,
            "participant-leave" or "conference-end" => true,
            _ => false,
        };

    public async Task OnConferenceEventAsync(StoredConferenceEvent e, ReactionContext context, CancellationToken cancellationToken)
    {
        if (await queue.ByConferenceAsync(e.ConferenceSid, cancellationToken) is not { } entry)
        {
            return;
        }

        var fields = new Dictionary<string, string>(e.Fields, StringComparer.Ordinal) { [RoutingReaction.QueueField] = entry.QueueId };
        await routing.OnConferenceEventAsync(e with { Fields = fields }, context, cancellationToken);
    }
}
