namespace ContactCenter.Api.Console;

/// <summary>
/// One stored state change as the console sees it: what kind of thing changed and which one. Pages re-read the thing
/// itself; the change carries ids only (room friendly names, agent, queue and transfer ids), never a phone number.
/// </summary>
public sealed record ChangeView(long Id, string Kind, string Subject, string? Room, string? Agent, DateTimeOffset At);

public static class ChangeKinds
{
    public const string Room = "room";
    public const string Agent = "agent";
    public const string Queue = "queue";
    public const string Transfer = "transfer";
}
