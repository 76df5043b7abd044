using ContactCenter.Api.Conferences;
using ContactCenter.Api.Control;
using ContactCenter.Api.Reactions;
using ContactCenter.Api.Storage;
using ContactCenter.Api.Voice;
using Microsoft.Extensions.Options;

namespace ContactCenter.Api.Routing;

/// <summary>
/// The callbacks that move queue entries and agents: the customer joins (entry waiting, written with the callback by
/// <see cref="WritesWith"/>; dispatch), the offered agent joins (connected, on-call), the customer leaves (abandoned; a
/// ringing agent leg is hung up), the room ends (agent wrap-up), the agent leg rings out or fails (the entry waits again
/// in its place, the agent gets a miss, dispatch).
/// Only routed rooms are wanted: their conference callbacks carry <c>queue</c>, their agent legs' call-status <c>offer</c>.
/// </summary>
public sealed partial class RoutingReaction(
    QueueStore queue, QueueTransitions transitions, DispatchPump dispatch, ControlSteps steps, IOptions<RoutingOptions> options,
    CallerRequeue requeue, Operations.ContactCenterMetrics metrics, AnsweredMeter answered, CallerNumbers callers, ILogger<RoutingReaction> logger)
    : ICallbackReaction
{
    public const string QueueField = "queue";
    public const string PriorityField = "priority";

    // Terminal statuses of a leg that never answered. A completed leg answered: its join settles the offer (or, had it left
    // before joining, the sweep's OfferReconciler does), so a late "completed" never returns a newer offer of the same caller.
    private static readonly string[] Unanswered = ["no-answer", "busy", "failed", "canceled"];

    public string Name => "routing";

    // A customer's join of a known queue needs no queued row: its entry is written in the callback's commit (WritesWith), the
    // dispatch asked for when that commit is done (Committed), and the sweep dispatches what a crash left waiting.
    public bool Wants(StoredConferenceEvent conferenceEvent) =>
        conferenceEvent.Fields.ContainsKey(QueueField) && conferenceEvent.EventType is "participant-join" or "participant-leave" or "conference-end"
        && CustomerJoin(conferenceEvent) is null;

    // Checked before this commit's own writes (RoomWrites): an agent's join queues a row only for a caller still waiting (an
    // agent dialed by hand), a room's end only for a caller still waiting or offered (abandoned, a ringing leg hung up).
    // The routed join (offering) and the end of a connected call are done by the commit alone.
    public string? ConditionFor(StoredConferenceEvent e) => e.EventType switch
    {
        "participant-join" => $"EXISTS (SELECT 1 FROM queue_entries q WHERE q.conference_sid = {{sid}} AND q.state = '{EntryStates.Waiting}')",
        "conference-end" => $"EXISTS (SELECT 1 FROM queue_entries q WHERE q.conference_sid = {{sid}} AND q.state IN ('{EntryStates.Waiting}', '{EntryStates.Offering}'))",
        _ => null,
    };

    public bool Wants(StoredCallStatus callStatus) =>
        callStatus.Fields.ContainsKey(AgentDialer.OfferField) && Unanswered.Contains(callStatus.CallStatus);

    /// <summary>
    /// In the callback's own commit: the joining caller is put in line (with the number sealed on the URL), the joining agent goes on-call, the room's end frees
    /// its agent (<see cref="RoomWrites"/>); a dispatch is asked for once a join or an end is committed.
    /// </summary>
    public IEnumerable<StorageWrite> WritesWith(StoredConferenceEvent e, DateTime now)
    {
        if (CustomerJoin(e) is { } join)
        {
            var number = callers.Unprotect(e.Fields.GetValueOrDefault(CallerNumbers.Field), e.ConferenceSid);
            return [QueueStore.EnqueueWrite(join.Caller, e.ConferenceSid, join.Settings, join.Priority, now, number)];
        }

        return options.Value.Find(e.Fields.GetValueOrDefault(QueueField)) is not { } settings ? []
            : e.EventType switch
            {
                "participant-join" when e.Fields.GetValueOrDefault("ParticipantLabel") == RoomLookup.AgentLabel && e.CallSid is { } leg =>
                    RoomWrites.Connect(e.ConferenceSid, leg, now),
                "conference-end" => RoomWrites.End(e.ConferenceSid, settings.WrapUpSeconds, now),
                _ => [],
            };
    }

    public void Committed(StoredConferenceEvent e, ReadOnlySpan<int> affected)
    {
        if (affected.Length == 2 && affected[0] == 1 && e.EventType == "participant-join")
        {
            answered.Answered(e.ConferenceSid); // RoomWrites.Connect moved the entry: a routed answer
        }

        if (CustomerJoin(e) is { } join)
        {
            metrics.Offered(join.Settings.Id!);
            dispatch.Request();
        }
        else if (e.EventType == "conference-end" && e.Fields.ContainsKey(QueueField))
        {
            dispatch.Request(); // the room's end freed its agent in this commit
        }
    }

    private (string Caller, QueueOptions Settings, int Priority)? CustomerJoin(StoredConferenceEvent e) =>
        e.EventType == "participant-join" && e.CallSid is { } caller && e.Fields.GetValueOrDefault("ParticipantLabel") == ConferenceTwiml.CustomerLabel
            && options.Value.Find(e.Fields.GetValueOrDefault(QueueField)) is { } settings
            ? (caller, settings, int.TryParse(e.Fields.GetValueOrDefault(PriorityField), out var p) ? p : 0)
            : null;

    public async Task OnConferenceEventAsync(StoredConferenceEvent e, ReactionContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value.Find(e.Fields.GetValueOrDefault(QueueField));
        if (settings is null)
        {
            LogUnknownQueue(logger, e.ConferenceSid);
            return;
        }

        var label = e.Fields.GetValueOrDefault("ParticipantLabel");
        switch (e.EventType)
        {
            case "participant-join" when label == ConferenceTwiml.CustomerLabel && e.CallSid is { } caller:
                var priority = int.TryParse(e.Fields.GetValueOrDefault(PriorityField), out var p) ? p : 0;
                if (await queue.EnqueueAsync(caller, e.ConferenceSid, settings.Id!, priority, settings.MaxWaitSeconds, cancellationToken))
                {
                    metrics.Offered(settings.Id!);
                }

                dispatch.Request();
                break;
            case "participant-join" when label == RoomLookup.AgentLabel && e.CallSid is { } agentLeg:
                _ = await transitions.ConnectAsync(e.ConferenceSid, agentLeg, cancellationToken)
                    ?? await transitions.ConnectByHandAsync(e.ConferenceSid, agentLeg, cancellationToken);
                break;
            case "participant-leave" when label == ConferenceTwiml.CustomerLabel && e.CallSid is { } caller:
                await AbandonAsync(caller, cancellationToken);
                break;
            case "participant-leave" when CallerRequeue.IsAgentLabel(label):
                // The room goes on without an agent (removed by the API, left without ending the call): the caller waits again, first in line.
                if (await requeue.RequeueIfAloneAsync(e.ConferenceSid, cancellationToken))
                {
                    dispatch.Request();
                }

                break;
            case "conference-end":
                if (await queue.ByConferenceAsync(e.ConferenceSid, cancellationToken) is { } entry)
                {
                    await AbandonAsync(entry.CallerCallSid, cancellationToken);
                }

                var ended = await transitions.EndAsync(e.ConferenceSid, settings.WrapUpSeconds, cancellationToken);
                if (ended is not null && settings.WrapUpSeconds == 0)
                {
                    dispatch.Request();
                }

                break;
        }
    }

    public async Task OnCallStatusAsync(StoredCallStatus callStatus, ReactionContext context, CancellationToken cancellationToken)
    {
        var caller = callStatus.Fields[AgentDialer.OfferField];
        if (await queue.GetAsync(caller, cancellationToken) is not { } entry || options.Value.Find(entry.QueueId) is not { } settings)
        {
            return;
        }

        // A canceled leg was not the agent's miss: Twilio cancels it when the caller's room ends, and that callback may
        // come before the caller's leave. Nor is it re-dialed at once: the leave (or the sweep's next cycle) decides.
        var canceled = callStatus.CallStatus == "canceled";
        var released = await transitions.ReturnOfferAsync(caller, callStatus.CallSid, miss: !canceled, settings.MaxNoAnswer, cancellationToken);
        if (released is not null && !canceled)
        {
            LogMissed(logger, released.AgentId ?? "?", caller, callStatus.CallStatus);
            dispatch.Request();
        }
    }

    private async Task AbandonAsync(string caller, CancellationToken cancellationToken)
    {
        var released = await transitions.AbandonAsync(caller, cancellationToken);
        if (released is null)
        {
            return;
        }

        LogAbandoned(logger, caller);
        if (released.AgentCallSid is { } ringing)
        {
            await steps.HangUpAsync(ringing, cancellationToken);
        }

        if (released.AgentId is not null)
        {
            dispatch.Request();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {ConferenceSid} names a queue that is not configured; not routed")]
    private static partial void LogUnknownQueue(ILogger logger, string conferenceSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} missed caller {CallSid} ({CallStatus}); the caller waits again in place")]
    private static partial void LogMissed(ILogger logger, string agentId, string callSid, string callStatus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caller {CallSid} abandoned the queue")]
    private static partial void LogAbandoned(ILogger logger, string callSid);
}
