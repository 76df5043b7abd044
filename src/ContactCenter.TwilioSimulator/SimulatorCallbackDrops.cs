namespace ContactCenter.TwilioSimulator;

/// <summary>
/// Callbacks the simulator loses on purpose, as Twilio's are lost when the service is down or the network fails
/// (Twilio does not retry status callbacks). A dropped callback is listed among the deliveries, never posted.
/// </summary>
public sealed class SimulatorCallbackDrops
{
    private readonly Lock _gate = new();
    private readonly List<CallbackDropRule> _rules = [];

    public IReadOnlyList<CallbackDropRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    public CallbackDropRule Add(string? room, IEnumerable<string>? events)
    {
        var rule = new CallbackDropRule(string.IsNullOrWhiteSpace(room) ? null : room, [.. (events ?? []).Where(e => !string.IsNullOrWhiteSpace(e))]);
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <param name="kind">The callback's StatusCallbackEvent, CallStatus or RecordingStatus.</param>
    public bool Drops(SimulatorCallback callback, string kind)
    {
        lock (_gate)
        {
            return _rules.Any(rule => rule.Matches(callback, kind));
        }
    }
}

/// <summary>
/// Drop callbacks of <see cref="Room"/> (a FriendlyName or ConferenceSid; conference and recording callbacks carry
/// it, call progress callbacks do not) and/or of the kinds in <see cref="Events"/> (conference-end, participant-leave,
/// completed, ...). A missing part matches everything.
/// </summary>
public sealed record CallbackDropRule(string? Room, IReadOnlyList<string> Events)
{
    public bool Matches(SimulatorCallback callback, string kind) =>
        (Room is null || callback["FriendlyName"] == Room || callback["ConferenceSid"] == Room) &&
        (Events.Count == 0 || Events.Contains(kind, StringComparer.Ordinal));
}
