namespace ContactCenter.Api.Twilio.Rest;

/// <summary>
/// Twilio's REST API (2010-04-01), the operations the conference features use. Arguments are checked before
/// anything is sent (ArgumentException); Twilio's refusals arrive as <see cref="TwilioApiException"/>.
/// Operations that dial someone are never retried once Twilio may have acted on them.
/// </summary>
public interface ITwilioRestClient
{
    Task<IReadOnlyList<TwilioConference>> ListConferencesAsync(string? friendlyName, TwilioConferenceStatus? status, CancellationToken cancellationToken);

    Task<TwilioConference> FetchConferenceAsync(string conferenceSid, CancellationToken cancellationToken);

    Task<TwilioConference> UpdateConferenceAsync(string conferenceSid, UpdateConferenceRequest request, CancellationToken cancellationToken);

    /// <summary>Dials <see cref="CreateParticipantRequest.To"/> into the conference. Not retried after it may have reached Twilio.</summary>
    Task<TwilioParticipant> CreateParticipantAsync(string conferenceSid, CreateParticipantRequest request, CancellationToken cancellationToken);

    /// <param name="callSidOrLabel">The participant's CallSid or the label it was created with.</param>
    Task<TwilioParticipant> FetchParticipantAsync(string conferenceSid, string callSidOrLabel, CancellationToken cancellationToken);

    Task<IReadOnlyList<TwilioParticipant>> ListParticipantsAsync(string conferenceSid, CancellationToken cancellationToken);

    Task<TwilioParticipant> UpdateParticipantAsync(string conferenceSid, string callSidOrLabel, UpdateParticipantRequest request, CancellationToken cancellationToken);

    /// <summary>Removes the participant from the room (its call leg is hung up).</summary>
    Task DeleteParticipantAsync(string conferenceSid, string callSidOrLabel, CancellationToken cancellationToken);

    /// <summary>Places an outbound call. Not retried after it may have reached Twilio.</summary>
    Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken);

    Task<TwilioCall> FetchCallAsync(string callSid, CancellationToken cancellationToken);

    Task<TwilioCall> UpdateCallAsync(string callSid, UpdateCallRequest request, CancellationToken cancellationToken);

    /// <summary>Starts recording one call leg. Not retried after it may have reached Twilio (a second recording would start).</summary>
    Task<TwilioRecording> StartCallRecordingAsync(string callSid, StartCallRecordingRequest request, CancellationToken cancellationToken);
}
