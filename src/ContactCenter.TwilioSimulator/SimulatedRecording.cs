namespace ContactCenter.TwilioSimulator;

/// <summary>A recording of one call leg or one whole room. Mutable; only touched under the simulator's lock.</summary>
internal sealed class SimulatedRecording
{
    public required string Sid { get; init; }
    public string? CallSid { get; init; }
    public string? ConferenceSid { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset StartTime { get; init; }
    public string Status { get; set; } = "in-progress";
    public string? StatusCallback { get; init; }
    public IReadOnlySet<string> StatusCallbackEvents { get; init; } = new HashSet<string>();
}
