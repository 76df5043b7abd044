using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.Conference;

namespace ContactCenter.Api.Twilio.Rest;

public sealed partial class TwilioRestGateway
{
    private static readonly string[] CallEvents = ["initiated", "ringing", "answered", "completed"];

    public async Task<IReadOnlyList<TwilioConference>> ListConferencesAsync(string? friendlyName, TwilioConferenceStatus? status, CancellationToken cancellationToken)
    {
        var query = new ReadConferenceOptions
        {
            FriendlyName = friendlyName,
            Status = status switch
            {
                null => null,
                TwilioConferenceStatus.Init => ConferenceResource.StatusEnum.Init,
                TwilioConferenceStatus.InProgress => ConferenceResource.StatusEnum.InProgress,
                TwilioConferenceStatus.Completed => ConferenceResource.StatusEnum.Completed,
                _ => throw new ArgumentOutOfRangeException(nameof(status)),
            },
            PageSize = PageSize,
        };
        var conferences = await ReadAllAsync<ConferenceResource>("Conferences.json", "conferences", query.GetParams(), cancellationToken);
        return [.. conferences.Select(ToConference)];
    }

    public async Task<TwilioConference> FetchConferenceAsync(string conferenceSid, CancellationToken cancellationToken)
    {
        var fetch = new FetchConferenceOptions(Guard.ConferenceSid(conferenceSid, nameof(conferenceSid)));
        return ToConference(await CallAsync(client => ConferenceResource.FetchAsync(fetch, client), cancellationToken));
    }

    public async Task<TwilioConference> UpdateConferenceAsync(string conferenceSid, UpdateConferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var update = new UpdateConferenceOptions(Guard.ConferenceSid(conferenceSid, nameof(conferenceSid)))
        {
            Status = request.Complete ? ConferenceResource.UpdateStatusEnum.Completed : null,
            AnnounceUrl = Guard.OptionalUri(request.AnnounceUrl, nameof(request.AnnounceUrl)),
        };
        Guard.NotEmpty(update.GetParams(), nameof(request));
        return ToConference(await CallAsync(client => ConferenceResource.UpdateAsync(update, client), cancellationToken));
    }

    public async Task<TwilioParticipant> CreateParticipantAsync(string conferenceSid, CreateParticipantRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var create = new CreateParticipantOptions(
            Guard.ConferenceSid(conferenceSid, nameof(conferenceSid)),
            Guard.Endpoint(Guard.CallerId(request.From, nameof(request.From))),
            Guard.Endpoint(Guard.Dialable(request.To, nameof(request.To))))
        {
            Label = Guard.Label(request.Label, nameof(request.Label)),
            Coaching = request.Coaching,
            CallSidToCoach = Guard.OptionalCallSid(request.CallSidToCoach, nameof(request.CallSidToCoach)),
            // Beep is a string at Twilio (true, false, onEnter, onExit); this service only ever turns it on or off.
            Beep = request.Beep switch { true => "true", false => "false", null => null },
            EarlyMedia = request.EarlyMedia,
            Muted = request.Muted,
            StartConferenceOnEnter = request.StartConferenceOnEnter,
            EndConferenceOnExit = request.EndConferenceOnExit,
            Timeout = Guard.Range(request.Timeout, 5, 600, nameof(request.Timeout)),
            TimeLimit = Guard.Range(request.TimeLimit, 1, 86_400, nameof(request.TimeLimit)),
            StatusCallback = Guard.OptionalUri(request.StatusCallback, nameof(request.StatusCallback)),
            StatusCallbackMethod = Guard.Method(request.StatusCallbackMethod, nameof(request.StatusCallbackMethod)),
            StatusCallbackEvent = Guard.Events(request.StatusCallbackEvent, nameof(request.StatusCallbackEvent), CallEvents),
            Record = request.Record,
            CallerId = Guard.OptionalCallerId(request.CallerId, nameof(request.CallerId)),
            WaitUrl = Guard.OptionalUri(request.WaitUrl, nameof(request.WaitUrl)),
        };
        LogDialingParticipant(logger, Masked(request.To), conferenceSid, request.Label);
        return ToParticipant(await CallAsync(client => ParticipantResource.CreateAsync(create, client), cancellationToken));
    }

