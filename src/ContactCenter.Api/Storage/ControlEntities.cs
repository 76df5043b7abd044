namespace ContactCenter.Api.Storage;

/// <summary>
/// A transfer of one room's caller (table <c>transfers</c>). State moves only by conditional update
/// (<c>WHERE state = expected</c>); at most one dialing/connected transfer per room, enforced by a partial unique index.
/// </summary>
public sealed class TransferRow
{
    public required string Id { get; init; }
    public required string ConferenceSid { get; init; }
    public required string Type { get; init; }
    public required string State { get; set; }
    public required string TargetKind { get; init; }
    public required string TargetId { get; init; }
    public string? TargetCallSid { get; set; }
    public string? FirstAgentCallSid { get; init; }
    public required string CustomerCallSid { get; init; }
    public string? Reason { get; set; }
    public required string Actor { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One admin action or automatic reaction (table <c>audit</c>): who, what, where, to whom, how it ended.</summary>
public sealed class AuditRow
{
    public long Id { get; init; }
    public DateTime At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public string? Room { get; init; }
    public string? Target { get; init; }
    public required string Outcome { get; init; }
    public string? Detail { get; init; }
}
