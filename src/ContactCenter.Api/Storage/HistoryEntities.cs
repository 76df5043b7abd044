namespace ContactCenter.Api.Storage;

/// <summary>A call's wrap-up note (table <c>call_notes</c>), keyed by the caller's CallSid; free text, never parsed.</summary>
public sealed class CallNoteRow
{
    public required string CallSid { get; init; }
    public required string Note { get; set; }
    public required string Author { get; set; }
    public DateTime UpdatedAt { get; set; }
}
