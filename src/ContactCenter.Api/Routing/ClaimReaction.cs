using ContactCenter.Api.Conferences;
using ContactCenter.Api.Reactions;

namespace ContactCenter.Api.Routing;

/// <summary>
/// Moves agents dialed by hand (<see cref="AgentClaims"/>) on their legs' callbacks, in any room, routed or not: the leg
/// joins (ringing -> on-call), leaves or the room ends (wrap-up, or available), or rings out (the presence they had, a
/// miss on no-answer/busy). Queued only while the room has a held agent; every move is conditional, so a duplicate or a
/// late callback changes nothing.
/// </summary>
public sealed partial class ClaimReaction(AgentClaims claims, ILogger<ClaimReaction> logger) : ICallbackReaction
{
    public const string ClaimField = "claim";

    private static readonly string[] Unanswered = ["no-answer", "busy", "failed", "canceled"];

    public string Name => "agent-claim";

    public string ConferenceEventCondition =>
        "EXISTS (SELECT 1 FROM agent_states a WHERE a.current_caller_call_sid LIKE {sid} || ':%')";

    public bool Wants(StoredConferenceEvent conferenceEvent) => conferenceEvent.EventType switch
    {
        "participant-join" or "participant-leave" => conferenceEvent.Fields.GetValueOrDefault("ParticipantLabel") is { Length: > 0 } label
            && label != Voice.ConferenceTwiml.CustomerLabel,
        "conference-end" => true,
        _ => false,
    };

    public bool Wants(StoredCallStatus callStatus) =>
        callStatus.Fields.ContainsKey(ClaimField) && Unanswered.Contains(callStatus.CallStatus);

    public async Task OnConferenceEventAsync(StoredConferenceEvent e, ReactionContext context, CancellationToken cancellationToken)
    {
        var holder = AgentClaims.Holder(e.ConferenceSid, e.Fields.GetValueOrDefault("ParticipantLabel") ?? "");
        switch (e.EventType)
        {
            case "participant-join":
                await claims.JoinedAsync(holder, cancellationToken);
                break;
            case "participant-leave":
                // A leave means the leg was in the room: even a swapped (chaos) leave before its join ends an answered call.
                await claims.ReleaseAsync(holder, answered: true, miss: false, cancellationToken);
                break;
            case "conference-end":
                await claims.ReleaseRoomAsync(e.ConferenceSid, cancellationToken);
                break;
        }
    }

    public async Task OnCallStatusAsync(StoredCallStatus callStatus, ReactionContext context, CancellationToken cancellationToken)
    {
        var holder = callStatus.Fields[ClaimField];
        if (await claims.ReleaseAsync(holder, answered: false, miss: callStatus.CallStatus is "no-answer" or "busy", cancellationToken))
        {
            LogRangOut(logger, holder, callStatus.CallStatus);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent dialed by hand as {Holder} did not answer ({CallStatus}); presence given back")]
    private static partial void LogRangOut(ILogger logger, string holder, string callStatus);
}
