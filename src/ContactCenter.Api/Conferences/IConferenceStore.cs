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

    /// <summary>One stored conference event by its identity; null when unknown (or purged).</summary>
    Task<StoredConferenceEvent?> GetConferenceEventAsync(string conferenceSid, long sequenceNumber, CancellationToken cancellationToken = default);

    /// <summary>One stored call progress callback by its identity; null when unknown (or purged).</summary>
    Task<StoredCallStatus?> GetCallStatusAsync(string callSid, string callStatus, long sequenceNumber, CancellationToken cancellationToken = default);
}
