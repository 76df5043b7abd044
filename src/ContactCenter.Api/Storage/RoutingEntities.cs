namespace ContactCenter.Api.Storage;

/// <summary>
/// One agent's routing state (table <c>agent_states</c>), seeded for every configured agent at start. Every change is a
/// conditional update on <see cref="Presence"/> (and <see cref="Version"/> for claims): two instances never both win.
/// </summary>
public sealed class AgentStateRow
{
    public required string AgentId { get; init; }
    public required string Presence { get; set; }
    public string? Reason { get; set; }
    public DateTime Since { get; set; }
    public DateTime? LastCallEndedAt { get; set; }
    public DateTime? LastOfferedAt { get; set; }
    public int ConsecutiveMisses { get; set; }
    public string? CurrentCallerCallSid { get; set; }
    public DateTime? WrapUpUntil { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// One caller in (or once in) a queue (table <c>queue_entries</c>): keyed by the caller's CallSid, never a phone number.
/// A miss puts the entry back to waiting with its <see cref="EnteredAt"/> unchanged, so it keeps its place.
/// <see cref="CallerNumber"/> is shown masked to agents (<c>People.AgentViews.ShowNumbers</c>), never logged.
/// </summary>
public sealed class QueueEntryRow
{
    public required string CallerCallSid { get; init; }
    public required string ConferenceSid { get; init; }
    public required string QueueId { get; init; }
    public int Priority { get; init; }
    public DateTime EnteredAt { get; init; }
    public required string State { get; set; }
    public string? OfferedAgentId { get; set; }
    public string? OfferedCallSid { get; set; }
    public DateTime? OfferedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public DateTime? MaxWaitDueAt { get; init; }
    public string? CallerNumber { get; init; }
    public long Version { get; set; }
}