    public async Task<TwilioParticipant> FetchParticipantAsync(string conferenceSid, string callSidOrLabel, CancellationToken cancellationToken)
    {
        var fetch = new FetchParticipantOptions(Guard.ConferenceSid(conferenceSid, nameof(conferenceSid)), ParticipantPath(callSidOrLabel));
        return ToParticipant(await CallAsync(client => ParticipantResource.FetchAsync(fetch, client), cancellationToken));
    }

    public async Task<IReadOnlyList<TwilioParticipant>> ListParticipantsAsync(string conferenceSid, CancellationToken cancellationToken)
    {
        var query = new ReadParticipantOptions(Guard.ConferenceSid(conferenceSid, nameof(conferenceSid))) { PageSize = PageSize };
        var participants = await ReadAllAsync<ParticipantResource>(
            $"Conferences/{query.PathConferenceSid}/Participants.json", "participants", query.GetParams(), cancellationToken);
        return [.. participants.Select(ToParticipant)];
    }

    public async Task<TwilioParticipant> UpdateParticipantAsync(
        string conferenceSid, string callSidOrLabel, UpdateParticipantRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var update = new UpdateParticipantOptions(Guard.ConferenceSid(conferenceSid, nameof(conferenceSid)), ParticipantPath(callSidOrLabel))
        {
            Hold = request.Hold,
            HoldUrl = Guard.OptionalUri(request.HoldUrl, nameof(request.HoldUrl)),
            HoldMethod = Guard.Method(request.HoldMethod, nameof(request.HoldMethod)),
            Muted = request.Muted,
            Coaching = request.Coaching,
            CallSidToCoach = Guard.OptionalCallSid(request.CallSidToCoach, nameof(request.CallSidToCoach)),
            AnnounceUrl = Guard.OptionalUri(request.AnnounceUrl, nameof(request.AnnounceUrl)),
            EndConferenceOnExit = request.EndConferenceOnExit,
            BeepOnExit = request.BeepOnExit,
        };
        Guard.NotEmpty(update.GetParams(), nameof(request));
        return ToParticipant(await CallAsync(client => ParticipantResource.UpdateAsync(update, client), cancellationToken));
    }

    public Task DeleteParticipantAsync(string conferenceSid, string callSidOrLabel, CancellationToken cancellationToken)
    {
        var delete = new DeleteParticipantOptions(Guard.ConferenceSid(conferenceSid, nameof(conferenceSid)), ParticipantPath(callSidOrLabel));
        return CallAsync(client => ParticipantResource.DeleteAsync(delete, client), cancellationToken);
    }

    /// <summary>The library pastes the value into the path as is; a label is escaped here (a CallSid needs nothing).</summary>
    private static string ParticipantPath(string callSidOrLabel) =>
        Escape(Guard.CallSidOrLabel(callSidOrLabel, nameof(callSidOrLabel)));

    private static TwilioConference ToConference(ConferenceResource conference) => new(
        Guard.Present(conference.Sid, "sid"),
        conference.FriendlyName,
        conference.Status?.ToString(),
        conference.ReasonConferenceEnded?.ToString(),
        conference.CallSidEndingConference);

    private static TwilioParticipant ToParticipant(ParticipantResource participant) => new(
        Guard.Present(participant.CallSid, "call_sid"),
        Guard.Present(participant.ConferenceSid, "conference_sid"),
        participant.Label,
        participant.Status?.ToString(),
        participant.Muted ?? false,
        participant.Hold ?? false,
        participant.Coaching ?? false,
        participant.CallSidToCoach,
        participant.StartConferenceOnEnter ?? false,
        participant.EndConferenceOnExit ?? false);
}
