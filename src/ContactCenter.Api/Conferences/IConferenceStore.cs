namespace ContactCenter.Api.Conferences;

/// <summary>
/// The service's own truth about rooms and dialed legs, built from Twilio's callbacks. Safe to use from
/// singletons (each call uses its own database context).
/// </summary>
public interface IConferenceStore
{
    /// <summary>A room by friendly name (<c>room-CA…</c>) or ConferenceSid; null when never seen (or purged).</summary>
    Task<ConferenceRoom?> GetRoomAsync(string roomOrSid, CancellationToken cancellationToken = default);

    /// <summary>The room's events in SequenceNumber order; null when the room is unknown.</summary>
    Task<IReadOnlyList<StoredConferenceEvent>?> GetTimelineAsync(string roomOrSid, CancellationToken cancellationToken = default);

    Task<ConferencePage> ListAsync(ConferenceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every call progress callback stored for the leg, in SequenceNumber order (empty when none).</summary>
    Task<IReadOnlyList<StoredCallStatus>> GetCallStatusesAsync(string callSid, CancellationToken cancellationToken = default);
}

/// <summary>
/// Told after a NEW conference event or call-status callback has been stored (never for a duplicate), in the
/// request that delivered it. Register as many as needed (<c>services.AddSingleton&lt;IConferenceEventObserver, X&gt;()</c>).
/// An observer's exception is logged and does not fail the callback: the event is already stored.
/// </summary>
public interface IConferenceEventObserver
{
    Task OnConferenceEventAsync(StoredConferenceEvent conferenceEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    Task OnCallStatusAsync(StoredCallStatus callStatus, CancellationToken cancellationToken) => Task.CompletedTask;
}
