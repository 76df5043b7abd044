namespace ContactCenter.TwilioSimulator;

// Twilio's form parameters as sent; every field a string so binding never fails before the simulator answers
// with Twilio's own error. Repeated keys (…StatusCallbackEvent) are read from the raw form.

public sealed record ParticipantCreateForm
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Label { get; init; }
    public string? Coaching { get; init; }
    public string? CallSidToCoach { get; init; }
    public string? Muted { get; init; }
    public string? Hold { get; init; }
    public string? StartConferenceOnEnter { get; init; }
    public string? EndConferenceOnExit { get; init; }
    public string? Timeout { get; init; }
    public string? StatusCallback { get; init; }
    public string? ConferenceStatusCallback { get; init; }
    public string? WaitUrl { get; init; }
}

public sealed record ParticipantUpdateForm
{
    public string? Hold { get; init; }
    public string? HoldUrl { get; init; }
    public string? Muted { get; init; }
    public string? Coaching { get; init; }
    public string? CallSidToCoach { get; init; }
    public string? EndConferenceOnExit { get; init; }
    public string? AnnounceUrl { get; init; }
}

public sealed record ConferenceUpdateForm
{
    public string? Status { get; init; }
    public string? AnnounceUrl { get; init; }
}

public sealed record CallCreateForm
{
    public string? To { get; init; }
    public string? From { get; init; }
    public string? Url { get; init; }
    public string? Twiml { get; init; }
    public string? StatusCallback { get; init; }
    public string? Timeout { get; init; }
}

public sealed record CallUpdateForm
{
    public string? Status { get; init; }
    public string? Twiml { get; init; }
    public string? Url { get; init; }
}
