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

    /// <summary>False while the latest state change still owes Twilio requests; recovery finishes one a crash left unsettled.</summary>
    public bool Settled { get; set; } = true;

    /// <summary>The label the target was (or is being) dialed with: finds a leg whose CallSid a crash never stored.</summary>
    public string? TargetLabel { get; init; }
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

/// <summary>
/// One callback's reaction waiting to run or run (table <c>reactions</c>, the outbox). <see cref="Lane"/> orders the reactions
/// of one room; a lease (<see cref="LeaseOwner"/> until <see cref="LeaseUntil"/>) gives a pending row to one instance.
/// </summary>
public sealed class ReactionRow
{
    public long Id { get; init; }
    public required string Reaction { get; init; }
    public required string Source { get; init; }
    public required string SourceSid { get; init; }
    public required string SourceStatus { get; init; }
    public long SequenceNumber { get; init; }
    public required string Lane { get; init; }
    public required string State { get; set; }
    public int Attempts { get; set; }
    public bool MayHaveDialed { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? CompletedAt { get; set; }
}

/// <summary>A dial whose outcome is unknown (table <c>pending_dials</c>): the leg labelled <see cref="Label"/> may be ringing.</summary>
public sealed class PendingDialRow
{
    public required string ConferenceSid { get; init; }
    public required string Label { get; init; }

    /// <summary>The agent or supervisor id (never a phone number).</summary>
    public required string Target { get; init; }
    public required string Actor { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>An admin action's Idempotency-Key (table <c>idempotency_keys</c>): <see cref="State"/> running, done or abandoned, and the first answer.</summary>
public sealed class IdempotencyRow
{
    public required string Actor { get; init; }
    public required string Key { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required string Fingerprint { get; init; }
    public required string State { get; set; }
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[]? Body { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? CompletedAt { get; set; }
}
