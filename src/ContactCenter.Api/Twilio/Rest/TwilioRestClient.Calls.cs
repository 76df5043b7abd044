using ContactCenter.Api.Observability;

namespace ContactCenter.Api.Twilio.Rest;

public sealed partial class TwilioRestClient
{
    private static readonly string[] RecordingEvents = ["in-progress", "completed", "absent"];

    public Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.Url is null) == (request.Twiml is null))
        {
            throw new ArgumentException("A call needs exactly one of Url and Twiml.", nameof(request));
        }

        var form = new TwilioForm()
            .Add("To", Guard.Dialable(request.To, nameof(request.To)))
            .Add("From", Guard.CallerId(request.From, nameof(request.From)))
            .Add("Url", Guard.Url(request.Url, nameof(request.Url)))
            .Add("Twiml", request.Twiml)
            .Add("StatusCallback", Guard.Url(request.StatusCallback, nameof(request.StatusCallback)))
            .AddEach("StatusCallbackEvent", Guard.Events(request.StatusCallbackEvent, nameof(request.StatusCallbackEvent), CallEvents))
            .Add("Timeout", Guard.Range(request.Timeout, 5, 600, nameof(request.Timeout)));
        LogPlacingCall(logger, PhoneMask.Mask(request.To));
        return SendAsync<TwilioCall>(HttpMethod.Post, "Calls.json", form, cancellationToken, notRepeatable: true);
    }

    public Task<TwilioCall> FetchCallAsync(string callSid, CancellationToken cancellationToken) =>
        SendAsync<TwilioCall>(HttpMethod.Get, $"Calls/{Guard.CallSid(callSid, nameof(callSid))}.json", null, cancellationToken);

    public Task<TwilioCall> UpdateCallAsync(string callSid, UpdateCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"Calls/{Guard.CallSid(callSid, nameof(callSid))}.json";
        if (request.Url is not null && request.Twiml is not null)
        {
            throw new ArgumentException("Redirect a call with Url or Twiml, not both.", nameof(request));
        }

        var form = new TwilioForm()
            .Add("Status", request.Complete ? "completed" : null)
            .Add("Url", Guard.Url(request.Url, nameof(request.Url)))
            .Add("Twiml", request.Twiml);
        return SendAsync<TwilioCall>(HttpMethod.Post, path, NotEmpty(form, nameof(request)), cancellationToken);
    }

    public Task<TwilioRecording> StartCallRecordingAsync(string callSid, StartCallRecordingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = $"Calls/{Guard.CallSid(callSid, nameof(callSid))}/Recordings.json";
        if (request.RecordingTrack is not (null or "inbound" or "outbound" or "both"))
        {
            throw new ArgumentException($"'{request.RecordingTrack}' is not inbound, outbound or both.", nameof(request));
        }

        var form = new TwilioForm()
            .Add("RecordingStatusCallback", Guard.Url(request.RecordingStatusCallback, nameof(request.RecordingStatusCallback)))
            .AddEach("RecordingStatusCallbackEvent", Guard.Events(request.RecordingStatusCallbackEvent, nameof(request.RecordingStatusCallbackEvent), RecordingEvents))
            .Add("RecordingTrack", request.RecordingTrack);
        return SendAsync<TwilioRecording>(HttpMethod.Post, path, form, cancellationToken, notRepeatable: true);
    }
}
