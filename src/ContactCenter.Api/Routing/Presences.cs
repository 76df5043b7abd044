namespace ContactCenter.Api.Routing;

/// <summary>An agent's presence as stored in <c>agent_states.presence</c>.</summary>
public static class Presences
{
    public const string Offline = "offline";
    public const string Available = "available";
    public const string Ringing = "ringing";
    public const string OnCall = "on-call";
    public const string WrapUp = "wrap-up";
    public const string Away = "away";

    /// <summary>What a person may set by hand.</summary>
    public static readonly IReadOnlyList<string> Settable = [Available, Away, Offline];

    /// <summary>What only the routing engine sets.</summary>
    public static readonly IReadOnlyList<string> EngineOwned = [Ringing, OnCall, WrapUp];

    /// <summary>Presences the routing engine owns: an agent in one of them is busy and cannot be set by hand to available.</summary>
    public static readonly string[] Busy = [Ringing, OnCall];
}

/// <summary>A queue entry's state as stored in <c>queue_entries.state</c>.</summary>
public static class EntryStates
{
    public const string Waiting = "waiting";
    public const string Offering = "offering";
    public const string Connected = "connected";
    public const string Abandoned = "abandoned";
    public const string Voicemail = "voicemail";
    public const string Overflowed = "overflowed";
    public const string Ended = "ended";
}
