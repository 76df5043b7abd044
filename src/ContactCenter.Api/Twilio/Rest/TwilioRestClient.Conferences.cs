using ContactCenter.Api.Observability;

namespace ContactCenter.Api.Twilio.Rest;

public sealed partial class TwilioRestClient
{
    private static readonly string[] CallEvents = ["initiated", "ringing", "answered", "completed"];

    public Task<IReadOnlyList<TwilioConference>> ListConferencesAsync(string? friendlyName, TwilioConferenceStatus? status, CancellationToken cancellationToken)
    {
        var query = new List<string> { "PageSize=100" };
        if (friendlyName is not null)
        {
            query.Add("FriendlyName=" + Escape(friendlyName));
        }

        if (status is { } s)
        {
            query.Add("Status=" + s switch
            {
                TwilioConferenceStatus.Init => "init",
                TwilioConferenceStatus.InProgress => "in-progress",
                TwilioConferenceStatus.Completed => "completed",
                _ => throw new ArgumentOutOfRangeException(nameof(status)),
            });
        }

        return ListAsync<ConferencePage, TwilioConference>(
            "Conferences.json?" + string.Join('&', query), page => (page.Conferences, page.NextPageUri), cancellationToken);
    }

    public Task<TwilioConference> FetchConferenceAsync(string conferenceSid, CancellationToken cancellationToken) =>
        SendAsync<TwilioConference>(HttpMethod.Get, $"Conferences/{Guard.ConferenceSid(conferenceSid, nameof(conferenceSid))}.json", null, cancellationToken);

    public Task<TwilioConference> UpdateConferenceAsync(string conferenceSid, UpdateConferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"Conferences/{Guard.ConferenceSid(conferenceSid, nameof(conferenceSid))}.json";
        var form = new TwilioForm()
            .Add("Status", request.Complete ? "completed" : null)
            .Add("AnnounceUrl", Guard.Url(request.AnnounceUrl, nameof(request.AnnounceUrl)));
        return SendAsync<TwilioConference>(HttpMethod.Post, path, NotEmpty(form, nameof(request)), cancellationToken);
    }

    public Task<TwilioParticipant> CreateParticipantAsync(string conferenceSid, CreateParticipantRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"Conferences/{Guard.ConferenceSid(conferenceSid, nameof(conferenceSid))}/Participants.json";
        var form = new TwilioForm()
            .Add("From", Guard.CallerId(request.From, nameof(request.From)))
            .Add("To", Guard.Dialable(request.To, nameof(request.To)))
            .Add("Label", Guard.Label(request.Label, nameof(request.Label)))
            .Add("Coaching", request.Coaching)
            .Add("CallSidToCoach", Guard.OptionalCallSid(request.CallSidToCoach, nameof(request.CallSidToCoach)))
            .Add("Beep", request.Beep)
            .Add("EarlyMedia", request.EarlyMedia)
            .Add("Muted", request.Muted)
            .Add("StartConferenceOnEnter", request.StartConferenceOnEnter)
            .Add("EndConferenceOnExit", request.EndConferenceOnExit)
            .Add("Timeout", Guard.Range(request.Timeout, 5, 600, nameof(request.Timeout)))
            .Add("TimeLimit", Guard.Range(request.TimeLimit, 1, 86_400, nameof(request.TimeLimit)))
            .Add("StatusCallback", Guard.Url(request.StatusCallback, nameof(request.StatusCallback)))
            .Add("StatusCallbackMethod", Guard.Method(request.StatusCallbackMethod, nameof(request.StatusCallbackMethod)))
            .AddEach("StatusCallbackEvent", Guard.Events(request.StatusCallbackEvent, nameof(request.StatusCallbackEvent), CallEvents))
            .Add("Record", request.Record)
            .Add("CallerId", Guard.OptionalCallerId(request.CallerId, nameof(request.CallerId)))
            .Add("WaitUrl", Guard.Url(request.WaitUrl, nameof(request.WaitUrl)));
        LogDialingParticipant(logger, PhoneMask.Mask(request.To), conferenceSid, request.Label);
        return SendAsync<TwilioParticipant>(HttpMethod.Post, path, form, cancellationToken, notRepeatable: true);
    }

    public Task<TwilioParticipant> FetchParticipantAsync(string conferenceSid, string callSidOrLabel, CancellationToken cancellationToken) =>
        SendAsync<TwilioParticipant>(HttpMethod.Get, ParticipantPath(conferenceSid, callSidOrLabel), null, cancellationToken);

    public Task<IReadOnlyList<TwilioParticipant>> ListParticipantsAsync(string conferenceSid, CancellationToken cancellationToken) =>
        ListAsync<ParticipantPage, TwilioParticipant>(
            $"Conferences/{Guard.ConferenceSid(conferenceSid, nameof(conferenceSid))}/Participants.json?PageSize=100",
            page => (page.Participants, page.NextPageUri),
            cancellationToken);

    public Task<TwilioParticipant> UpdateParticipantAsync(
        string conferenceSid, string callSidOrLabel, UpdateParticipantRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = ParticipantPath(conferenceSid, callSidOrLabel);
        var form = new TwilioForm()
            .Add("Hold", request.Hold)
            .Add("HoldUrl", Guard.Url(request.HoldUrl, nameof(request.HoldUrl)))
            .Add("HoldMethod", Guard.Method(request.HoldMethod, nameof(request.HoldMethod)))
            .Add("Muted", request.Muted)
            .Add("Coaching", request.Coaching)
            .Add("CallSidToCoach", Guard.OptionalCallSid(request.CallSidToCoach, nameof(request.CallSidToCoach)))
            .Add("AnnounceUrl", Guard.Url(request.AnnounceUrl, nameof(request.AnnounceUrl)))
            .Add("EndConferenceOnExit", request.EndConferenceOnExit)
            .Add("BeepOnExit", request.BeepOnExit);
        return SendAsync<TwilioParticipant>(HttpMethod.Post, path, NotEmpty(form, nameof(request)), cancellationToken);
    }

    public Task DeleteParticipantAsync(string conferenceSid, string callSidOrLabel, CancellationToken cancellationToken) =>
        SendAsync<NoContent>(HttpMethod.Delete, ParticipantPath(conferenceSid, callSidOrLabel), null, cancellationToken);

    private static string ParticipantPath(string conferenceSid, string callSidOrLabel) =>
        $"Conferences/{Guard.ConferenceSid(conferenceSid, nameof(conferenceSid))}/Participants/{Escape(Guard.CallSidOrLabel(callSidOrLabel, nameof(callSidOrLabel)))}.json";

    /// <summary>An update without fields would be a silent no-op at Twilio: certainly a caller's mistake.</summary>
    private static TwilioForm NotEmpty(TwilioForm form, string name) =>
        form.Count > 0 ? form : throw new ArgumentException("The update sets nothing.", name);
}
